#include "matting/rvm/network.h"

#include <torch/torch.h>

#include <cmath>

// Module and child names follow RVM's PyTorch code so that `named_parameters()` and
// `named_buffers()` give the official state-dict keys one to one ("0", "1"... are the indices of
// the reference's nn.Sequential children; parameter-free layers keep their index unused).

namespace passthrough::rvm {
namespace {

namespace F = torch::nn::functional;
using torch::Tensor;

enum class Act { None, ReLU, Hardswish };

// In place: `x` is always a layer's fresh output, so no other tensor sees the change, and one
// fused pass replaces the four of x * clamp(x + 3, 0, 6) / 6.
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

torch::nn::Conv2d conv(int in, int out, int kernel, int stride = 1, int padding = 0, int dilation = 1,
    int groups = 1, bool bias = false)
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

// A convolution with the inference-mode batch norm after it folded in: bn(conv(x, w) + c) =
// s * (conv(x, w) + c) + t with s = gamma / sqrt(var + eps), t = beta - mean * s, which is
// conv(x, s * w) + (s * c + t). One layer instead of two, and one pass less over the activations.
struct FoldedConv {
    Tensor weight;
    Tensor bias;

    static FoldedConv of(
        const torch::nn::Conv2d& conv, const torch::nn::BatchNorm2d& bn, torch::MemoryFormat format)
    {
        const Tensor scale = bn->weight / torch::sqrt(bn->running_var + bn->options.eps());
        const Tensor shift = bn->bias - bn->running_mean * scale;
        FoldedConv folded;
        folded.weight = (conv->weight * scale.view({ -1, 1, 1, 1 })).contiguous(format);
        folded.bias = conv->bias.defined() ? conv->bias * scale + shift : shift;
        return folded;
    }
    [[nodiscard]] bool ready() const { return weight.defined(); }
    Tensor apply(const torch::nn::Conv2d& conv, const Tensor& x) const
    {
        const auto& o = conv->options;
        return torch::conv2d(x, weight, bias, o.stride(), c10::get<torch::ExpandingArray<2>>(o.padding()),
            o.dilation(), o.groups());
    }
};

// relu(bn(conv(relu(bn(conv(x)))))) with both batch norms folded, once folded: the start of
// the output block and of the deep refiner.
struct FoldedConvPair {
    FoldedConv first;
    FoldedConv second;

