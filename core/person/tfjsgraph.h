#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace passthrough::person {

// The most elements one tensor of a person-model graph may have (a constant read from the
// files, or one the executor computes): far above what MoveNet needs, far below what would
// exhaust memory.
constexpr std::int64_t kMaxTensorElements = std::int64_t(1) << 28;

// A TensorFlow.js graph model (model.json + weight shards) read into a checked, topologically
// ordered list of operations, without LibTorch: GraphExecutor runs it, the fuzz target reads it.
// Only the operations and attribute values the person model uses are accepted; anything else is
// refused at load with the node's name, not met in the middle of a job.

enum class DType { Float32, Int32, Bool };

struct GraphConstant {
    DType type = DType::Float32;
    std::vector<std::int64_t> shape;
    std::vector<float> floats; // Float32 (float16 weights widened, as TF.js does when it loads them)
    std::vector<std::int32_t> ints; // Int32 and Bool (0 or 1)
};

enum class Op {
    Placeholder,
    Const,
    Identity,
    Cast,
    AddV2,
    AddN,
    Sub,
    Mul,
    RealDiv,
    FloorDiv,
    Maximum,
    Minimum,
    SquaredDifference,
    Less,
    Greater,
    GreaterEqual,
    Equal,
    LogicalAnd,
    Abs,
    Exp,
    Sigmoid,
    Reciprocal,
    Select,
    Conv2D, // Conv2D and _FusedConv2D
    DepthwiseConv2D, // DepthwiseConv2dNative and FusedDepthwiseConv2dNative
    MaxPool,
    ResizeBilinear,
    Shape,
    Size,
    StridedSlice,
    Reshape,
    Squeeze,
    ExpandDims,
    Pack,
    Unpack,
    ConcatV2,
    Split,
    Tile,
    Fill,
    Range,
    TopKV2,
    GatherNd,
    Sum,
    Max,
    ArgMax,
};
const char* opName(Op op);

enum class Padding { Same, Valid };
enum class Activation { None, Relu, Relu6 };

// Output `output` of node `node` (an index into TfjsGraph::nodes, always an earlier one).
struct TensorRef {
    int node = -1;
    int output = 0;
};

struct GraphNode {
    std::string name;
    Op op = Op::Identity;
    std::vector<TensorRef> inputs;
    int outputs = 1;
    int constant = -1; // Const: index into TfjsGraph::constants
    DType type = DType::Float32; // Placeholder's, Cast's destination, Range's
    // Convolutions and pooling (height, width)
    std::array<std::int64_t, 2> strides { 1, 1 };
    std::array<std::int64_t, 2> dilations { 1, 1 };
    std::array<std::int64_t, 2> window { 1, 1 };
    Padding padding = Padding::Valid;
    bool bias = false;
    Activation activation = Activation::None;
    // ResizeBilinear
    bool alignCorners = false;
    // StridedSlice
    std::int64_t beginMask = 0, endMask = 0, ellipsisMask = 0, newAxisMask = 0, shrinkAxisMask = 0;
    // Squeeze (empty: every axis of size 1), Pack, Unpack, Split
    std::vector<std::int64_t> axes;
    std::int64_t axis = 0;
    // Sum, Max
    bool keepDims = false;
};

struct TfjsGraph {
    std::vector<GraphNode> nodes; // only those the output needs, each after its inputs
    std::vector<GraphConstant> constants;
    int input = -1; // the Placeholder the signature names
    DType inputType = DType::Float32;
    TensorRef output;
};

// Reads a shard named in the manifest (a bare file name, checked) and returns its bytes.
using ShardReader = std::function<std::string(const std::string& name)>;

// Parses model.json's text and the shards it names. Throws Error(Model) naming `origin` and the
// node or weight at fault.
TfjsGraph parseTfjsGraph(std::string_view modelJson, const ShardReader& readShard, const std::string& origin);

// Reads `jsonPath` and its shards from the same folder.
TfjsGraph readTfjsGraph(const std::string& jsonPath);

// IEEE 754 binary16 to binary32, exactly.
float halfToFloat(std::uint16_t half);

} // namespace passthrough::person
