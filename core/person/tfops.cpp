#include "person/tfops.h"

#include <torch/types.h>

#include <algorithm>

namespace passthrough::person::tfops {
namespace {

// TF's SAME padding for one dimension: the output is ceil(in / stride), and the odd pixel of
// padding goes after (bottom, right), unlike PyTorch's symmetric padding.
std::pair<std::int64_t, std::int64_t> samePadding(
    std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t dilation)
{
    const std::int64_t out = (in + stride - 1) / stride;
    const std::int64_t total
        = std::max<std::int64_t>((out - 1) * stride + (kernel - 1) * dilation + 1 - in, 0);
    return { total / 2, total - total / 2 };
}

} // namespace

c10::ScalarType scalarType(DType type)
{
    switch (type) {
    case DType::Float32:
        return torch::kFloat;
    case DType::Int32:
        return torch::kInt;
    case DType::Bool:
        return torch::kBool;
    }
    return torch::kFloat;
}

std::vector<std::int64_t> values(const torch::Tensor& t)
{
    if (t.scalar_type() != torch::kInt && t.scalar_type() != torch::kLong) {
        throw NodeFailure("an index input is not an integer tensor");
    }
    if (t.numel() > 64) {
        throw NodeFailure("an index input has more than 64 values");
    }
    const torch::Tensor flat = t.to(torch::kCPU, torch::kLong).contiguous().flatten();
    const std::int64_t* data = flat.data_ptr<std::int64_t>();
    return { data, data + flat.numel() };
}

std::int64_t scalar(const torch::Tensor& t)
{
    const std::vector<std::int64_t> v = values(t);
    if (v.size() != 1) {
        throw NodeFailure("an axis or count input holds " + std::to_string(v.size()) + " values, not one");
    }
    return v[0];
}

std::int64_t axisOf(std::int64_t axis, std::int64_t rank)
{
    if (axis < -rank || axis >= rank) {
        throw NodeFailure(
            "axis " + std::to_string(axis) + " is outside a rank-" + std::to_string(rank) + " tensor");
    }
    return axis < 0 ? axis + rank : axis;
}

void checkSize(const std::vector<std::int64_t>& dims)
{
    std::int64_t count = 1;
    for (std::int64_t d : dims) {
        if (d < 0 || (d != 0 && count > kMaxTensorElements / d)) {
            throw NodeFailure("a tensor of that shape would be too large");
        }
        count *= d;
    }
}

torch::Tensor padded(
    const torch::Tensor& nhwc, const GraphNode& n, std::int64_t kh, std::int64_t kw, double fill)
{
    torch::Tensor x = nhwc.permute({ 0, 3, 1, 2 });
    if (n.padding == Padding::Same) {
        const auto [top, bottom] = samePadding(x.size(2), kh, n.strides[0], n.dilations[0]);
        const auto [left, right] = samePadding(x.size(3), kw, n.strides[1], n.dilations[1]);
        if (top + bottom + left + right > 0) {
            x = torch::constant_pad_nd(x, { left, right, top, bottom }, fill);
        }
    }
    return x;
}

// The depthwise layout's output channel c * multiplier + m is also the order of a grouped
// convolution's outputs.
torch::Tensor torchFilter(const torch::Tensor& filter, Op op)
{
    if (filter.dim() != 4 || filter.scalar_type() != torch::kFloat) {
        throw NodeFailure("the filter is not a float tensor of rank 4");
    }
    if (op == Op::Conv2D) {
        return filter.permute({ 3, 2, 0, 1 }).contiguous();
    }
    return filter.permute({ 2, 3, 0, 1 })
        .reshape({ filter.size(2) * filter.size(3), 1, filter.size(0), filter.size(1) })
        .contiguous();
}

torch::Tensor convolution(
    const GraphNode& n, const std::vector<torch::Tensor>& in, const torch::Tensor& filter)
{
    const torch::Tensor& x = in[0];
    if (x.dim() != 4 || x.scalar_type() != torch::kFloat) {
        throw NodeFailure("the input is not a float NHWC tensor");
    }
    const std::int64_t channels = x.size(3);
    const std::int64_t groups = n.op == Op::DepthwiseConv2D ? channels : 1;
    if (filter.size(1) * groups != channels) {
        throw NodeFailure("the filter does not match the input's " + std::to_string(channels) + " channels");
    }
    torch::Tensor bias;
    if (n.bias) {
        bias = in[2];
        if (bias.dim() != 1 || bias.size(0) != filter.size(0) || bias.scalar_type() != torch::kFloat) {
            throw NodeFailure("the bias does not match the filter's outputs");
        }
    }
    const torch::Tensor padIn = padded(x, n, filter.size(2), filter.size(3), 0.0);
    const std::array<std::int64_t, 2> noPadding { 0, 0 };
    // On the CPU, oneDNN directly: LibTorch 1.13 sends small-batch 1x1 convolutions to its own
    // im2col + BLAS path, which with Debian's default reference BLAS took 11 ms for one 8x8
    // 240->1440 layer.
    torch::Tensor y = padIn.device().is_cpu() && at::hasMKLDNN()
        ? at::mkldnn_convolution(padIn, filter, bias, torch::IntArrayRef(noPadding),
            torch::IntArrayRef(n.strides), torch::IntArrayRef(n.dilations), groups)
        : torch::conv2d(padIn, filter, bias, torch::IntArrayRef(n.strides), torch::IntArrayRef(noPadding),
            torch::IntArrayRef(n.dilations), groups);
    if (n.activation == Activation::Relu) {
        y = torch::relu(y);
    } else if (n.activation == Activation::Relu6) {
        y = torch::clamp(y, 0.0, 6.0);
    }
    return y.permute({ 0, 2, 3, 1 });
}

torch::Tensor stridedSlice(const GraphNode& n, const std::vector<torch::Tensor>& in)
{
    const std::vector<std::int64_t> begin = values(in[1]);
    const std::vector<std::int64_t> end = values(in[2]);
    const std::vector<std::int64_t> strides = values(in[3]);
    if (begin.size() != end.size() || begin.size() != strides.size()) {
        throw NodeFailure("begin, end and strides differ in length");
    }
    // TF's slice specification is NumPy's: per entry an ellipsis (the dimensions no other entry
    // names), a new axis, a single index (shrink) or a range clamped to the dimension. Done with
    // select/slice/unsqueeze: LibTorch 1.13's TensorIndex leaves a member uninitialised that its
    // move constructor reads (undefined behaviour the sanitizers report).
    torch::Tensor x = in[0];
    const std::int64_t rank = x.dim();
    std::int64_t inDim = 0; // dimensions of the input consumed
    std::int64_t outDim = 0; // where the next entry applies in x
    for (std::size_t i = 0; i < begin.size(); ++i) {
        const std::int64_t bit = std::int64_t(1) << i;
        if (n.ellipsisMask & bit) {
            std::int64_t later = 0;
            for (std::size_t j = i + 1; j < begin.size(); ++j) {
                const std::int64_t b = std::int64_t(1) << j;
                later += (n.newAxisMask & b) || (n.ellipsisMask & b) ? 0 : 1;
            }
            const std::int64_t covered = std::max<std::int64_t>(0, rank - inDim - later);
            inDim += covered;
            outDim += covered;
        } else if (n.newAxisMask & bit) {
            x = x.unsqueeze(outDim++);
        } else {
            if (inDim >= rank) {
                throw NodeFailure("the slice names more dimensions than the input has");
            }
            const std::int64_t size = x.size(outDim);
            if (n.shrinkAxisMask & bit) {
                const std::int64_t index = begin[i] < 0 ? begin[i] + size : begin[i];
                if (index < 0 || index >= size) {
                    throw NodeFailure("index " + std::to_string(begin[i]) + " is outside a dimension of "
                        + std::to_string(size));
                }
                x = x.select(outDim, index);
            } else {
                if (strides[i] <= 0) {
                    throw NodeFailure(
                        "a slice with a step of " + std::to_string(strides[i]) + " is not supported");
                }
                const auto clampIndex = [&](std::int64_t v) {
                    return v < 0 ? std::max<std::int64_t>(v + size, 0) : std::min(v, size);
                };
                const std::int64_t from = (n.beginMask & bit) ? 0 : clampIndex(begin[i]);
                const std::int64_t to = (n.endMask & bit) ? size : clampIndex(end[i]);
                x = x.slice(outDim++, from, std::max(from, to), strides[i]);
            }
            ++inDim;
        }
    }
    return x;
}

torch::Tensor gatherNd(const torch::Tensor& params, const torch::Tensor& indices)
{
    if (indices.dim() < 1 || indices.scalar_type() != torch::kInt) {
        throw NodeFailure("the indices are not an int32 tensor");
    }
    const std::int64_t depth = indices.size(-1);
    if (depth < 1 || depth > params.dim()) {
        throw NodeFailure("the indices address " + std::to_string(depth) + " of "
            + std::to_string(params.dim()) + " dimensions");
    }
    // Flat index into the first `depth` dimensions, every index checked to lie inside.
    torch::Tensor flat
        = torch::zeros(indices.sizes().slice(0, indices.dim() - 1), indices.options().dtype(torch::kLong));
    for (std::int64_t d = 0; d < depth; ++d) {
        const torch::Tensor i = indices.select(-1, d).to(torch::kLong);
        if (i.numel() > 0
            && (i.min().item<std::int64_t>() < 0 || i.max().item<std::int64_t>() >= params.size(d))) {
            throw NodeFailure("an index lies outside dimension " + std::to_string(d));
        }
        flat = flat * params.size(d) + i;
    }
    std::vector<std::int64_t> rest(params.sizes().begin() + depth, params.sizes().end());
    std::vector<std::int64_t> flatParams { -1 };
    flatParams.insert(flatParams.end(), rest.begin(), rest.end());
    std::vector<std::int64_t> outShape(indices.sizes().begin(), indices.sizes().end() - 1);
    outShape.insert(outShape.end(), rest.begin(), rest.end());
    return params.reshape(flatParams).index_select(0, flat.flatten()).reshape(outShape);
}

std::vector<std::int64_t> reductionAxes(const torch::Tensor& axes, std::int64_t rank)
{
    std::vector<std::int64_t> out;
    for (std::int64_t a : values(axes)) {
        out.push_back(axisOf(a, rank));
    }
    return out;
}

} // namespace passthrough::person::tfops
