#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include <array>
#include <memory>

namespace passthrough::rvm {

enum class RefinerKind { FastGuidedFilter, DeepGuidedFilter };

struct NetworkOutput {
    torch::Tensor fgr; // B x 3 x H x W in [0, 1]; undefined when not asked for
    torch::Tensor pha; // B x 1 x H x W in [0, 1]
    std::array<torch::Tensor, 4> state; // r1..r4
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

    [[nodiscard]] RefinerKind refiner() const { return m_refiner; }

private:
    RefinerKind m_refiner;
    std::shared_ptr<torch::nn::Module> m_backbone;
    std::shared_ptr<torch::nn::Module> m_aspp;
    std::shared_ptr<torch::nn::Module> m_decoder;
    std::shared_ptr<torch::nn::Module> m_projectMat;
    std::shared_ptr<torch::nn::Module> m_projectSeg;
    std::shared_ptr<torch::nn::Module> m_deepRefiner; // only for DeepGuidedFilter
};

TORCH_MODULE(MattingNetwork);

} // namespace passthrough::rvm
