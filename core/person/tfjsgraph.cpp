// The graph's topology: which operations it holds and in what order they run. The weights are
// read by tfjsweights, each node's attributes by tfjsattributes, both with the checks of tfjsjson.
#include "person/tfjsgraph.h"

#include "person/tfjsattributes.h"
#include "person/tfjsjson.h"
#include "person/tfjsweights.h"
#include "util/error.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace passthrough::person {
namespace {

using tfjs::json;

// Far above the person model's 602 nodes, far below what would exhaust memory.
constexpr std::size_t kMaxNodes = 100000;

struct OpInfo {
    const char* tfName;
    Op op;
    int minInputs;
    int maxInputs; // -1: any number
};

// Every TF operation accepted, with its input count. _Fused* carry their fused inputs (bias).
constexpr OpInfo kOps[] = {
    { "Placeholder", Op::Placeholder, 0, 0 },
    { "Const", Op::Const, 0, 0 },
    { "Identity", Op::Identity, 1, 1 },
    { "Cast", Op::Cast, 1, 1 },
    { "AddV2", Op::AddV2, 2, 2 },
    { "Add", Op::AddV2, 2, 2 },
    { "AddN", Op::AddN, 1, -1 },
    { "Sub", Op::Sub, 2, 2 },
    { "Mul", Op::Mul, 2, 2 },
    { "RealDiv", Op::RealDiv, 2, 2 },
    { "FloorDiv", Op::FloorDiv, 2, 2 },
    { "Maximum", Op::Maximum, 2, 2 },
    { "Minimum", Op::Minimum, 2, 2 },
    { "SquaredDifference", Op::SquaredDifference, 2, 2 },
    { "Less", Op::Less, 2, 2 },
    { "Greater", Op::Greater, 2, 2 },
    { "GreaterEqual", Op::GreaterEqual, 2, 2 },
    { "Equal", Op::Equal, 2, 2 },
    { "LogicalAnd", Op::LogicalAnd, 2, 2 },
    { "Abs", Op::Abs, 1, 1 },
    { "Exp", Op::Exp, 1, 1 },
    { "Sigmoid", Op::Sigmoid, 1, 1 },
    { "Reciprocal", Op::Reciprocal, 1, 1 },
    { "Select", Op::Select, 3, 3 },
    { "SelectV2", Op::Select, 3, 3 },
    { "Conv2D", Op::Conv2D, 2, 2 },
    { "_FusedConv2D", Op::Conv2D, 2, 3 },
    { "DepthwiseConv2dNative", Op::DepthwiseConv2D, 2, 2 },
    { "FusedDepthwiseConv2dNative", Op::DepthwiseConv2D, 2, 3 },
    { "MaxPool", Op::MaxPool, 1, 1 },
    { "ResizeBilinear", Op::ResizeBilinear, 2, 2 },
    { "Shape", Op::Shape, 1, 1 },
    { "Size", Op::Size, 1, 1 },
    { "StridedSlice", Op::StridedSlice, 4, 4 },
    { "Reshape", Op::Reshape, 2, 2 },
    { "Squeeze", Op::Squeeze, 1, 1 },
    { "ExpandDims", Op::ExpandDims, 2, 2 },
    { "Pack", Op::Pack, 1, -1 },
    { "Unpack", Op::Unpack, 1, 1 },
    { "ConcatV2", Op::ConcatV2, 2, -1 },
    { "Split", Op::Split, 2, 2 },
    { "Tile", Op::Tile, 2, 2 },
    { "Fill", Op::Fill, 2, 2 },
    { "Range", Op::Range, 3, 3 },
    { "TopKV2", Op::TopKV2, 2, 2 },
    { "GatherNd", Op::GatherNd, 2, 2 },
    { "Sum", Op::Sum, 2, 2 },
    { "Max", Op::Max, 2, 2 },
    { "ArgMax", Op::ArgMax, 2, 2 },
};

class Parser {
public:
    explicit Parser(const std::string& origin)
        : m_checks(origin)
        , m_attributes(m_checks)
    {
    }

