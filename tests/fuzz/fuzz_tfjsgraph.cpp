// libFuzzer target: the TF.js graph reader (model.json's topology, attributes and weights
// manifest, and the weight shard's bytes) on arbitrary bytes, as the person model's loader reads
// them before LibTorch sees anything. The input is a 4-byte little-endian length, that many
// bytes of model.json, then the shard (every shard name the manifest gives reads it). It may
// refuse an input with passthrough::Error; any other exception, a crash, a leak or undefined
// behaviour is a finding.
#include "person/tfjsgraph.h"
#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 4) {
        return 0;
    }
    std::uint32_t jsonSize = 0;
    std::memcpy(&jsonSize, data, 4);
    jsonSize = std::uint32_t(std::min<std::size_t>(jsonSize, size - 4));
    const std::string_view json(reinterpret_cast<const char*>(data) + 4, jsonSize);
    const std::string shard(reinterpret_cast<const char*>(data) + 4 + jsonSize, size - 4 - jsonSize);
    try {
        const passthrough::person::TfjsGraph graph = passthrough::person::parseTfjsGraph(
            json, [&](const std::string&) { return shard; }, "fuzz.json");
        // What the executor relies on: every input refers to an earlier node's existing output,
        // every constant index is valid and its values fill its shape.
        unsigned sum = 0;
        for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
            const auto& node = graph.nodes[i];
            for (const auto& input : node.inputs) {
                if (input.node < 0 || std::size_t(input.node) >= i || input.output < 0
                    || input.output >= graph.nodes[std::size_t(input.node)].outputs) {
                    __builtin_trap();
                }
            }
            if (node.op == passthrough::person::Op::Const) {
                const auto& c = graph.constants.at(std::size_t(node.constant));
                std::size_t count = 1;
                for (std::int64_t d : c.shape) {
                    count *= std::size_t(d);
                }
                const std::size_t held
                    = c.type == passthrough::person::DType::Float32 ? c.floats.size() : c.ints.size();
                if (held != count) {
                    __builtin_trap();
                }
                sum += held;
            }
        }
        if (graph.output.node < 0 || std::size_t(graph.output.node) >= graph.nodes.size()
            || graph.input < 0) {
            __builtin_trap();
        }
        (void)sum;
    } catch (const passthrough::Error&) {
    }
    return 0;
}
