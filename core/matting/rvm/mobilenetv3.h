#pragma once

// RVM's encoder: torchvision's MobileNetV3-Large feature extractor (keys `backbone.features.*`)
// and the LR-ASPP block after it (keys `aspp.*`), docs/rvm-architecture.md sections 2 and 3.

#include "matting/rvm/layers.h"

#include <torch/nn/modules/container/modulelist.h>

#include <array>

namespace passthrough::rvm {

class MobileNetV3LargeEncoderImpl : public torch::nn::Module {
public:
    MobileNetV3LargeEncoderImpl();
    // ImageNet-normalises `src` (B x 3 x h x w in [0, 1]) and returns the features at 1/2, 1/4,
    // 1/8 and 1/16 of its size (16, 24, 40 and 960 channels).
    std::array<torch::Tensor, 4> forward(const torch::Tensor& src);

private:
    torch::Tensor run(std::size_t index, const torch::Tensor& x);

    torch::nn::ModuleList m_features;
    torch::Tensor m_mean;
    torch::Tensor m_std;
};
TORCH_MODULE(MobileNetV3LargeEncoder);

// The second branch's index 0 is the parameter-free pooling, so its conv is `aspp2.1`.
struct AsppPoolBranchImpl : torch::nn::Module {
    AsppPoolBranchImpl();
    torch::nn::Conv2d conv1;
};
TORCH_MODULE(AsppPoolBranch);

// Lite R-ASPP: the 960 deepest channels brought to 128, gated by their global average.
struct LrAsppImpl : torch::nn::Module {
    LrAsppImpl();
    torch::Tensor forward(const torch::Tensor& x);
    layers::ConvBnAct aspp1;
    AsppPoolBranch aspp2;
};
TORCH_MODULE(LrAspp);

} // namespace passthrough::rvm
