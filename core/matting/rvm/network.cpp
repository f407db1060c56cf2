#include "matting/rvm/network.h"

#include "matting/rvm/layers.h"
#include "matting/rvm/mobilenetv3.h"

#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>

#include <cmath>

// The recurrent decoder, the projections and the refiners (docs/rvm-architecture.md sections 4
// to 7) around the MobileNetV3 encoder (mobilenetv3.cpp). Names follow RVM's PyTorch code so
// the state-dict keys match one to one (layers.h).

namespace passthrough::rvm {

using namespace layers;

namespace {

namespace F = torch::nn::functional;

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
            "conv", ConvBnAct(layers::conv(in + skip + 3, out, 3, 1, 1), out, kEps, Act::ReLU)))
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
    void foldBatchNorm(WeightForm form) { folded.fold(c0, b1, c3, b4, form); }
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
        : conv(register_module("conv", layers::conv(in, out, 1, 1, 0, 1, 1, true)))
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
    void foldBatchNorm(WeightForm form) { folded.fold(c0, b1, c3, b4, form); }
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
        : boxFilter(register_module("box_filter", layers::conv(4, 4, 3, 1, 1, 1, 4, false)))
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
    m_backbone = register_module("backbone", MobileNetV3LargeEncoder());
    m_aspp = register_module("aspp", LrAspp());
    m_decoder = register_module("decoder", Decoder());
    m_projectMat = register_module("project_mat", Projection(16, 4));
    m_projectSeg = register_module("project_seg", Projection(16, 1));
    if (refiner == RefinerKind::DeepGuidedFilter) {
        m_deepRefiner = register_module("refiner", DeepRefiner());
    }
}

void MattingNetworkImpl::prepareForInference(const torch::Device& device, const InferenceOptions& options)
{
    torch::NoGradGuard noGrad;
    // oneDNN, LibTorch's CPU convolution, works on channels-last (NHWC) pictures natively; fed
    // NCHW it reorders every layer's input and output. Measured on 2 cores (rvm-bench): an
    // eye pair at ratio 0.5 in 0.56x the time, 1920x1080 at 0.25 in 0.86x. The GPU path keeps
    // NCHW unless asked (scripts/device-check.sh measures both).
    m_channelsLast = options.channelsLast.value_or(device.is_cpu());
    m_dtype = options.precision;
    const WeightForm form {
        m_channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous, m_dtype
    };
    for (const auto& module : modules(true)) {
        if (auto* unit = module->as<ConvBnActImpl>()) {
            unit->foldBatchNorm(form);
        } else if (auto* output = module->as<OutputConvsImpl>()) {
            output->foldBatchNorm(form);
        } else if (auto* refiner = module->as<DeepRefinerConvsImpl>()) {
            refiner->foldBatchNorm(form);
        } else if (auto* conv = module->as<torch::nn::Conv2dImpl>()) {
            conv->weight.set_data(conv->weight.contiguous(form.format)); // the convolutions left unfolded
        }
    }
    if (m_dtype != torch::kFloat32) {
        to(m_dtype); // the registered weights; the folded copies above are already converted
        if (m_deepRefiner) {
            // The deep refiner's box filter takes local means for the guided filter, which
            // coarse() computes in float32.
            std::static_pointer_cast<DeepRefinerImpl>(m_deepRefiner)->boxFilter->to(torch::kFloat32);
        }
    }
}

CoarseOutput MattingNetworkImpl::coarse(const Tensor& srcSm, const std::array<Tensor, 4>& state, bool refine)
{
    // In reduced precision the encoder, decoder and projection run in m_dtype; what leaves is
    // float32, and the guided filter's coefficients (differences of small local means) are
    // computed in float32 from the float picture.
    const Tensor picture = m_channelsLast ? srcSm.contiguous(torch::MemoryFormat::ChannelsLast) : srcSm;
    const Tensor input = picture.to(m_dtype);
    std::array<Tensor, 4> stateIn = state;
    for (Tensor& s : stateIn) {
        if (s.defined()) {
            s = s.to(m_dtype);
        }
    }
    const auto features = std::static_pointer_cast<MobileNetV3LargeEncoderImpl>(m_backbone)->forward(input);
    std::array<Tensor, 4> f = features;
    f[3] = std::static_pointer_cast<LrAsppImpl>(m_aspp)->forward(features[3]);
    CoarseOutput out;
    const Tensor hid
        = std::static_pointer_cast<DecoderImpl>(m_decoder)->forward(input, f, stateIn, out.state);
    out.mat = std::static_pointer_cast<ProjectionImpl>(m_projectMat)->conv(hid).to(torch::kFloat32);
    for (Tensor& s : out.state) {
        s = s.to(torch::kFloat32);
    }
    if (!refine) {
        return out;
    }
    const Tensor x = withMean(picture);
    const Tensor& y = out.mat;
    if (m_refiner == RefinerKind::DeepGuidedFilter) {
        auto& deep = *std::static_pointer_cast<DeepRefinerImpl>(m_deepRefiner);
        const Tensor meanX = deep.boxFilter(x);
        const Tensor meanY = deep.boxFilter(y);
        const Tensor covXY = deep.boxFilter(x * y) - meanX * meanY;
        const Tensor varX = deep.boxFilter(x * x) - meanX * meanX;
        out.a = deep.conv(torch::cat({ covXY, varX, hid.to(torch::kFloat32) }, 1).to(m_dtype))
                    .to(torch::kFloat32);
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
