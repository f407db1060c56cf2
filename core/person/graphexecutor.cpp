#include "person/graphexecutor.h"

#include "person/tfops.h"
#include "util/error.h"

#include <torch/types.h>

#include <algorithm>
#include <limits>

namespace passthrough::person {
namespace {

using tfops::axisOf;
using tfops::checkSize;
using tfops::convolution;
using tfops::gatherNd;
using tfops::NodeFailure;
using tfops::padded;
using tfops::reductionAxes;
using tfops::scalar;
using tfops::scalarType;
using tfops::stridedSlice;
using tfops::torchFilter;
using tfops::values;

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
