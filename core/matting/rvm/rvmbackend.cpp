#include "matting/rvm/rvmbackend.h"

#include "util/error.h"

#include <torch/torch.h>

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

RvmBackend::RvmBackend(const std::filesystem::path& modelFile, torch::Device device, RefinerChoice refiner)
    : m_device(device)
{
    m_network = buildNetwork(loadStateDict(modelFile), refiner, modelFile.string());
    m_network->to(device);
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

void RvmBackend::matchStateTo(const torch::Tensor& input, double downsampleRatio)
{
    // The state's shape follows the input size and ratio: a change starts from zero state.
    std::vector<int64_t> shape(input.sizes().begin(), input.sizes().end());
    int64_t ratioBits = 0;
    std::memcpy(&ratioBits, &downsampleRatio, sizeof ratioBits);
    shape.push_back(ratioBits);
    if (shape != m_stateShape) {
        m_state = {};
        m_stateShape = shape;
    }
}

NetworkOutput RvmBackend::forward(const torch::Tensor& src, double downsampleRatio)
{
    torch::NoGradGuard noGrad;
    matchStateTo(src, downsampleRatio);
    NetworkOutput out = m_network->forward(src.to(m_device, torch::kFloat32), m_state, downsampleRatio, true);
    m_state = out.state;
    return out;
}

torch::Tensor RvmBackend::step(const torch::Tensor& eyes, double downsampleRatio)
{
    torch::NoGradGuard noGrad;
    matchStateTo(eyes, downsampleRatio);
    try {
        NetworkOutput out
            = m_network->forward(eyes.to(m_device, torch::kFloat32), m_state, downsampleRatio, false);
        m_state = out.state; // float32 always: half-precision state drifts over long runs
        return out.pha.to(torch::kCPU);
    } catch (const c10::Error& e) {
        throw modelFailure("the RVM model failed", e.what_without_backtrace(), m_device);
    } catch (const std::bad_alloc&) {
        throw modelFailure("the RVM model failed", "out of memory", m_device);
    }
}

} // namespace passthrough::rvm
