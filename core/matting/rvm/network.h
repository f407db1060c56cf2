#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include <array>
#include <memory>
#include <optional>

namespace passthrough::rvm {

enum class RefinerKind { FastGuidedFilter, DeepGuidedFilter };

// The low-resolution half of a step: backbone, decoder and projection at the downsampled size,
// and, when the step refines, the guided filter's coefficients. Refining is then a per-pixel
// affine map of the fine picture, fine = a * guide + b with guide = (R, G, B, mean of RGB), so it
// can be applied at any size and band by band (rvmbackend.cpp does both).
struct CoarseOutput {
    torch::Tensor a; // B x 4 x h x w, only when refining
    torch::Tensor b;
    torch::Tensor mat; // B x 4 x h x w: foreground residual and alpha at the small size
    std::array<torch::Tensor, 4> state; // r1..r4
};

struct NetworkOutput {
    torch::Tensor fgr; // B x 3 x H x W in [0, 1]; undefined when not asked for
    torch::Tensor pha; // B x 1 x H x W in [0, 1]
    std::array<torch::Tensor, 4> state; // r1..r4
};

// How the network runs on its device.
struct InferenceOptions {
    // float32; or half (CUDA only: LibTorch's CPU convolutions have no half kernels) or
    // bfloat16, which run the encoder and decoder in that type (tests and device-check.sh bound
    // the difference to float32).
    torch::ScalarType precision = torch::kFloat32;
    // Channels-last convolutions; unset: on the CPU (oneDNN's own layout), off elsewhere.
    std::optional<bool> channelsLast;
};

// Robust Video Matting, MobileNetV3 variant (docs/rvm-architecture.md), as LibTorch modules
// whose parameter and buffer names are exactly the keys of RVM's official state dict.
class MattingNetworkImpl : public torch::nn::Module {
public:
    explicit MattingNetworkImpl(RefinerKind refiner);

    // `state` entries may be undefined (first frame): that equals zeros. `withFgr` false skips
    // the full-resolution foreground, which only some packings use.
    NetworkOutput forward(const torch::Tensor& src, const std::array<torch::Tensor, 4>& state,
        double downsampleRatio, bool withFgr = true);

    // The low-resolution half only: `srcSm` is the input already downsampled (B x 3 x h x w).
    CoarseOutput coarse(const torch::Tensor& srcSm, const std::array<torch::Tensor, 4>& state, bool refine);

    [[nodiscard]] RefinerKind refiner() const { return m_refiner; }
    // For inference only, once the weights are loaded and on `device`: every batch norm is
    // folded into the convolution before it (the modules keep their parameters and keys, and
    // moving the network afterwards would leave the folded copies behind), in the options'
    // number type and memory layout.
    void prepareForInference(const torch::Device& device, const InferenceOptions& options = {});

private:
    RefinerKind m_refiner;
    bool m_channelsLast = false;
    torch::ScalarType m_dtype = torch::kFloat32;
    std::shared_ptr<torch::nn::Module> m_backbone;
    std::shared_ptr<torch::nn::Module> m_aspp;
    std::shared_ptr<torch::nn::Module> m_decoder;
    std::shared_ptr<torch::nn::Module> m_projectMat;
    std::shared_ptr<torch::nn::Module> m_projectSeg;
    std::shared_ptr<torch::nn::Module> m_deepRefiner; // only for DeepGuidedFilter
};

TORCH_MODULE(MattingNetwork);

} // namespace passthrough::rvm
