#include "person/tfjsattributes.h"

#include <exception>

namespace passthrough::person::tfjs {

const json* NodeAttributes::find(const json& node, const char* key) const
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

std::int64_t NodeAttributes::wholeNumber(const json& value, const std::string& where) const
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
    m_checks.fail(where + " is not a whole number");
}

std::int64_t NodeAttributes::integer(
    const json& node, const char* key, std::int64_t fallback, const std::string& name) const
{
    const json* a = find(node, key);
    if (a == nullptr || !a->contains("i")) {
        return fallback;
    }
    return wholeNumber(a->at("i"), "attribute " + std::string(key) + " of node " + name);
}

bool NodeAttributes::boolean(const json& node, const char* key, bool fallback) const
{
    const json* a = find(node, key);
    if (a == nullptr || !a->contains("b") || !a->at("b").is_boolean()) {
        return fallback;
    }
    return a->at("b").get<bool>();
}

std::string NodeAttributes::string(const json& node, const char* key, const std::string& fallback) const
{
    const json* a = find(node, key);
    if (a == nullptr || !a->contains("s") || !a->at("s").is_string()) {
        return fallback;
    }
    return base64(a->at("s").get<std::string>());
}

std::vector<std::int64_t> NodeAttributes::integers(
    const json& node, const char* key, const std::string& name) const
{
    std::vector<std::int64_t> out;
    const json* a = find(node, key);
    if (a == nullptr || !a->contains("list") || !a->at("list").is_object() || !a->at("list").contains("i")) {
        return out;
    }
    const json& list = a->at("list").at("i");
    if (!list.is_array() || list.size() > kMaxRank) {
        m_checks.fail("attribute " + std::string(key) + " of node " + name + " is not a short list");
    }
    for (const json& v : list) {
        out.push_back(wholeNumber(v, "attribute " + std::string(key) + " of node " + name));
    }
    return out;
}

std::vector<std::string> NodeAttributes::strings(const json& node, const char* key) const
{
    std::vector<std::string> out;
    const json* a = find(node, key);
    if (a == nullptr || !a->contains("list") || !a->at("list").is_object() || !a->at("list").contains("s")) {
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

std::string NodeAttributes::base64(const std::string& text) const
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
            m_checks.fail("an attribute string is not base64");
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

DType NodeAttributes::type(const json& node, const char* key, const std::string& name) const
{
    const json* a = find(node, key);
    if (a == nullptr || !a->contains("type") || !a->at("type").is_string()) {
        m_checks.fail("node " + name + " has no type attribute " + key);
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
    m_checks.fail("node " + name + " uses the type " + type + " (float, int32 or bool expected)");
}

std::array<std::int64_t, 2> NodeAttributes::spatial(
    const json& node, const char* key, const std::string& name) const
{
    const std::vector<std::int64_t> v = integers(node, key, name);
    if (v.empty()) {
        return { 1, 1 };
    }
    if (v.size() != 4 || v[0] != 1 || v[3] != 1 || v[1] < 1 || v[2] < 1 || v[1] > 64 || v[2] > 64) {
        m_checks.fail(
            "node " + name + " has " + key + " that are not [1, h, w, 1] with h and w from 1 to 64");
    }
    return { v[1], v[2] };
}

} // namespace passthrough::person::tfjs
