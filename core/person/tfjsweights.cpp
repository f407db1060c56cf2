#include "person/tfjsweights.h"

#include <bit>
#include <cstring>

namespace passthrough::person {
namespace tfjs {
namespace {

// One manifest entry at `offset` of its group's bytes, added to `weights`; returns the offset after it.
std::size_t readWeightEntry(const json& weight, const std::string& bytes, std::size_t offset,
    const JsonChecks& checks, Weights& weights)
{
    const std::string name = checks.string(weight, "name", "a weight");
    const std::string dtype = checks.string(weight, "dtype", "weight " + name);
    GraphConstant constant;
    constant.shape = checks.shape(checks.member(weight, "shape", "a weight"), "weight " + name);
    const std::int64_t count = checks.elementCount(constant.shape, "weight " + name);
    std::size_t elementBytes = 0;
    bool half = false;
    if (weight.contains("quantization")) {
        const json& q = weight.at("quantization");
        if (dtype != "float32" || !q.is_object() || q.value("dtype", json()) != json("float16")) {
            checks.fail("weight " + name + " is quantised in a way this reader does not take (only float16)");
        }
        half = true;
        elementBytes = 2;
    } else if (dtype == "float32" || dtype == "int32") {
        elementBytes = 4;
    } else if (dtype == "bool") {
        elementBytes = 1;
    } else {
        checks.fail("weight " + name + " has the type \"" + dtype + "\" (float32, int32 or bool expected)");
    }
    const std::size_t size = std::size_t(count) * elementBytes;
    if (offset > bytes.size() || size > bytes.size() - offset) {
        checks.fail("weight " + name + " lies past the end of the weight shards");
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
    if (!weights.emplace(name, std::move(constant)).second) {
        checks.fail("weight " + name + " appears twice in the manifest");
    }
    return offset + size;
}

} // namespace

Weights readWeights(const json& manifest, const ShardReader& readShard, const JsonChecks& checks)
{
    Weights all;
    if (!manifest.is_array()) {
        checks.fail("weightsManifest is not a list");
    }
    for (const json& group : manifest) {
        std::string bytes;
        const json& paths = checks.member(group, "paths", "a weightsManifest group");
        if (!paths.is_array()) {
            checks.fail("weightsManifest paths is not a list");
        }
        for (const json& path : paths) {
            if (!path.is_string()) {
                checks.fail("a weight shard's path is not a string");
            }
            const std::string name = path.get<std::string>();
            if (name.empty() || name.find_first_of("/\\") != std::string::npos || name == "." || name == ".."
                || name.find('\0') != std::string::npos) {
                checks.fail("the weight shard \"" + name + "\" is not a plain file name beside model.json");
            }
            bytes += readShard(name);
        }
        const json& weights = checks.member(group, "weights", "a weightsManifest group");
        if (!weights.is_array()) {
            checks.fail("weightsManifest weights is not a list");
        }
        std::size_t offset = 0;
        for (const json& weight : weights) {
            offset = readWeightEntry(weight, bytes, offset, checks, all);
        }
        if (offset != bytes.size()) {
            checks.fail("the weight shards hold " + std::to_string(bytes.size())
                + " bytes where the manifest describes " + std::to_string(offset));
        }
    }
    return all;
}

} // namespace tfjs

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

} // namespace passthrough::person
