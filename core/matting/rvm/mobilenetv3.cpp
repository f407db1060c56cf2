#include "matting/rvm/mobilenetv3.h"

#include <torch/types.h>

namespace passthrough::rvm {

using namespace layers;

namespace {

struct SqueezeExciteImpl : torch::nn::Module {
    SqueezeExciteImpl(int channels, int squeezed)
        : fc1(register_module("fc1", conv(channels, squeezed, 1, 1, 0, 1, 1, true)))
        , fc2(register_module("fc2", conv(squeezed, channels, 1, 1, 0, 1, 1, true)))
    {
    }
    Tensor forward(const Tensor& x)
    {
        Tensor gate = torch::relu(fc1(x.mean({ 2, 3 }, true)));
        gate = fc2(gate);
        return x * torch::hardsigmoid_(gate);
    }
    torch::nn::Conv2d fc1;
    torch::nn::Conv2d fc2;
};
TORCH_MODULE(SqueezeExcite);

struct BlockConfig {
    int in;
    int kernel;
    int expanded;
    int out;
    int squeezed; // 0 = no squeeze-and-excitation
    Act act;
    int stride;
    int dilation;
};

// MobileNetV3 inverted residual (torchvision layout): keys `block.<i>.*`.
struct InvertedResidualImpl : torch::nn::Module {
    explicit InvertedResidualImpl(const BlockConfig& c)
        : residual(c.stride == 1 && c.in == c.out)
    {
        block = register_module("block", torch::nn::ModuleList());
        const int stride = c.dilation > 1 ? 1 : c.stride;
        if (c.expanded != c.in) {
            block->push_back(ConvBnAct(conv(c.in, c.expanded, 1), c.expanded, kBackboneEps, c.act));
        }
        const int padding = (c.kernel - 1) / 2 * c.dilation;
        block->push_back(
            ConvBnAct(conv(c.expanded, c.expanded, c.kernel, stride, padding, c.dilation, c.expanded),
                c.expanded, kBackboneEps, c.act));
        if (c.squeezed > 0) {
            block->push_back(SqueezeExcite(c.expanded, c.squeezed));
        }
        block->push_back(ConvBnAct(conv(c.expanded, c.out, 1), c.out, kBackboneEps, Act::None));
    }
    Tensor forward(const Tensor& x)
    {
        Tensor y = x;
        for (const auto& layer : *block) {
            if (auto* unit = layer->as<ConvBnActImpl>()) {
                y = unit->forward(y);
            } else {
                y = layer->as<SqueezeExciteImpl>()->forward(y);
            }
        }
        return residual ? y + x : y;
    }
    torch::nn::ModuleList block;
    bool residual;
};
TORCH_MODULE(InvertedResidual);

} // namespace

MobileNetV3LargeEncoderImpl::MobileNetV3LargeEncoderImpl()
{
    m_features = register_module("features", torch::nn::ModuleList());
    m_features->push_back(ConvBnAct(conv(3, 16, 3, 2, 1), 16, kBackboneEps, Act::Hardswish));
    const Act R = Act::ReLU;
    const Act H = Act::Hardswish;
    const BlockConfig blocks[] = {
        { 16, 3, 16, 16, 0, R, 1, 1 },
        { 16, 3, 64, 24, 0, R, 2, 1 },
        { 24, 3, 72, 24, 0, R, 1, 1 },
        { 24, 5, 72, 40, 24, R, 2, 1 },
        { 40, 5, 120, 40, 32, R, 1, 1 },
        { 40, 5, 120, 40, 32, R, 1, 1 },
        { 40, 3, 240, 80, 0, H, 2, 1 },
        { 80, 3, 200, 80, 0, H, 1, 1 },
        { 80, 3, 184, 80, 0, H, 1, 1 },
        { 80, 3, 184, 80, 0, H, 1, 1 },
        { 80, 3, 480, 112, 120, H, 1, 1 },
        { 112, 3, 672, 112, 168, H, 1, 1 },
        { 112, 5, 672, 160, 168, H, 2, 2 },
        { 160, 5, 960, 160, 240, H, 1, 2 },
        { 160, 5, 960, 160, 240, H, 1, 2 },
    };
    for (const auto& b : blocks) {
        m_features->push_back(InvertedResidual(b));
    }
    m_features->push_back(ConvBnAct(conv(160, 960, 1), 960, kBackboneEps, Act::Hardswish));
    m_mean = torch::tensor({ 0.485f, 0.456f, 0.406f }).view({ 1, 3, 1, 1 });
    m_std = torch::tensor({ 0.229f, 0.224f, 0.225f }).view({ 1, 3, 1, 1 });
}

Tensor MobileNetV3LargeEncoderImpl::run(std::size_t index, const Tensor& x)
{
    if (auto* unit = (*m_features)[index]->as<ConvBnActImpl>()) {
        return unit->forward(x);
    }
    return (*m_features)[index]->as<InvertedResidualImpl>()->forward(x);
}

std::array<Tensor, 4> MobileNetV3LargeEncoderImpl::forward(const Tensor& src)
{
    // In the input's number type: a float32 constant would promote reduced-precision input back.
    Tensor x = (src - m_mean.to(src.options())) / m_std.to(src.options());
    std::array<Tensor, 4> f;
    const std::size_t ends[] = { 2, 4, 7, 17 }; // f1 after features.1, f2 after 3, f3 after 6, f4 after 16
    std::size_t i = 0;
    for (std::size_t level = 0; level < 4; ++level) {
        for (; i < ends[level]; ++i) {
            x = run(i, x);
        }
        f[level] = x;
    }
    return f;
}

AsppPoolBranchImpl::AsppPoolBranchImpl()
    : conv1(register_module("1", conv(960, 128, 1)))
{
}

LrAsppImpl::LrAsppImpl()
    : aspp1(register_module("aspp1", ConvBnAct(conv(960, 128, 1), 128, kEps, Act::ReLU)))
    , aspp2(register_module("aspp2", AsppPoolBranch()))
{
}

Tensor LrAsppImpl::forward(const Tensor& x)
{
    return aspp1(x) * torch::sigmoid(aspp2->conv1(x.mean({ 2, 3 }, true)));
}

} // namespace passthrough::rvm
