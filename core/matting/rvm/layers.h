#pragma once

// The building blocks every part of the RVM network is made of (network.cpp, mobilenetv3.cpp):
// convolutions, batch norms, and the two folded forms inference uses. Module and child names
// follow RVM's PyTorch code so that `named_parameters()` and `named_buffers()` give the
// official state-dict keys one to one ("0", "1"... are the indices of the reference's
// nn.Sequential children; parameter-free layers keep their index unused).

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

namespace passthrough::rvm::layers {

using torch::Tensor;

enum class Act { None, ReLU, Hardswish };

// Batch-norm epsilons: torchvision's MobileNetV3 uses 1e-3, RVM's own layers PyTorch's default.
constexpr double kBackboneEps = 1e-3;
constexpr double kEps = 1e-5;

// In place: `x` is always a layer's fresh output, so no other tensor sees the change, and one
// fused pass replaces the four of x * clamp(x + 3, 0, 6) / 6.
Tensor activate(Tensor x, Act act);

torch::nn::Conv2d conv(int in, int out, int kernel, int stride = 1, int padding = 0, int dilation = 1,
    int groups = 1, bool bias = false);
torch::nn::BatchNorm2d batchNorm(int channels, double eps);

// How inference keeps a folded convolution's weights: their memory format (channels-last for
// oneDNN on the CPU) and number type (float32, or half/bfloat16 for reduced precision). The
// fold itself is computed in float32 either way.
struct WeightForm {
    torch::MemoryFormat format = torch::MemoryFormat::Contiguous;
    torch::ScalarType dtype = torch::kFloat32;
};

// A convolution with the inference-mode batch norm after it folded in: bn(conv(x, w) + c) =
// s * (conv(x, w) + c) + t with s = gamma / sqrt(var + eps), t = beta - mean * s, which is
// conv(x, s * w) + (s * c + t). One layer instead of two, and one pass less over the activations.
struct FoldedConv {
    Tensor weight;
    Tensor bias;

    static FoldedConv of(const torch::nn::Conv2d& conv, const torch::nn::BatchNorm2d& bn, WeightForm form);
    [[nodiscard]] bool ready() const { return weight.defined(); }
    [[nodiscard]] Tensor apply(const torch::nn::Conv2d& conv, const Tensor& x) const;
};

// relu(bn(conv(relu(bn(conv(x)))))) with both batch norms folded, once folded: the start of
// the output block and of the deep refiner.
struct FoldedConvPair {
    FoldedConv first;
    FoldedConv second;

    void fold(const torch::nn::Conv2d& c0, const torch::nn::BatchNorm2d& b1, const torch::nn::Conv2d& c3,
        const torch::nn::BatchNorm2d& b4, WeightForm form);
    [[nodiscard]] bool ready() const { return first.ready(); }
    [[nodiscard]] Tensor apply(
        const torch::nn::Conv2d& c0, const torch::nn::Conv2d& c3, const Tensor& x) const;
};

// Conv + BN (+ activation): keys `<name>.0.*` and `<name>.1.*`.
struct ConvBnActImpl : torch::nn::Module {
    ConvBnActImpl(torch::nn::Conv2d c, int channels, double eps, Act a);
    Tensor forward(const Tensor& x);
    void foldBatchNorm(WeightForm form) { folded = FoldedConv::of(conv, bn, form); }

    torch::nn::Conv2d conv;
    torch::nn::BatchNorm2d bn;
    Act act;
    FoldedConv folded; // unregistered: the state dict's keys stay RVM's own
};
TORCH_MODULE(ConvBnAct);

} // namespace passthrough::rvm::layers
