#pragma once

#include "matting/backendmakers.h"
#include "matting/mattingbackend.h"
#include "matting/rvm/network.h"
#include "matting/rvm/statedict.h"

#include <filesystem>
#include <optional>

namespace passthrough::rvm {

// Builds the network for a state dict and copies every tensor into it. Refiner "auto" picks the
// deep guided filter when the dict holds `refiner.*` weights, else the fast one. Throws
// Error(Model) naming `origin` and the first missing key or wrong shape, and saying so when the
// weights are RVM's ResNet50 variant.
MattingNetwork buildNetwork(const StateDict& weights, RefinerChoice refiner, const std::string& origin);

// Inference options as the tools spell them: precision fp32|fp16|bf16, channels-last
// auto|on|off. Throws Error(Usage) naming the word it does not know.
InferenceOptions parseInferenceOptions(const std::string& precision, const std::string& channelsLast);

// The native RVM backend: both eyes as one batch, each with its own recurrent state, kept in
// float32 on the chosen device (the network inside may run in reduced precision: `options`).
class RvmBackend final : public MattingBackend {
public:
    RvmBackend(const std::filesystem::path& modelFile, torch::Device device,
        RefinerChoice refiner = RefinerChoice::Auto, const InferenceOptions& options = {});

    [[nodiscard]] std::string name() const override;
    [[nodiscard]] torch::Device device() const override { return m_device; }
    torch::Tensor step(const EyeBatch& eyes, double downsampleRatio) override;
    void resetState() override;
    torch::Tensor takeForeground() override { return std::exchange(m_foreground, {}); }
    std::unique_ptr<MattingBackend> newStream() override;

    // One network step on float eyes (N x 3 x H x W in [0, 1]) refined to their full size, as
    // RVM's own code runs it: for the golden tests and as the bench's bare-model reference.
    NetworkOutput forward(const torch::Tensor& src, double downsampleRatio, bool withFgr = true);
    [[nodiscard]] RefinerKind refiner() const { return m_network->refiner(); }

private:
    // A stream over `weights`' network (newStream): the module holder is shared, not copied.
    struct SharedWeights { };
    RvmBackend(const RvmBackend& weights, SharedWeights);
    void matchStateTo(c10::IntArrayRef inputSize, double downsampleRatio);
    // Alpha from the guided filter's coefficients at the full eye size, band by band; with
    // `foreground` also RVM's foreground (uint8), from the coefficients' colour channels.
    torch::Tensor refineFullSize(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& src8,
        torch::Tensor* foreground = nullptr) const;

    MattingNetwork m_network { nullptr };
    torch::Device m_device;
    std::array<torch::Tensor, 4> m_state;
    std::vector<int64_t> m_stateShape; // input size and ratio the state belongs to
    torch::Tensor m_foreground; // of the last step that asked for it
};

} // namespace passthrough::rvm
