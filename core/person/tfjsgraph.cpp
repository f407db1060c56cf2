#include "person/tfjsgraph.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_map>

namespace passthrough::person {
namespace {

using nlohmann::json;

// Far above the person model's 602 nodes and 9.4 MB, far below what would exhaust memory.
constexpr std::size_t kMaxNodes = 100000;
constexpr std::size_t kMaxRank = 8;

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
    Parser(const std::string& origin)
        : m_origin(origin)
    {
    }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw Error(ErrorKind::Model, "The person model " + m_origin + " is not usable: " + what + ".");
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
        readWeights(member(model, "weightsManifest", "model.json"), readShard);
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
    const json& member(const json& object, const char* key, const char* where) const
    {
        if (!object.is_object() || !object.contains(key)) {
            fail(std::string(where) + " has no \"" + key + "\"");
        }
        return object.at(key);
    }

    std::string string(const json& object, const char* key, const std::string& where) const
    {
        if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) {
            fail(where + " has no \"" + key + "\" string");
        }
        return object.at(key).get<std::string>();
    }

    // Weights: each shard's bytes, the entries in manifest order, packed without gaps (TF.js's
    // format). Float tensors stored as float16 are widened; nothing else is converted.
    void readWeights(const json& manifest, const ShardReader& readShard)
    {
        if (!manifest.is_array()) {
            fail("weightsManifest is not a list");
        }
        for (const json& group : manifest) {
            std::string bytes;
            const json& paths = member(group, "paths", "a weightsManifest group");
            if (!paths.is_array()) {
                fail("weightsManifest paths is not a list");
            }
            for (const json& path : paths) {
                if (!path.is_string()) {
                    fail("a weight shard's path is not a string");
                }
                const std::string name = path.get<std::string>();
                if (name.empty() || name.find_first_of("/\\") != std::string::npos || name == "."
                    || name == ".." || name.find('\0') != std::string::npos) {
                    fail("the weight shard \"" + name + "\" is not a plain file name beside model.json");
                }
                bytes += readShard(name);
            }
            const json& weights = member(group, "weights", "a weightsManifest group");
            if (!weights.is_array()) {
                fail("weightsManifest weights is not a list");
            }
            std::size_t offset = 0;
            for (const json& weight : weights) {
                offset = readWeight(weight, bytes, offset);
            }
            if (offset != bytes.size()) {
                fail("the weight shards hold " + std::to_string(bytes.size())
                    + " bytes where the manifest describes " + std::to_string(offset));
            }
        }
    }

    std::size_t readWeight(const json& weight, const std::string& bytes, std::size_t offset)
    {
        const std::string name = string(weight, "name", "a weight");
        const std::string dtype = string(weight, "dtype", "weight " + name);
        GraphConstant constant;
        constant.shape = shape(member(weight, "shape", "a weight"), "weight " + name);
        const std::int64_t count = elementCount(constant.shape, "weight " + name);
        std::size_t elementBytes = 0;
        bool half = false;
        if (weight.contains("quantization")) {
            const json& q = weight.at("quantization");
            if (dtype != "float32" || !q.is_object() || q.value("dtype", json()) != json("float16")) {
                fail("weight " + name + " is quantised in a way this reader does not take (only float16)");
            }
            half = true;
            elementBytes = 2;
        } else if (dtype == "float32" || dtype == "int32") {
            elementBytes = 4;
        } else if (dtype == "bool") {
            elementBytes = 1;
        } else {
            fail("weight " + name + " has the type \"" + dtype + "\" (float32, int32 or bool expected)");
        }
        const std::size_t size = std::size_t(count) * elementBytes;
        if (offset > bytes.size() || size > bytes.size() - offset) {
            fail("weight " + name + " lies past the end of the weight shards");
        }
        const char* data = bytes.data() + offset;
        if (dtype == "float32") {
            constant.type = DType::Float32;
            constant.floats.resize(std::size_t(count));
            for (std::size_t i = 0; i < constant.floats.size(); ++i) {
                if (half) {
                    std::uint16_t h;
                    std::memcpy(&h, data + 2 * i, 2);
                    constant.floats[i] = halfToFloat(h);
                } else {
                    std::memcpy(&constant.floats[i], data + 4 * i, 4);
                }
            }
        } else if (dtype == "int32") {
            constant.type = DType::Int32;
            constant.ints.resize(std::size_t(count));
            if (size > 0) { // an empty vector's data() may be null, which memcpy must not get
                std::memcpy(constant.ints.data(), data, size);
            }
        } else {
            constant.type = DType::Bool;
            constant.ints.resize(std::size_t(count));
            for (std::size_t i = 0; i < constant.ints.size(); ++i) {
                constant.ints[i] = data[i] != 0 ? 1 : 0;
            }
        }
        if (!m_weights.emplace(name, std::move(constant)).second) {
            fail("weight " + name + " appears twice in the manifest");
        }
        return offset + size;
    }