    void fold(const torch::nn::Conv2d& c0, const torch::nn::BatchNorm2d& b1, const torch::nn::Conv2d& c3,
        const torch::nn::BatchNorm2d& b4, torch::MemoryFormat format)
    {
        first = FoldedConv::of(c0, b1, format);
        second = FoldedConv::of(c3, b4, format);
    }
    [[nodiscard]] bool ready() const { return first.ready(); }
    Tensor apply(const torch::nn::Conv2d& c0, const torch::nn::Conv2d& c3, const Tensor& x) const
    {
        return second.apply(c3, first.apply(c0, x).relu_()).relu_();
    }
};

// Conv + BN (+ activation): keys `<name>.0.*` and `<name>.1.*`.
struct ConvBnActImpl : torch::nn::Module {
    ConvBnActImpl(torch::nn::Conv2d c, int channels, double eps, Act a)
        : conv(register_module("0", c))
        , bn(register_module("1", batchNorm(channels, eps)))
        , act(a)
    {
    }
    Tensor forward(const Tensor& x)
    {
        return activate(folded.ready() ? folded.apply(conv, x) : bn(conv(x)), act);
    }
    void foldBatchNorm(torch::MemoryFormat format) { folded = FoldedConv::of(conv, bn, format); }
    torch::nn::Conv2d conv;
    torch::nn::BatchNorm2d bn;
    Act act;
    FoldedConv folded; // unregistered: the state dict's keys stay RVM's own
};
TORCH_MODULE(ConvBnAct);

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

constexpr double kBackboneEps = 1e-3;
constexpr double kEps = 1e-5;

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

struct BackboneImpl : torch::nn::Module {
    BackboneImpl()
    {
        features = register_module("features", torch::nn::ModuleList());
        features->push_back(ConvBnAct(conv(3, 16, 3, 2, 1), 16, kBackboneEps, Act::Hardswish));
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
            features->push_back(InvertedResidual(b));
        }
        features->push_back(ConvBnAct(conv(160, 960, 1), 960, kBackboneEps, Act::Hardswish));
        mean = torch::tensor({ 0.485f, 0.456f, 0.406f }).view({ 1, 3, 1, 1 });
        stdInv = torch::tensor({ 0.229f, 0.224f, 0.225f }).view({ 1, 3, 1, 1 });
    }
    Tensor run(std::size_t i, const Tensor& x)
    {
        if (auto* unit = (*features)[i]->as<ConvBnActImpl>()) {
            return unit->forward(x);
        }
        return (*features)[i]->as<InvertedResidualImpl>()->forward(x);
    }
    std::array<Tensor, 4> forward(const Tensor& src)
    {
        Tensor x = (src - mean.to(src.device())) / stdInv.to(src.device());
        std::array<Tensor, 4> f;
        const std::size_t ends[]
            = { 2, 4, 7, 17 }; // f1 after features.1, f2 after 3, f3 after 6, f4 after 16
        std::size_t i = 0;
        for (std::size_t level = 0; level < 4; ++level) {
            for (; i < ends[level]; ++i) {
                x = run(i, x);
            }
            f[level] = x;
        }
        return f;
    }
    torch::nn::ModuleList features;
    Tensor mean;
    Tensor stdInv;
};
TORCH_MODULE(Backbone);

struct AsppBranch2Impl : torch::nn::Module { // index 0 is the parameter-free pooling
    AsppBranch2Impl()
        : conv1(register_module("1", conv(960, 128, 1)))
    {
    }
    torch::nn::Conv2d conv1;
};
TORCH_MODULE(AsppBranch2);

struct LrAsppImpl : torch::nn::Module {
    LrAsppImpl()
        : aspp1(register_module("aspp1", ConvBnAct(conv(960, 128, 1), 128, kEps, Act::ReLU)))
        , aspp2(register_module("aspp2", AsppBranch2()))
    {
    }
    Tensor forward(const Tensor& x)
    {
        return aspp1(x) * torch::sigmoid(aspp2->conv1(x.mean({ 2, 3 }, true)));
    }
    ConvBnAct aspp1;
    AsppBranch2 aspp2;
};
TORCH_MODULE(LrAspp);

struct ConvHolderImpl : torch::nn::Module { // `<name>.0.*`: a conv followed by a parameter-free activation
    explicit ConvHolderImpl(torch::nn::Conv2d c)
        : conv0(register_module("0", c))
    {
    }
    torch::nn::Conv2d conv0;
};
TORCH_MODULE(ConvHolder);

struct ConvGruImpl : torch::nn::Module {
    explicit ConvGruImpl(int channels)
        : channels(channels)
        , ih(register_module("ih", ConvHolder(conv(2 * channels, 2 * channels, 3, 1, 1, 1, 1, true))))
        , hh(register_module("hh", ConvHolder(conv(2 * channels, channels, 3, 1, 1, 1, 1, true))))
    {
    }
    Tensor forward(const Tensor& x, Tensor h)
    {
        if (!h.defined()) {
            h = torch::zeros_like(x);
        }
        const Tensor rz = torch::sigmoid(ih->conv0(torch::cat({ x, h }, 1)));
        const Tensor r = rz.narrow(1, 0, channels);
        const Tensor z = rz.narrow(1, channels, channels);
        const Tensor c = torch::tanh(hh->conv0(torch::cat({ x, r * h }, 1)));
        return (1 - z) * h + z * c;
    }
    int channels;
    ConvHolder ih;
    ConvHolder hh;
};
TORCH_MODULE(ConvGru);

// The second half of the channels goes through the GRU ("split GRU").
std::pair<Tensor, Tensor> splitGru(ConvGru& gru, const Tensor& x, const Tensor& state)
{
    const int64_t half = x.size(1) / 2;
    Tensor b = gru->forward(x.narrow(1, half, half), state);
    return { torch::cat({ x.narrow(1, 0, half), b }, 1), b };
}

Tensor upsampleTo(const Tensor& x, const Tensor& like)
{
    Tensor up = torch::upsample_bilinear2d(x, { 2 * x.size(2), 2 * x.size(3) }, false, 2.0, 2.0);
    return up.narrow(2, 0, like.size(2)).narrow(3, 0, like.size(3));
}

struct BottleneckImpl : torch::nn::Module {
    BottleneckImpl()
        : gru(register_module("gru", ConvGru(64)))
    {
    }
    ConvGru gru;
};
TORCH_MODULE(Bottleneck);

struct UpsamplingBlockImpl : torch::nn::Module {
    UpsamplingBlockImpl(int in, int skip, int out)
        : conv(register_module(
            "conv", ConvBnAct(passthrough::rvm::conv(in + skip + 3, out, 3, 1, 1), out, kEps, Act::ReLU)))
        , gru(register_module("gru", ConvGru(out / 2)))
    {
    }
    std::pair<Tensor, Tensor> forward(
        const Tensor& x, const Tensor& skip, const Tensor& image, const Tensor& state)
    {
        Tensor y = conv(torch::cat({ upsampleTo(x, image), skip, image }, 1));
        return splitGru(gru, y, state);
    }
    ConvBnAct conv;
    ConvGru gru;
};
TORCH_MODULE(UpsamplingBlock);

struct OutputConvsImpl : torch::nn::Module { // `conv.0, .1, .3, .4`
    OutputConvsImpl()
        : c0(register_module("0", conv(35, 16, 3, 1, 1)))
        , b1(register_module("1", batchNorm(16, kEps)))
        , c3(register_module("3", conv(16, 16, 3, 1, 1)))
        , b4(register_module("4", batchNorm(16, kEps)))
    {
    }
    Tensor forward(const Tensor& x)
    {
        return folded.ready() ? folded.apply(c0, c3, x) : torch::relu(b4(c3(torch::relu(b1(c0(x))))));
    }
    void foldBatchNorm(torch::MemoryFormat format) { folded.fold(c0, b1, c3, b4, format); }
    torch::nn::Conv2d c0;
    torch::nn::BatchNorm2d b1;
    torch::nn::Conv2d c3;
    torch::nn::BatchNorm2d b4;
    FoldedConvPair folded;
};
TORCH_MODULE(OutputConvs);

struct OutputBlockImpl : torch::nn::Module {
    OutputBlockImpl()
        : conv(register_module("conv", OutputConvs()))
    {
    }
    OutputConvs conv;
};
TORCH_MODULE(OutputBlock);

Tensor avgPool(const Tensor& x)
{
    return torch::avg_pool2d(x, { 2, 2 }, { 2, 2 }, { 0, 0 }, true, false);
}

struct DecoderImpl : torch::nn::Module {
    DecoderImpl()
        : decode4(register_module("decode4", Bottleneck()))
        , decode3(register_module("decode3", UpsamplingBlock(128, 40, 80)))
        , decode2(register_module("decode2", UpsamplingBlock(80, 24, 40)))
        , decode1(register_module("decode1", UpsamplingBlock(40, 16, 32)))
        , decode0(register_module("decode0", OutputBlock()))
    {
    }
    Tensor forward(const Tensor& s0, const std::array<Tensor, 4>& f, const std::array<Tensor, 4>& r,
        std::array<Tensor, 4>& out)
    {
        const Tensor s1 = avgPool(s0);
        const Tensor s2 = avgPool(s1);
        const Tensor s3 = avgPool(s2);
        auto [x4, r4] = splitGru(decode4->gru, f[3], r[3]);
        auto [x3, r3] = decode3->forward(x4, f[2], s3, r[2]);
        auto [x2, r2] = decode2->forward(x3, f[1], s2, r[1]);
        auto [x1, r1] = decode1->forward(x2, f[0], s1, r[0]);
        out = { r1, r2, r3, r4 };
        return decode0->conv(torch::cat({ upsampleTo(x1, s0), s0 }, 1));
    }
    Bottleneck decode4;
    UpsamplingBlock decode3;
    UpsamplingBlock decode2;
    UpsamplingBlock decode1;
    OutputBlock decode0;
};
TORCH_MODULE(Decoder);

struct ProjectionImpl : torch::nn::Module {
    ProjectionImpl(int in, int out)
        : conv(register_module("conv", passthrough::rvm::conv(in, out, 1, 1, 0, 1, 1, true)))
    {
    }
    torch::nn::Conv2d conv;
};
TORCH_MODULE(Projection);

struct DeepRefinerConvsImpl : torch::nn::Module { // `conv.0, .1, .3, .4, .6`
    DeepRefinerConvsImpl()
        : c0(register_module("0", conv(24, 16, 1)))
        , b1(register_module("1", batchNorm(16, kEps)))
        , c3(register_module("3", conv(16, 16, 1)))
        , b4(register_module("4", batchNorm(16, kEps)))
        , c6(register_module("6", conv(16, 4, 1, 1, 0, 1, 1, true)))
    {
    }
    Tensor forward(const Tensor& x)
    {
        return c6(folded.ready() ? folded.apply(c0, c3, x) : torch::relu(b4(c3(torch::relu(b1(c0(x)))))));
    }
    void foldBatchNorm(torch::MemoryFormat format) { folded.fold(c0, b1, c3, b4, format); }
    torch::nn::Conv2d c0;
    torch::nn::BatchNorm2d b1;
    torch::nn::Conv2d c3;
    torch::nn::BatchNorm2d b4;
    torch::nn::Conv2d c6;
    FoldedConvPair folded;
};
TORCH_MODULE(DeepRefinerConvs);

struct DeepRefinerImpl : torch::nn::Module {
    DeepRefinerImpl()
        : boxFilter(register_module("box_filter", passthrough::rvm::conv(4, 4, 3, 1, 1, 1, 4, false)))
        , conv(register_module("conv", DeepRefinerConvs()))
    {
    }
    torch::nn::Conv2d boxFilter;
    DeepRefinerConvs conv;
};
TORCH_MODULE(DeepRefiner);

Tensor withMean(const Tensor& rgb)
{
    return torch::cat({ rgb, rgb.mean(1, true) }, 1);
}

// Guided filter coefficients A, b at low resolution (sections 7a and 7b), brought to H x W and
// applied to the full-resolution guide. Only the channels asked for are upsampled: alpha
// alone when the packing does not use the foreground colour.
Tensor applyGuidedFilter(const Tensor& a, const Tensor& b, const Tensor& fineSrc, bool withFgr)
{
    const int64_t first = withFgr ? 0 : 3;
    const int64_t count = 4 - first;
    const std::vector<int64_t> size { fineSrc.size(2), fineSrc.size(3) };
    const auto options = F::InterpolateFuncOptions().size(size).mode(torch::kBilinear).align_corners(false);
    const Tensor aUp = F::interpolate(a.narrow(1, first, count), options);
    const Tensor bUp = F::interpolate(b.narrow(1, first, count), options);
    return aUp * withMean(fineSrc).narrow(1, first, count) + bUp;
}

} // namespace