    TfjsGraph parse(std::string_view text, const ShardReader& readShard)
    {
        json model;
        try {
            model = json::parse(text);
        } catch (const json::exception& e) {
            fail(std::string("its model.json is not valid JSON (") + e.what() + ")");
        }
        if (!model.is_object() || model.value("format", json()) != json("graph-model")) {
            fail("model.json is not a TensorFlow.js graph model (\"format\": \"graph-model\")");
        }
        const json& topology = member(model, "modelTopology", "model.json");
        const json& nodes = member(topology, "node", "modelTopology");
        if (!nodes.is_array() || nodes.empty() || nodes.size() > kMaxNodes) {
            fail("modelTopology.node is not a list of 1 to 100000 nodes");
        }
        m_weights = tfjs::readWeights(member(model, "weightsManifest", "model.json"), readShard, m_checks);
        indexNodes(nodes);
        const auto [inputName, outputName] = signature(member(model, "signature", "model.json"));

        TfjsGraph graph;
        const std::vector<std::size_t> order = neededNodes(nodes, nodeOf(outputName.first));
        std::unordered_map<std::size_t, int> position;
        for (std::size_t jsonIndex : order) {
            position[jsonIndex] = int(graph.nodes.size());
            graph.nodes.push_back(node(nodes[jsonIndex], position, graph));
        }
        const auto out = position.find(nodeOf(outputName.first));
        graph.output = { out->second, outputName.second };
        if (graph.output.output >= graph.nodes[std::size_t(out->second)].outputs) {
            fail("the signature's output " + outputName.first + " has no output "
                + std::to_string(outputName.second));
        }
        const auto in = position.find(nodeOf(inputName));
        if (in == position.end() || graph.nodes[std::size_t(in->second)].op != Op::Placeholder) {
            fail("the signature's input " + inputName + " is not a placeholder the output depends on");
        }
        graph.input = in->second;
        graph.inputType = graph.nodes[std::size_t(in->second)].type;
        for (const GraphNode& n : graph.nodes) {
            if (n.op == Op::Placeholder && &n != &graph.nodes[std::size_t(graph.input)]) {
                fail("node " + n.name + " is a second input");
            }
        }
        return graph;
    }

private:
    void indexNodes(const json& nodes)
    {
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const std::string name = string(nodes[i], "name", "node " + std::to_string(i));
            if (!m_nodeIndex.emplace(name, i).second) {
                fail("two nodes are named " + name);
            }
        }
    }

    std::size_t nodeOf(const std::string& name) const
    {
        const auto it = m_nodeIndex.find(name);
        if (it == m_nodeIndex.end()) {
            fail("no node is named " + name);
        }
        return it->second;
    }

    // "node", "node:1": the node's name and output index. Control inputs ("^node") are dropped by
    // the caller: the order they ask for is kept anyway.
    std::pair<std::string, int> tensorName(const std::string& ref) const
    {
        const std::size_t colon = ref.rfind(':');
        if (colon == std::string::npos) {
            return { ref, 0 };
        }
        const std::string index = ref.substr(colon + 1);
        if (index.empty() || index.size() > 4
            || !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return { ref, 0 };
        }
        return { ref.substr(0, colon), std::stoi(index) };
    }

    std::pair<std::string, std::pair<std::string, int>> signature(const json& sig) const
    {
        const json& inputs = member(sig, "inputs", "signature");
        const json& outputs = member(sig, "outputs", "signature");
        if (!inputs.is_object() || inputs.size() != 1 || !outputs.is_object() || outputs.size() != 1) {
            fail("the signature does not name exactly one input and one output");
        }
        const auto input = tensorName(string(inputs.begin().value(), "name", "the signature's input"));
        const auto output = tensorName(string(outputs.begin().value(), "name", "the signature's output"));
        if (input.second != 0) {
            fail("the signature's input is not a placeholder's output 0");
        }
        return { input.first, output };
    }

    std::vector<std::string> dataInputs(const json& node) const
    {
        std::vector<std::string> out;
        if (!node.contains("input")) {
            return out;
        }
        const json& inputs = node.at("input");
        if (!inputs.is_array()) {
            fail("a node's inputs are not a list");
        }
        for (const json& input : inputs) {
            if (!input.is_string()) {
                fail("a node's input is not a name");
            }
            const std::string name = input.get<std::string>();
            if (!name.empty() && name[0] != '^') {
                out.push_back(name);
            }
        }
        return out;
    }