    std::vector<std::int64_t> shape(const json& dims, const std::string& where) const
    {
        if (!dims.is_array() || dims.size() > kMaxRank) {
            fail(where + " has no shape of rank 0 to 8");
        }
        std::vector<std::int64_t> out;
        for (const json& d : dims) {
            if (!d.is_number_integer() || d.get<std::int64_t>() < 0) {
                fail(where + " has a dimension that is not a whole number >= 0");
            }
            out.push_back(d.get<std::int64_t>());
        }
        return out;
    }

    std::int64_t elementCount(const std::vector<std::int64_t>& dims, const std::string& where) const
    {
        std::int64_t count = 1;
        for (std::int64_t d : dims) {
            if (d != 0 && count > kMaxTensorElements / d) {
                fail(where + " is too large");
            }
            count *= d;
        }
        return count;
    }

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

    const json* attr(const json& node, const char* key) const
    {
        if (!node.contains("attr")) {
            return nullptr;
        }
        const json& attrs = node.at("attr");
        if (!attrs.is_object() || !attrs.contains(key) || !attrs.at(key).is_object()) {
            return nullptr;
        }
        return &attrs.at(key);
    }

    // TF.js writes 64-bit integers as strings ("i": "2"); numbers are taken as well.
    std::int64_t integer(const json& value, const std::string& where) const
    {
        if (value.is_number_integer()) {
            return value.get<std::int64_t>();
        }
        if (value.is_string()) {
            const std::string s = value.get<std::string>();
            std::size_t used = 0;
            try {
                const long long v = std::stoll(s, &used);
                if (used == s.size()) {
                    return v;
                }
            } catch (const std::exception&) {
            }
        }
        fail(where + " is not a whole number");
    }

    std::int64_t intAttr(
        const json& node, const char* key, std::int64_t fallback, const std::string& name) const
    {
        const json* a = attr(node, key);
        if (a == nullptr || !a->contains("i")) {
            return fallback;
        }
        return integer(a->at("i"), "attribute " + std::string(key) + " of node " + name);
    }

    bool boolAttr(const json& node, const char* key, bool fallback) const
    {
        const json* a = attr(node, key);
        if (a == nullptr || !a->contains("b") || !a->at("b").is_boolean()) {
            return fallback;
        }
        return a->at("b").get<bool>();
    }

    // Strings are base64 in TF.js's JSON (protobuf bytes).
    std::string stringAttr(const json& node, const char* key, const std::string& fallback) const
    {
        const json* a = attr(node, key);
        if (a == nullptr || !a->contains("s") || !a->at("s").is_string()) {
            return fallback;
        }
        return base64(a->at("s").get<std::string>());
    }

    std::vector<std::int64_t> intListAttr(const json& node, const char* key, const std::string& name) const
    {
        std::vector<std::int64_t> out;
        const json* a = attr(node, key);
        if (a == nullptr || !a->contains("list") || !a->at("list").is_object()
            || !a->at("list").contains("i")) {
            return out;
        }
        const json& list = a->at("list").at("i");
        if (!list.is_array() || list.size() > kMaxRank) {
            fail("attribute " + std::string(key) + " of node " + name + " is not a short list");
        }
        for (const json& v : list) {
            out.push_back(integer(v, "attribute " + std::string(key) + " of node " + name));
        }
        return out;
    }

    std::vector<std::string> stringListAttr(const json& node, const char* key) const
    {
        std::vector<std::string> out;
        const json* a = attr(node, key);
        if (a == nullptr || !a->contains("list") || !a->at("list").is_object()
            || !a->at("list").contains("s")) {
            return out;
        }
        const json& list = a->at("list").at("s");
        if (!list.is_array()) {
            return out;
        }
        for (const json& v : list) {
            if (v.is_string()) {
                out.push_back(base64(v.get<std::string>()));
            }
        }
        return out;
    }