MattingNetworkImpl::MattingNetworkImpl(RefinerKind refiner)
    : m_refiner(refiner)
{
    m_backbone = register_module("backbone", Backbone());
    m_aspp = register_module("aspp", LrAspp());
    m_decoder = register_module("decoder", Decoder());
    m_projectMat = register_module("project_mat", Projection(16, 4));
    m_projectSeg = register_module("project_seg", Projection(16, 1));
    if (refiner == RefinerKind::DeepGuidedFilter) {
        m_deepRefiner = register_module("refiner", DeepRefiner());
    }
}

void MattingNetworkImpl::prepareForInference(const torch::Device& device)
{
    torch::NoGradGuard noGrad;
    // oneDNN, LibTorch's CPU convolution, works on channels-last (NHWC) pictures natively; fed
    // NCHW it reorders every layer's input and output. Measured on 2 cores (rvm-bench): an
    // eye pair at ratio 0.5 in 0.56x the time, 1920x1080 at 0.25 in 0.86x. The GPU path keeps
    // NCHW until it is measured there.
    m_channelsLast = device.is_cpu();
    const auto format = m_channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
    for (const auto& module : modules(true)) {
        if (auto* unit = module->as<ConvBnActImpl>()) {
            unit->foldBatchNorm(format);
        } else if (auto* output = module->as<OutputConvsImpl>()) {
            output->foldBatchNorm(format);
        } else if (auto* refiner = module->as<DeepRefinerConvsImpl>()) {
            refiner->foldBatchNorm(format);
        } else if (auto* conv = module->as<torch::nn::Conv2dImpl>()) {
            conv->weight.set_data(conv->weight.contiguous(format)); // the convolutions left unfolded
        }
    }
}

