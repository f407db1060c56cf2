#pragma once

// TF's operations where their semantics differ from LibTorch's (padding, filter layouts, slicing,
// gathering, axes), for GraphExecutor. Each refusal throws NodeFailure, which the executor reports
// with the node's name.

#include "matting/tensor.h"
#include "person/tfjsgraph.h"

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace passthrough::person::tfops {

struct NodeFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

c10::ScalarType scalarType(DType type);
// The values of a small integer tensor (a shape, an axis, slice bounds).
std::vector<std::int64_t> values(const torch::Tensor& t);
std::int64_t scalar(const torch::Tensor& t);
// A TF axis (negative counts from the end) for a tensor of `rank` dimensions.
std::int64_t axisOf(std::int64_t axis, std::int64_t rank);
// Refuses a shape of more than kMaxTensorElements elements.
void checkSize(const std::vector<std::int64_t>& dims);
// NCHW view of an NHWC tensor, padded the TF way for a window of kh x kw (SAME puts the odd
// pixel after, unlike PyTorch's symmetric padding); `fill` for max pooling's -inf.
torch::Tensor padded(
    const torch::Tensor& nhwc, const GraphNode& n, std::int64_t kh, std::int64_t kw, double fill);
// TF's filter layouts to torch's: Conv2D [kh, kw, in, out] -> [out, in, kh, kw]; depthwise
// [kh, kw, in, multiplier] -> [in * multiplier, 1, kh, kw].
torch::Tensor torchFilter(const torch::Tensor& filter, Op op);
// Conv2D and DepthwiseConv2dNative (fused bias and activation included) on NHWC input.
torch::Tensor convolution(
    const GraphNode& n, const std::vector<torch::Tensor>& in, const torch::Tensor& filter);
torch::Tensor stridedSlice(const GraphNode& n, const std::vector<torch::Tensor>& in);
torch::Tensor gatherNd(const torch::Tensor& params, const torch::Tensor& indices);
// Sum's and Max's axes, TF's negative ones resolved.
std::vector<std::int64_t> reductionAxes(const torch::Tensor& axes, std::int64_t rank);

} // namespace passthrough::person::tfops
