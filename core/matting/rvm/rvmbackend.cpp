#include "matting/rvm/rvmbackend.h"

#include "matting/bfloat16support.h"
#include "matting/bilinear.h"
#include "util/error.h"

#include <torch/types.h>

#include <cmath>
#include <cstring>

namespace passthrough::rvm {
namespace {

std::string shapeText(const torch::Tensor& t)
{
    std::string text = "[";
    for (int64_t i = 0; i < t.dim(); ++i) {
        text += (i ? ", " : "") + std::to_string(t.size(i));
    }
    return text + "]";
}

bool looksLikeResNet50(const StateDict& weights)
{
    return weights.count("backbone.conv1.weight") > 0 || weights.count("backbone.layer1.0.conv1.weight") > 0;
}

} // namespace

MattingNetwork buildNetwork(const StateDict& weights, RefinerChoice choice, const std::string& origin)
{
    if (looksLikeResNet50(weights)) {
        throw Error(ErrorKind::Model,
            "cannot use the model " + origin
                + ": it holds RVM's ResNet50 weights, which are not supported yet (use rvm_mobilenetv3.pth)");
    }
    const bool hasDeepRefiner = weights.count("refiner.box_filter.weight") > 0;
    const RefinerKind kind = choice == RefinerChoice::Auto && hasDeepRefiner ? RefinerKind::DeepGuidedFilter
                                                                             : RefinerKind::FastGuidedFilter;
    MattingNetwork network(kind);
    torch::NoGradGuard noGrad;
    auto copyAll = [&](const auto& items) {
        for (const auto& item : items) {
            const auto found = weights.find(item.key());
            if (found == weights.end()) {
                throw Error(ErrorKind::Model,
                    "cannot use the model " + origin + ": the key " + item.key()
                        + " is missing (not an RVM MobileNetV3 state dict?)");
            }
            if (!found->second.sizes().equals(item.value().sizes())) {
                throw Error(ErrorKind::Model,
                    "cannot use the model " + origin + ": " + item.key() + " has shape "
                        + shapeText(found->second) + ", expected " + shapeText(item.value()));
            }
            item.value().copy_(found->second);
        }
    };
    copyAll(network->named_parameters(true));
    copyAll(network->named_buffers(true));
    network->eval();
    return network;
}

InferenceOptions parseInferenceOptions(const std::string& precision, const std::string& channelsLast)
{
    InferenceOptions options;
    if (precision == "fp16") {
        options.precision = torch::kHalf;
    } else if (precision == "bf16") {
        options.precision = torch::kBFloat16;
    } else if (precision != "fp32") {
        throw Error(ErrorKind::Usage, "unknown precision '" + precision + "' (use fp32, fp16 or bf16)");
    }
    if (channelsLast == "on" || channelsLast == "off") {
        options.channelsLast = channelsLast == "on";
    } else if (channelsLast != "auto") {
        throw Error(
            ErrorKind::Usage, "unknown channels-last choice '" + channelsLast + "' (use auto, on or off)");
    }
    return options;
}

RvmBackend::RvmBackend(const std::filesystem::path& modelFile, torch::Device device, RefinerChoice refiner,
    const InferenceOptions& options)
    : m_device(device)
{
    if (options.precision == torch::kHalf && device.is_cpu()) {
        throw Error(ErrorKind::Usage,
            "half precision needs a CUDA device: LibTorch's CPU convolutions have no half kernels "
            "(use float32, or bfloat16 on a CPU that computes it natively)");
    }
    if (options.precision == torch::kBFloat16 && device.is_cpu()) {
        // LibTorch would accept it and emulate it: 25 times slower than float32 and far less exact
        // on a processor without the instructions. Nobody asks for that.
        const Bfloat16Support support = cpuBfloat16Support();
        if (!support.native) {
            throw Error(ErrorKind::Usage,
                "bfloat16 is not native on this CPU (" + support.reason
                    + "): LibTorch would emulate it, many times slower than float32 and less exact "
                      "(use float32: fp32)");
        }
    }
    m_network = buildNetwork(loadStateDict(modelFile), refiner, modelFile.string());
    m_network->to(device);
    m_network->prepareForInference(device, options);
}

RvmBackend::RvmBackend(const RvmBackend& weights, SharedWeights)
    : m_network(weights.m_network)
    , m_device(weights.m_device)
{
}

std::unique_ptr<MattingBackend> RvmBackend::newStream()
{
    return std::unique_ptr<MattingBackend>(new RvmBackend(*this, SharedWeights {}));
}

std::unique_ptr<MattingBackend> makeRvmBackend(
    const std::filesystem::path& modelFile, torch::Device device, RefinerChoice refiner)
{
    return std::make_unique<RvmBackend>(modelFile, device, refiner);
}

void checkRvmWeights(const std::filesystem::path& modelFile, const std::string& origin)
{
    buildNetwork(loadStateDict(modelFile), RefinerChoice::Auto, origin);
}

std::string RvmBackend::name() const
{
    return m_network->refiner() == RefinerKind::DeepGuidedFilter ? "rvm-mobilenetv3 (deep guided filter)"
                                                                 : "rvm-mobilenetv3 (fast guided filter)";
}

void RvmBackend::resetState()
{
    m_state = {};
    m_stateShape.clear();
}

void RvmBackend::matchStateTo(c10::IntArrayRef inputSize, double downsampleRatio)
{
    // The state's shape follows the input size and ratio: a change starts from zero state.
    std::vector<int64_t> shape(inputSize.begin(), inputSize.end());
    int64_t ratioBits = 0;
    std::memcpy(&ratioBits, &downsampleRatio, sizeof ratioBits);
    shape.push_back(ratioBits);
    if (shape != m_stateShape) {
        m_state = {};
        m_stateShape = shape;
    }
}

NetworkOutput RvmBackend::forward(const torch::Tensor& src, double downsampleRatio, bool withFgr)
{
    torch::NoGradGuard noGrad;
    matchStateTo(src.sizes(), downsampleRatio);
    NetworkOutput out
        = m_network->forward(src.to(m_device, torch::kFloat32), m_state, downsampleRatio, withFgr);
    m_state = out.state;
    return out;
}

torch::Tensor RvmBackend::refineFullSize(const torch::Tensor& a, const torch::Tensor& b,
    const torch::Tensor& src8, torch::Tensor* foreground) const
{
    const int64_t height = src8.size(2);
    const int64_t width = src8.size(3);
    const BilinearAxis rows { a.size(2), height, 0.0 };
    const BilinearAxis columns { a.size(3), width, 0.0 };
    torch::Tensor alpha = torch::empty({ src8.size(0), 1, height, width }, torch::kFloat32);
    const bool colours = foreground != nullptr;
    if (colours) {
        *foreground = torch::empty({ src8.size(0), 3, height, width }, torch::kUInt8);
    }
    // On the CPU, bands of about 32 MiB of temporaries bound the memory however large the eye;
    // a GPU takes the eye in one piece.
    const int64_t bytesPerRow = src8.size(0) * width * 4 * 8 * (colours ? 4 : 1);
    const int64_t band = m_device.is_cuda() ? height : std::max<int64_t>(8, (32LL << 20) / bytesPerRow);
    // The coefficients' columns are enlarged once (small: their own height x the eye's width).
    const torch::Tensor aColumns = resampleColumns(a.narrow(1, 3, 1), columns);
    const torch::Tensor bColumns = resampleColumns(b.narrow(1, 3, 1), columns);
    const torch::Tensor aRgbColumns = colours ? resampleColumns(a.narrow(1, 0, 3), columns) : torch::Tensor();
    const torch::Tensor bRgbColumns = colours ? resampleColumns(b.narrow(1, 0, 3), columns) : torch::Tensor();
    for (int64_t first = 0; first < height; first += band) {
        const int64_t count = std::min(band, height - first);
        const torch::Tensor guide
            = src8.narrow(2, first, count).to(torch::kFloat32).div_(255.0).mean(1, true);
        const torch::Tensor fine = resampleRows(aColumns, rows, first, count)
                                       .mul_(guide)
                                       .add_(resampleRows(bColumns, rows, first, count));
        alpha.narrow(2, first, count).copy_(fine.clamp_(0.0, 1.0));
        if (colours) {
            // The colour channels filter RVM's foreground residual, guided by R, G and B:
            // foreground = residual + source, as RVM's own refiner adds it.
            const torch::Tensor rgb = src8.narrow(2, first, count).to(torch::kFloat32).div_(255.0);
            const torch::Tensor residual = resampleRows(aRgbColumns, rows, first, count)
                                               .mul_(rgb)
                                               .add_(resampleRows(bRgbColumns, rows, first, count));
            foreground->narrow(2, first, count)
                .copy_(residual.add_(rgb).clamp_(0.0, 1.0).mul_(255.0).round_().to(torch::kUInt8).cpu());
        }
    }
    return alpha;
}

torch::Tensor RvmBackend::step(const EyeBatch& eyes, double downsampleRatio)
{
    torch::NoGradGuard noGrad;
    try {
        // uint8 goes to the device and becomes float there, and only where it is read.
        const torch::Tensor src8 = eyes.rgb.to(m_device).permute({ 0, 3, 1, 2 });
        matchStateTo(src8.sizes(), downsampleRatio);
        if (downsampleRatio == 1.0) {
            // No refinement: the network itself runs at the full size.
            NetworkOutput out
                = m_network->forward(eyesAsFloat(eyes.rgb.to(m_device)), m_state, 1.0, eyes.foreground);
            m_state = out.state;
            if (eyes.foreground) {
                m_foreground = out.fgr.mul(255.0).round_().to(torch::kUInt8).cpu();
            }
            return toGuideSize(out.pha, eyes).to(torch::kCPU);
        }
        const int64_t height = src8.size(2);
        const int64_t width = src8.size(3);
        const BilinearAxis smallRows { height, int64_t(std::floor(double(height) * downsampleRatio)),
            1.0 / downsampleRatio };
        const BilinearAxis smallColumns { width, int64_t(std::floor(double(width) * downsampleRatio)),
            1.0 / downsampleRatio };
        const CoarseOutput low
            = m_network->coarse(resampleBilinear(src8, smallRows, smallColumns), m_state, true);
        m_state = low.state; // float32 always: half-precision state drifts over long runs
        if (!eyes.guide.defined()) {
            return refineFullSize(low.a, low.b, src8, eyes.foreground ? &m_foreground : nullptr);
        }
        // Alpha's guide is the fourth channel, the mean of RGB.
        const torch::Tensor a = low.a.narrow(1, 3, 1);
        const torch::Tensor b = low.b.narrow(1, 3, 1);
        // Straight to the stored size: the guide is the eye already area-resized to it.
        const torch::Tensor guide
            = eyes.guide.to(m_device).permute({ 0, 3, 1, 2 }).to(torch::kFloat32).div_(255.0).mean(1, true);
        const BilinearAxis rows { a.size(2), guide.size(2), 0.0 };
        const BilinearAxis columns { a.size(3), guide.size(3), 0.0 };
        const torch::Tensor alpha
            = resampleBilinear(a, rows, columns) * guide + resampleBilinear(b, rows, columns);
        return alpha.clamp(0.0, 1.0).to(torch::kCPU);
    } catch (const c10::Error& e) {
        throw modelFailure("the RVM model failed", e.what_without_backtrace(), m_device);
    } catch (const std::bad_alloc&) {
        throw modelFailure("the RVM model failed", "out of memory", m_device);
    }
}

} // namespace passthrough::rvm
