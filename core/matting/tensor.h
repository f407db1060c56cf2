#pragma once

// The two LibTorch types core's interfaces name (torch::Tensor, torch::Device), without the rest
// of LibTorch: a header that includes <torch/types.h> costs every file that includes it 7-8 s
// of parsing on a 2-core machine, this 2-3 s. Most of the window's and the CLI's sources only
// pass tensors along; a source that computes with them includes <torch/torch.h> itself.
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

namespace torch {
// The same entities <torch/types.h> brings into namespace torch (its `using namespace at`).
using at::Tensor;
using c10::Device;
using c10::kCPU;
using c10::kCUDA;
} // namespace torch
