#include "matting/rvm/layers.h"

#include <torch/types.h>

namespace passthrough::rvm::layers {

Tensor activate(Tensor x, Act act)
{
    switch (act) {
    case Act::ReLU:
        return x.relu_();
    case Act::Hardswish:
        return torch::hardswish_(x);
    case Act::None:
        break;
    }
    return x;
}

torch::nn::Conv2d conv(
    int in, int out, int kernel, int stride, int padding, int dilation, int groups, bool bias)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                 .stride(stride)
                                 .padding(padding)
                                 .dilation(dilation)
                                 .groups(groups)
                                 .bias(bias));
}

torch::nn::BatchNorm2d batchNorm(int channels, double eps)
{
    return torch::nn::BatchNorm2d(torch::nn::BatchNormOptions(channels).eps(eps));
}

FoldedConv FoldedConv::of(const torch::nn::Conv2d& conv, const torch::nn::BatchNorm2d& bn, WeightForm form)
{
    const Tensor scale = bn->weight / torch::sqrt(bn->running_var + bn->options.eps());
    const Tensor shift = bn->bias - bn->running_mean * scale;
    FoldedConv folded;
    folded.weight = (conv->weight * scale.view({ -1, 1, 1, 1 })).to(form.dtype).contiguous(form.format);
    folded.bias = (conv->bias.defined() ? conv->bias * scale + shift : shift).to(form.dtype);
    return folded;
}

Tensor FoldedConv::apply(const torch::nn::Conv2d& conv, const Tensor& x) const
{
    const auto& o = conv->options;
    return torch::conv2d(x, weight, bias, o.stride(), c10::get<torch::ExpandingArray<2>>(o.padding()),
        o.dilation(), o.groups());
}

void FoldedConvPair::fold(const torch::nn::Conv2d& c0, const torch::nn::BatchNorm2d& b1,
    const torch::nn::Conv2d& c3, const torch::nn::BatchNorm2d& b4, WeightForm form)
{
    first = FoldedConv::of(c0, b1, form);
    second = FoldedConv::of(c3, b4, form);
}

Tensor FoldedConvPair::apply(const torch::nn::Conv2d& c0, const torch::nn::Conv2d& c3, const Tensor& x) const
{
    return second.apply(c3, first.apply(c0, x).relu_()).relu_();
}

ConvBnActImpl::ConvBnActImpl(torch::nn::Conv2d c, int channels, double eps, Act a)
    : conv(register_module("0", std::move(c)))
    , bn(register_module("1", batchNorm(channels, eps)))
    , act(a)
{
}

Tensor ConvBnActImpl::forward(const Tensor& x)
{
    return activate(folded.ready() ? folded.apply(conv, x) : bn(conv(x)), act);
}

} // namespace passthrough::rvm::layers