CoarseOutput MattingNetworkImpl::coarse(const Tensor& srcSm, const std::array<Tensor, 4>& state, bool refine)
{
    const Tensor input = m_channelsLast ? srcSm.contiguous(torch::MemoryFormat::ChannelsLast) : srcSm;
    const auto features = std::static_pointer_cast<BackboneImpl>(m_backbone)->forward(input);
    std::array<Tensor, 4> f = features;
    f[3] = std::static_pointer_cast<LrAsppImpl>(m_aspp)->forward(features[3]);
    CoarseOutput out;
    const Tensor hid = std::static_pointer_cast<DecoderImpl>(m_decoder)->forward(input, f, state, out.state);
    out.mat = std::static_pointer_cast<ProjectionImpl>(m_projectMat)->conv(hid);
    if (!refine) {
        return out;
    }
    const Tensor x = withMean(input);
    const Tensor& y = out.mat;
    if (m_refiner == RefinerKind::DeepGuidedFilter) {
        auto& deep = *std::static_pointer_cast<DeepRefinerImpl>(m_deepRefiner);
        const Tensor meanX = deep.boxFilter(x);
        const Tensor meanY = deep.boxFilter(y);
        const Tensor covXY = deep.boxFilter(x * y) - meanX * meanY;
        const Tensor varX = deep.boxFilter(x * x) - meanX * meanX;
        out.a = deep.conv(torch::cat({ covXY, varX, hid }, 1));
        out.b = meanY - out.a * meanX;
    } else {
        // 3x3 mean with zero padding, always divided by 9.
        auto box = [](const Tensor& t) {
            return torch::avg_pool2d(t, { 3, 3 }, { 1, 1 }, { 1, 1 }, false, true);
        };
        const Tensor meanX = box(x);
        const Tensor meanY = box(y);
        const Tensor covXY = box(x * y) - meanX * meanY;
        const Tensor varX = box(x * x) - meanX * meanX;
        out.a = covXY / (varX + 1e-5);
        out.b = meanY - out.a * meanX;
    }
    return out;
}

