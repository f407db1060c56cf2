#pragma once

#include "person/tfjsjson.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace passthrough::person::tfjs {

// A node's attributes as TF.js writes them in model.json ("attr": {"key": {"i": "2"}}): each
// read gives the fallback where the attribute is absent, and refuses (JsonChecks::fail) one that
// is there but malformed. `name` is the node's, for the message.
class NodeAttributes {
public:
    explicit NodeAttributes(const JsonChecks& checks)
        : m_checks(checks)
    {
    }

    std::int64_t integer(
        const json& node, const char* key, std::int64_t fallback, const std::string& name) const;
    bool boolean(const json& node, const char* key, bool fallback) const;
    // Strings are base64 in TF.js's JSON (protobuf bytes): returned decoded.
    std::string string(const json& node, const char* key, const std::string& fallback) const;
    std::vector<std::int64_t> integers(const json& node, const char* key, const std::string& name) const;
    std::vector<std::string> strings(const json& node, const char* key) const;
    // A tensor type, which must be there (float, int32 or bool; int64 is computed as int32).
    DType type(const json& node, const char* key, const std::string& name) const;
    // Height and width of an NHWC [1, h, w, 1] attribute; {1, 1} when absent.
    std::array<std::int64_t, 2> spatial(const json& node, const char* key, const std::string& name) const;

private:
    const json* find(const json& node, const char* key) const;
    // TF.js writes 64-bit integers as strings ("i": "2"); numbers are taken as well.
    std::int64_t wholeNumber(const json& value, const std::string& where) const;
    std::string base64(const std::string& text) const;

    const JsonChecks& m_checks;
};

} // namespace passthrough::person::tfjs
