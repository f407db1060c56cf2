#include "person/graphexecutor.h"

#include "util/error.h"

#include <torch/types.h>

#include <algorithm>
#include <limits>

namespace passthrough::person {
namespace {

torch::ScalarType scalarType(DType type)
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

struct NodeFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The values of a small integer tensor (a shape, an axis, slice bounds).
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

// A TF axis (negative counts from the end) for a tensor of `rank` dimensions.
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

// NCHW view of an NHWC tensor, padded the TF way; `fill` for max pooling's -inf.
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

// TF's filter layouts to torch's: Conv2D [kh, kw, in, out] -> [out, in, kh, kw]; depthwise
// [kh, kw, in, multiplier] -> [in * multiplier, 1, kh, kw] (output channel c * multiplier + m,
// which is also the order of a grouped convolution's outputs).
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

} // namespace

GraphExecutor::GraphExecutor(TfjsGraph graph, torch::Device device, std::string origin)
    : m_graph(std::move(graph))
    , m_device(device)
    , m_origin(std::move(origin))
{
    const std::size_t count = m_graph.nodes.size();
    m_constants.resize(count);
    m_filters.resize(count);
    m_lastReader.assign(count, -1);
    for (std::size_t i = 0; i < count; ++i) {
        const GraphNode& n = m_graph.nodes[i];
        for (const TensorRef& input : n.inputs) {
            m_lastReader[std::size_t(input.node)] = int(i);
        }
        if (n.op != Op::Const) {
            continue;
        }
        const GraphConstant& c = m_graph.constants[std::size_t(n.constant)];
        torch::Tensor t = c.type == DType::Float32
            ? torch::from_blob(const_cast<float*>(c.floats.data()), c.shape, torch::kFloat).clone()
            : torch::from_blob(const_cast<std::int32_t*>(c.ints.data()), c.shape, torch::kInt).clone();
        m_constants[i] = t.to(m_device, scalarType(c.type));
    }
    m_lastReader[std::size_t(m_graph.output.node)] = int(count);
    for (std::size_t i = 0; i < count; ++i) {
        const GraphNode& n = m_graph.nodes[i];
        if ((n.op == Op::Conv2D || n.op == Op::DepthwiseConv2D)
            && m_graph.nodes[std::size_t(n.inputs[1].node)].op == Op::Const) {
            try {
                m_filters[i] = torchFilter(m_constants[std::size_t(n.inputs[1].node)], n.op);
            } catch (const NodeFailure& e) {
                throw Error(ErrorKind::Model,
                    "The person model " + m_origin + " is not usable: node " + n.name + ": " + e.what()
                        + ".");
            }
        }
    }
    // The weights live on the device now; the host copies are not needed again.
    m_graph.constants.clear();
}

torch::Tensor GraphExecutor::run(const torch::Tensor& input) const
{
    torch::NoGradGuard noGrad;
    std::vector<std::vector<torch::Tensor>> outputs(m_graph.nodes.size());
    for (std::size_t i = 0; i < m_graph.nodes.size(); ++i) {
        const GraphNode& n = m_graph.nodes[i];
        std::vector<torch::Tensor> in;
        in.reserve(n.inputs.size());
        for (const TensorRef& ref : n.inputs) {
            in.push_back(outputs[std::size_t(ref.node)][std::size_t(ref.output)]);
        }
        try {
            if (n.op == Op::Placeholder) {
                outputs[i] = { input.to(m_device, scalarType(n.type)) };
            } else {
                outputs[i] = execute(i, in);
            }
        } catch (const NodeFailure& e) {
            throw Error(ErrorKind::Model,
                "The person model " + m_origin + " failed at node " + n.name + " (" + opName(n.op)
                    + "): " + e.what() + ".");
        } catch (const c10::Error& e) {
            throw Error(ErrorKind::Model,
                "The person model " + m_origin + " failed at node " + n.name + " (" + opName(n.op)
                    + "): " + e.what_without_backtrace());
        }
        if (int(outputs[i].size()) != n.outputs) {
            throw Error(ErrorKind::Model,
                "The person model " + m_origin + " failed at node " + n.name + ": it gave "
                    + std::to_string(outputs[i].size()) + " outputs where the graph reads "
                    + std::to_string(n.outputs) + ".");
        }
        for (const TensorRef& ref : n.inputs) {
            if (m_lastReader[std::size_t(ref.node)] == int(i)) {
                outputs[std::size_t(ref.node)].clear();
            }
        }
    }
    return outputs[std::size_t(m_graph.output.node)][std::size_t(m_graph.output.output)];
}

std::vector<torch::Tensor> GraphExecutor::execute(
    std::size_t index, const std::vector<torch::Tensor>& in) const
{
    const GraphNode& n = m_graph.nodes[index];
    switch (n.op) {
    case Op::Placeholder:
    case Op::Const:
        return { m_constants[index] };
    case Op::Identity:
        return { in[0] };
    case Op::Cast:
        return { in[0].to(scalarType(n.type)) };
    case Op::AddV2:
        return { in[0] + in[1] };
    case Op::AddN: {
        torch::Tensor sum = in[0];
        for (std::size_t i = 1; i < in.size(); ++i) {
            sum = sum + in[i];
        }
        return { sum };
    }
    case Op::Sub:
        return { in[0] - in[1] };
    case Op::Mul:
        return { in[0] * in[1] };
    case Op::RealDiv:
        if (!in[0].is_floating_point()) {
            return { torch::div(in[0], in[1], "trunc") };
        }
        return { in[0] / in[1] };
    case Op::FloorDiv:
        return { torch::div(in[0], in[1], "floor") };
    case Op::Maximum:
        return { torch::maximum(in[0], in[1]) };
    case Op::Minimum:
        return { torch::minimum(in[0], in[1]) };
    case Op::SquaredDifference: {
        const torch::Tensor d = in[0] - in[1];
        return { d * d };
    }
    case Op::Less:
        return { torch::lt(in[0], in[1]) };
    case Op::Greater:
        return { torch::gt(in[0], in[1]) };
    case Op::GreaterEqual:
        return { torch::ge(in[0], in[1]) };
    case Op::Equal:
        return { torch::eq(in[0], in[1]) };
    case Op::LogicalAnd:
        return { torch::logical_and(in[0], in[1]) };
    case Op::Abs:
        return { torch::abs(in[0]) };
    case Op::Exp:
        return { torch::exp(in[0]) };
    case Op::Sigmoid:
        return { torch::sigmoid(in[0]) };
    case Op::Reciprocal:
        return { torch::reciprocal(in[0]) };
    case Op::Select: {
        torch::Tensor condition = in[0].to(torch::kBool);
        // TF's Select also takes a vector that picks whole rows of higher-rank branches.
        if (condition.dim() == 1 && in[1].dim() > 1) {
            std::vector<std::int64_t> shape(std::size_t(in[1].dim()), 1);
            shape[0] = condition.size(0);
            condition = condition.reshape(shape);
        }
        return { torch::where(condition, in[1], in[2]) };
    }
    case Op::Conv2D:
    case Op::DepthwiseConv2D:
        return { convolution(
            n, in, m_filters[index].defined() ? m_filters[index] : torchFilter(in[1], n.op)) };
    case Op::MaxPool: {
        if (in[0].dim() != 4 || !in[0].is_floating_point()) {
            throw NodeFailure("the input is not a float NHWC tensor");
        }
        const torch::Tensor x
            = padded(in[0], n, n.window[0], n.window[1], -std::numeric_limits<double>::infinity());
        return { torch::max_pool2d(x, { n.window[0], n.window[1] }, { n.strides[0], n.strides[1] })
                     .permute({ 0, 2, 3, 1 }) };
    }
    case Op::ResizeBilinear: {
        const std::vector<std::int64_t> size = values(in[1]);
        if (in[0].dim() != 4 || size.size() != 2 || size[0] < 1 || size[1] < 1 || size[0] > 16384
            || size[1] > 16384) {
            throw NodeFailure("the input is not NHWC or the size is not 1 to 16384 pixels");
        }
        // half_pixel_centers without align_corners is torch's align_corners=false.
        const torch::Tensor x = in[0].to(torch::kFloat).permute({ 0, 3, 1, 2 });
        return {
            torch::upsample_bilinear2d(x, { size[0], size[1] }, n.alignCorners).permute({ 0, 2, 3, 1 })
        };
    }
    case Op::Shape:
        return { torch::tensor(std::vector<std::int64_t>(in[0].sizes().begin(), in[0].sizes().end()),
            torch::TensorOptions().dtype(torch::kLong))
                     .to(m_device, torch::kInt) };
    case Op::Size:
        return { torch::scalar_tensor(
            in[0].numel(), torch::TensorOptions().dtype(torch::kInt).device(m_device)) };
    case Op::StridedSlice:
        return { stridedSlice(n, in) };
    case Op::Reshape: {
        const std::vector<std::int64_t> shape = values(in[1]);
        return { in[0].reshape(shape) };
    }
    case Op::Squeeze: {
        if (n.axes.empty()) {
            return { in[0].squeeze() };
        }
        std::vector<std::int64_t> axes;
        for (std::int64_t a : n.axes) {
            axes.push_back(axisOf(a, in[0].dim()));
        }
        std::sort(axes.rbegin(), axes.rend());
        axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
        torch::Tensor x = in[0];
        for (std::int64_t a : axes) {
            if (x.size(a) != 1) {
                throw NodeFailure(
                    "axis " + std::to_string(a) + " has size " + std::to_string(x.size(a)) + ", not 1");
            }
            x = x.squeeze(a);
        }
        return { x };
    }
    case Op::ExpandDims:
        return { in[0].unsqueeze(axisOf(scalar(in[1]), in[0].dim() + 1)) };
    case Op::Pack:
        return { torch::stack(in, axisOf(n.axis, in[0].dim() + 1)) };
    case Op::Unpack: {
        const std::int64_t axis = axisOf(n.axis, in[0].dim());
        if (in[0].size(axis) != n.outputs) {
            throw NodeFailure("the axis has " + std::to_string(in[0].size(axis)) + " entries, not "
                + std::to_string(n.outputs));
        }
        return in[0].unbind(axis);
    }
    case Op::ConcatV2: {
        const std::vector<torch::Tensor> parts(in.begin(), in.end() - 1);
        return { torch::cat(parts, axisOf(scalar(in.back()), parts[0].dim())) };
    }
    case Op::Split: {
        const std::int64_t axis = axisOf(scalar(in[0]), in[1].dim());
        if (in[1].size(axis) % n.outputs != 0) {
            throw NodeFailure("the axis does not split into " + std::to_string(n.outputs) + " equal parts");
        }
        return in[1].split(in[1].size(axis) / n.outputs, axis);
    }
    case Op::Tile: {
        const std::vector<std::int64_t> multiples = values(in[1]);
        if (std::int64_t(multiples.size()) != in[0].dim()) {
            throw NodeFailure("the multiples do not match the input's rank");
        }
        std::vector<std::int64_t> shape;
        for (std::size_t d = 0; d < multiples.size(); ++d) {
            shape.push_back(in[0].size(std::int64_t(d)) * multiples[d]);
        }
        checkSize(shape);
        return { in[0].repeat(multiples) };
    }
    case Op::Fill: {
        const std::vector<std::int64_t> shape = values(in[0]);
        checkSize(shape);
        if (in[1].numel() != 1) {
            throw NodeFailure("the fill value is not a scalar");
        }
        return { torch::full(shape, in[1].reshape({}).item(), in[1].options()) };
    }
    case Op::Range: {
        const double start = in[0].to(torch::kDouble).reshape({}).item<double>();
        const double limit = in[1].to(torch::kDouble).reshape({}).item<double>();
        const double delta = in[2].to(torch::kDouble).reshape({}).item<double>();
        if (delta == 0 || !std::isfinite(start) || !std::isfinite(limit) || !std::isfinite(delta)
            || (limit - start) / delta > double(kMaxTensorElements)) {
            throw NodeFailure("the range is empty of steps or too long");
        }
        return { torch::arange(
            start, limit, delta, torch::TensorOptions().dtype(scalarType(n.type)).device(m_device)) };
    }
    case Op::TopKV2: {
        const std::int64_t k = scalar(in[1]);
        if (in[0].dim() < 1 || k < 0 || k > in[0].size(-1)) {
            throw NodeFailure("k = " + std::to_string(k) + " does not fit the last dimension");
        }
        // A stable descending sort keeps the lower index first among equal values, as TF's TopK.
        const auto [sorted, order] = in[0].sort(/*stable=*/true, /*dim=*/-1, /*descending=*/true);
        return { sorted.narrow(-1, 0, k), order.narrow(-1, 0, k).to(torch::kInt) };
    }
    case Op::GatherNd:
        return { gatherNd(in[0], in[1]) };
    case Op::Sum:
        return { in[0].sum(reductionAxes(in[1], in[0].dim()), n.keepDims).to(in[0].scalar_type()) };
    case Op::Max:
        return { in[0].amax(reductionAxes(in[1], in[0].dim()), n.keepDims) };
    case Op::ArgMax:
        // torch's argmax returns the first of equal maxima, as TF's does.
        return { in[0].argmax(axisOf(scalar(in[1]), in[0].dim())).to(torch::kInt) };
    }
    throw NodeFailure("the operation is not implemented");
}

} // namespace passthrough::person