NetworkOutput MattingNetworkImpl::forward(
    const Tensor& src, const std::array<Tensor, 4>& state, double downsampleRatio, bool withFgr)
{
    const bool refine = downsampleRatio != 1.0;
    Tensor srcSm = src;
    if (refine) {
        // Scale by the ratio itself (not by size): the sizes are floor(H*r) x floor(W*r).
        const auto h = int64_t(std::floor(double(src.size(2)) * downsampleRatio));
        const auto w = int64_t(std::floor(double(src.size(3)) * downsampleRatio));
        srcSm = torch::upsample_bilinear2d(src, { h, w }, false, downsampleRatio, downsampleRatio);
    }
    CoarseOutput low = coarse(srcSm, state, refine);
    NetworkOutput out;
    out.state = low.state;
    Tensor fgrResidual = low.mat.narrow(1, 0, 3);
    Tensor pha = low.mat.narrow(1, 3, 1);
    if (refine) {
        const Tensor refined = applyGuidedFilter(low.a, low.b, src, withFgr);
        fgrResidual = withFgr ? refined.narrow(1, 0, 3) : Tensor();
        pha = refined.narrow(1, withFgr ? 3 : 0, 1);
    }
    if (withFgr) {
        out.fgr = torch::clamp(fgrResidual + src, 0.0, 1.0);
    }
    out.pha = torch::clamp(pha, 0.0, 1.0);
    return out;
}

} // namespace passthrough::rvm
