#pragma once

#include "matting/tensor.h"
#include "person/tfjsgraph.h"

#include <string>
#include <vector>

namespace passthrough::person {

// Runs a TfjsGraph with LibTorch on one device, operation by operation, with TF's semantics:
// NHWC tensors, SAME padding that pads more at the bottom and right, TopK and ArgMax that
// prefer the lowest index on ties, int64 computed as int32 as TF.js does. Each intermediate
// tensor is released after its last reader.
//
// Why an executor rather than the network written out by hand: the graph is the specification,
// post-processing included (NMS, TopK, snapping keypoints to heatmap peaks, about 200 of its 300
// operations), with every constant as TF.js rounded it; running it as it is leaves no constant
// retyped and no step re-derived. The cost is about 300 small tensor operations per image.
class GraphExecutor {
public:
    GraphExecutor(TfjsGraph graph, torch::Device device, std::string origin);

    // `input` as the graph's placeholder takes it (converted to its type, moved to the device);
    // returns the signature's output on the device. Throws Error(Model) naming the node that failed.
    torch::Tensor run(const torch::Tensor& input) const;

    [[nodiscard]] torch::Device device() const { return m_device; }

private:
    std::vector<torch::Tensor> execute(std::size_t index, const std::vector<torch::Tensor>& inputs) const;

    TfjsGraph m_graph;
    torch::Device m_device;
    std::string m_origin;
    std::vector<torch::Tensor> m_constants; // per node: its constant on the device, else undefined
    std::vector<torch::Tensor> m_filters; // per convolution node with a constant filter: in torch's layout
    std::vector<int> m_lastReader; // per node: the last node that reads one of its outputs
};

} // namespace passthrough::person