    // The nodes the output depends on, each after its inputs (an iterative depth-first walk:
    // no recursion that a deep graph could overflow); a cycle is refused.
    std::vector<std::size_t> neededNodes(const json& nodes, std::size_t output) const
    {
        enum class Mark : unsigned char { None, Open, Done };
        std::vector<Mark> marks(nodes.size(), Mark::None);
        std::vector<std::size_t> order;
        std::vector<std::pair<std::size_t, std::size_t>> stack { { output, 0 } };
        marks[output] = Mark::Open;
        while (!stack.empty()) {
            auto& [index, next] = stack.back();
            const std::vector<std::string> inputs = dataInputs(nodes[index]);
            if (next < inputs.size()) {
                const std::size_t input = nodeOf(tensorName(inputs[next++]).first);
                if (marks[input] == Mark::Open) {
                    fail("the graph has a cycle through node " + string(nodes[input], "name", "a node"));
                }
                if (marks[input] == Mark::None) {
                    marks[input] = Mark::Open;
                    stack.push_back({ input, 0 });
                }
                continue;
            }
            marks[index] = Mark::Done;
            order.push_back(index);
            stack.pop_back();
        }
        return order;
    }

    void spatialOp(const json& node, GraphNode& n) const
    {
        const std::string format = m_attributes.string(node, "data_format", "NHWC");
        if (format != "NHWC") {
            fail("node " + n.name + " uses the data format " + format + " (NHWC expected)");
        }
        const std::string padding = m_attributes.string(node, "padding", "");
        if (padding == "SAME") {
            n.padding = Padding::Same;
        } else if (padding == "VALID") {
            n.padding = Padding::Valid;
        } else {
            fail("node " + n.name + " pads \"" + padding + "\" (SAME or VALID expected)");
        }
        n.strides = m_attributes.spatial(node, "strides", n.name);
        n.dilations = m_attributes.spatial(node, "dilations", n.name);
    }

    void fusedOps(const json& node, GraphNode& n, std::size_t inputs) const
    {
        const std::vector<std::string> fused = m_attributes.strings(node, "fused_ops");
        std::size_t i = 0;
        if (i < fused.size() && fused[i] == "BiasAdd") {
            n.bias = true;
            ++i;
        }
        if (i < fused.size() && fused[i] == "Relu") {
            n.activation = Activation::Relu;
            ++i;
        } else if (i < fused.size() && fused[i] == "Relu6") {
            n.activation = Activation::Relu6;
            ++i;
        }
        if (i != fused.size()) {
            fail("node " + n.name + " fuses " + fused[i] + " (BiasAdd, Relu, Relu6 expected)");
        }
        if (inputs != (n.bias ? 3U : 2U)) {
            fail("node " + n.name + " has " + std::to_string(inputs) + " inputs for its fused operations");
        }
    }

