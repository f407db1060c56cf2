#pragma once

// The checks every part of the TF.js graph reader makes on model.json: each refusal is an
// Error(Model) that names the model file and what is wrong in it. Internal to the reader
// (tfjsgraph, tfjsweights, tfjsattributes).

#include "person/tfjsgraph.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace passthrough::person::tfjs {

using nlohmann::json;

constexpr std::size_t kMaxRank = 8;

class JsonChecks {
public:
    explicit JsonChecks(std::string origin)
        : m_origin(std::move(origin))
    {
    }

    [[noreturn]] void fail(const std::string& what) const;

    // object[key], which must be there.
    const json& member(const json& object, const char* key, const char* where) const;
    // object[key] as a string, which must be there.
    std::string string(const json& object, const char* key, const std::string& where) const;
    // A shape: rank 0 to kMaxRank, each dimension a whole number >= 0.
    std::vector<std::int64_t> shape(const json& dims, const std::string& where) const;
    // The elements of `dims`, at most kMaxTensorElements.
    std::int64_t elementCount(const std::vector<std::int64_t>& dims, const std::string& where) const;

private:
    std::string m_origin;
};

} // namespace passthrough::person::tfjs