    std::string base64(const std::string& text) const
    {
        auto value = [](char c) -> int {
            if (c >= 'A' && c <= 'Z') {
                return c - 'A';
            }
            if (c >= 'a' && c <= 'z') {
                return c - 'a' + 26;
            }
            if (c >= '0' && c <= '9') {
                return c - '0' + 52;
            }
            return c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
        };
        std::string out;
        unsigned buffer = 0;
        int bits = 0;
        for (char c : text) {
            if (c == '=') {
                break;
            }
            const int v = value(c);
            if (v < 0) {
                fail("an attribute string is not base64");
            }
            buffer = (buffer << 6) | unsigned(v);
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.push_back(char((buffer >> bits) & 0xff));
            }
        }
        return out;
    }

    DType typeAttr(const json& node, const char* key, const std::string& name) const
    {
        const json* a = attr(node, key);
        if (a == nullptr || !a->contains("type") || !a->at("type").is_string()) {
            fail("node " + name + " has no type attribute " + key);
        }
        const std::string type = a->at("type").get<std::string>();
        if (type == "DT_FLOAT") {
            return DType::Float32;
        }
        // TF.js has no 64-bit integers: it computes int64 tensors as int32.
        if (type == "DT_INT32" || type == "DT_INT64") {
            return DType::Int32;
        }
        if (type == "DT_BOOL") {
            return DType::Bool;
        }
        fail("node " + name + " uses the type " + type + " (float, int32 or bool expected)");
    }

    // Height and width of an NHWC [1, h, w, 1] attribute.
    std::array<std::int64_t, 2> spatial(const json& node, const char* key, const std::string& name) const
    {
        const std::vector<std::int64_t> v = intListAttr(node, key, name);
        if (v.empty()) {
            return { 1, 1 };
        }
        if (v.size() != 4 || v[0] != 1 || v[3] != 1 || v[1] < 1 || v[2] < 1 || v[1] > 64 || v[2] > 64) {
            fail("node " + name + " has " + key + " that are not [1, h, w, 1] with h and w from 1 to 64");
        }
        return { v[1], v[2] };
    }

    void spatialOp(const json& node, GraphNode& n) const
    {
        const std::string format = stringAttr(node, "data_format", "NHWC");
        if (format != "NHWC") {
            fail("node " + n.name + " uses the data format " + format + " (NHWC expected)");
        }
        const std::string padding = stringAttr(node, "padding", "");
        if (padding == "SAME") {
            n.padding = Padding::Same;
        } else if (padding == "VALID") {
            n.padding = Padding::Valid;
        } else {
            fail("node " + n.name + " pads \"" + padding + "\" (SAME or VALID expected)");
        }
        n.strides = spatial(node, "strides", n.name);
        n.dilations = spatial(node, "dilations", n.name);
    }

    void fusedOps(const json& node, GraphNode& n, std::size_t inputs) const
    {
        const std::vector<std::string> fused = stringListAttr(node, "fused_ops");
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
            n.type = typeAttr(node, "dtype", n.name);
            break;
        case Op::Const: {
            const auto weight = m_weights.find(n.name);
            if (weight == m_weights.end()) {
                fail("constant " + n.name + " has no weight in the manifest");
            }
            n.type = typeAttr(node, "dtype", n.name);
            if (n.type != weight->second.type) {
                fail("constant " + n.name + " and its weight differ in type");
            }
            n.constant = int(graph.constants.size());
            graph.constants.push_back(weight->second);
            break;
        }
        case Op::Cast:
            n.type = typeAttr(node, "DstT", n.name);
            break;
        case Op::Range:
            n.type = typeAttr(node, "Tidx", n.name);
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
            n.window = spatial(node, "ksize", n.name);
            break;
        case Op::ResizeBilinear: {
            n.alignCorners = boolAttr(node, "align_corners", false);
            const bool halfPixel = boolAttr(node, "half_pixel_centers", false);
            if (n.alignCorners == halfPixel) {
                fail("node " + n.name
                    + " resizes with neither or both of align_corners and half_pixel_centers");
            }
            break;
        }
        case Op::StridedSlice:
            n.beginMask = intAttr(node, "begin_mask", 0, n.name);
            n.endMask = intAttr(node, "end_mask", 0, n.name);
            n.ellipsisMask = intAttr(node, "ellipsis_mask", 0, n.name);
            n.newAxisMask = intAttr(node, "new_axis_mask", 0, n.name);
            n.shrinkAxisMask = intAttr(node, "shrink_axis_mask", 0, n.name);
            break;
        case Op::Squeeze:
            n.axes = intListAttr(node, "squeeze_dims", n.name);
            break;
        case Op::Pack:
            n.axis = intAttr(node, "axis", 0, n.name);
            break;
        case Op::Unpack:
            n.axis = intAttr(node, "axis", 0, n.name);
            n.outputs = int(intAttr(node, "num", 0, n.name));
            break;
        case Op::Split:
            n.outputs = int(std::clamp<std::int64_t>(intAttr(node, "num_split", 0, n.name), 0, 1 << 20));
            break;
        case Op::TopKV2:
            n.outputs = 2;
            break;
        case Op::Sum:
        case Op::Max:
            n.keepDims = boolAttr(node, "keep_dims", false);
            break;
        default:
            break;
        }
        if (n.outputs < 1 || n.outputs > 1024) {
            fail("node " + n.name + " has " + std::to_string(n.outputs) + " outputs (1 to 1024 expected)");
        }
        return n;
    }

    std::string m_origin;
    std::unordered_map<std::string, GraphConstant> m_weights;
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

float halfToFloat(std::uint16_t half)
{
    const std::uint32_t sign = std::uint32_t(half & 0x8000U) << 16;
    std::uint32_t exponent = (half >> 10) & 0x1fU;
    std::uint32_t mantissa = half & 0x3ffU;
    std::uint32_t bits = 0;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000U | (mantissa << 13); // infinity or NaN
    } else if (exponent != 0) {
        bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
    } else if (mantissa != 0) {
        // Subnormal: normalise the mantissa into a binary32 normal number.
        exponent = 127 - 15 + 1;
        while ((mantissa & 0x400U) == 0) {
            mantissa <<= 1;
            --exponent;
        }
        bits = sign | (exponent << 23) | ((mantissa & 0x3ffU) << 13);
    } else {
        bits = sign;
    }
    return std::bit_cast<float>(bits);
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