    GraphNode node(const json& node, const std::unordered_map<std::size_t, int>& position, TfjsGraph& graph)
    {
        GraphNode n;
        n.name = string(node, "name", "a node");
        const std::string tfOp = string(node, "op", "node " + n.name);
        const auto info = std::find_if(
            std::begin(kOps), std::end(kOps), [&](const OpInfo& o) { return tfOp == o.tfName; });
        if (info == std::end(kOps)) {
            fail("node " + n.name + " is a " + tfOp + ", an operation this reader does not run");
        }
        n.op = info->op;
        const std::vector<std::string> inputs = dataInputs(node);
        if (int(inputs.size()) < info->minInputs
            || (info->maxInputs >= 0 && int(inputs.size()) > info->maxInputs)) {
            fail("node " + n.name + " (" + tfOp + ") has " + std::to_string(inputs.size()) + " inputs");
        }
        for (const std::string& input : inputs) {
            const auto [inputName, output] = tensorName(input);
            const int producer = position.at(nodeOf(inputName));
            if (output >= graph.nodes[std::size_t(producer)].outputs) {
                fail("node " + n.name + " reads output " + std::to_string(output) + " of " + inputName
                    + ", which has " + std::to_string(graph.nodes[std::size_t(producer)].outputs));
            }
            n.inputs.push_back({ producer, output });
        }
        switch (n.op) {
        case Op::Placeholder:
            n.type = m_attributes.type(node, "dtype", n.name);
            break;
        case Op::Const: {
            const auto weight = m_weights.find(n.name);
            if (weight == m_weights.end()) {
                fail("constant " + n.name + " has no weight in the manifest");
            }
            n.type = m_attributes.type(node, "dtype", n.name);
            if (n.type != weight->second.type) {
                fail("constant " + n.name + " and its weight differ in type");
            }
            n.constant = int(graph.constants.size());
            graph.constants.push_back(weight->second);
            break;
        }
        case Op::Cast:
            n.type = m_attributes.type(node, "DstT", n.name);
            break;
        case Op::Range:
            n.type = m_attributes.type(node, "Tidx", n.name);
            if (n.type == DType::Bool) {
                fail("node " + n.name + " counts in booleans");
            }
            break;
        case Op::Conv2D:
        case Op::DepthwiseConv2D:
            spatialOp(node, n);
            fusedOps(node, n, inputs.size());
            break;
        case Op::MaxPool:
            spatialOp(node, n);
            n.window = m_attributes.spatial(node, "ksize", n.name);
            break;
        case Op::ResizeBilinear: {
            n.alignCorners = m_attributes.boolean(node, "align_corners", false);
            const bool halfPixel = m_attributes.boolean(node, "half_pixel_centers", false);
            if (n.alignCorners == halfPixel) {
                fail("node " + n.name
                    + " resizes with neither or both of align_corners and half_pixel_centers");
            }
            break;
        }
        case Op::StridedSlice:
            n.beginMask = m_attributes.integer(node, "begin_mask", 0, n.name);
            n.endMask = m_attributes.integer(node, "end_mask", 0, n.name);
            n.ellipsisMask = m_attributes.integer(node, "ellipsis_mask", 0, n.name);
            n.newAxisMask = m_attributes.integer(node, "new_axis_mask", 0, n.name);
            n.shrinkAxisMask = m_attributes.integer(node, "shrink_axis_mask", 0, n.name);
            break;
        case Op::Squeeze:
            n.axes = m_attributes.integers(node, "squeeze_dims", n.name);
            break;
        case Op::Pack:
            n.axis = m_attributes.integer(node, "axis", 0, n.name);
            break;
        case Op::Unpack:
            n.axis = m_attributes.integer(node, "axis", 0, n.name);
            n.outputs = int(m_attributes.integer(node, "num", 0, n.name));
            break;
        case Op::Split:
            n.outputs = int(
                std::clamp<std::int64_t>(m_attributes.integer(node, "num_split", 0, n.name), 0, 1 << 20));
            break;
        case Op::TopKV2:
            n.outputs = 2;
            break;
        case Op::Sum:
        case Op::Max:
            n.keepDims = m_attributes.boolean(node, "keep_dims", false);
            break;
        default:
            break;
        }
        if (n.outputs < 1 || n.outputs > 1024) {
            fail("node " + n.name + " has " + std::to_string(n.outputs) + " outputs (1 to 1024 expected)");
        }
        return n;
    }

    [[noreturn]] void fail(const std::string& what) const { m_checks.fail(what); }
    const json& member(const json& object, const char* key, const char* where) const
    {
        return m_checks.member(object, key, where);
    }
    std::string string(const json& object, const char* key, const std::string& where) const
    {
        return m_checks.string(object, key, where);
    }

    tfjs::JsonChecks m_checks;
    tfjs::NodeAttributes m_attributes;
    tfjs::Weights m_weights;
    std::unordered_map<std::string, std::size_t> m_nodeIndex;
};

std::string readModelFile(const std::string& path, const std::string& what)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Model, "The person model's " + what + " " + path + " cannot be read.");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace

const char* opName(Op op)
{
    for (const OpInfo& info : kOps) {
        if (info.op == op) {
            return info.tfName;
        }
    }
    return "?";
}

TfjsGraph parseTfjsGraph(std::string_view modelJson, const ShardReader& readShard, const std::string& origin)
{
    return Parser(origin).parse(modelJson, readShard);
}

TfjsGraph readTfjsGraph(const std::string& jsonPath)
{
    const std::string text = readModelFile(jsonPath, "graph");
    const std::size_t slash = jsonPath.find_last_of('/');
    const std::string folder = slash == std::string::npos ? std::string() : jsonPath.substr(0, slash + 1);
    return parseTfjsGraph(
        text, [&](const std::string& name) { return readModelFile(folder + name, "weight shard"); },
        jsonPath);
}

} // namespace passthrough::person
