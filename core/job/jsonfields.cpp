#include "job/jsonfields.h"

#include "util/error.h"

#include <cmath>

namespace passthrough {

JsonFields::JsonFields(const nlohmann::json& object, std::string path, std::string origin)
    : m_object(object)
    , m_path(std::move(path))
    , m_origin(std::move(origin))
{
    if (!m_object.is_object()) {
        throw Error(ErrorKind::JobMismatch,
            m_origin + " is not a valid job file: " + (m_path.empty() ? "the file" : m_path)
                + " must be a JSON object");
    }
}

std::string JsonFields::fieldName(const std::string& key) const
{
    return m_path.empty() ? key : m_path + "." + key;
}

void JsonFields::fail(const std::string& key, const std::string& why) const
{
    throw Error(ErrorKind::JobMismatch, m_origin + " is not a valid job file: " + fieldName(key) + " " + why);
}

bool JsonFields::has(const std::string& key) const
{
    return m_object.contains(key);
}

const nlohmann::json& JsonFields::value(const std::string& key) const
{
    const auto it = m_object.find(key);
    if (it == m_object.end()) {
        fail(key, "is missing");
    }
    return *it;
}

std::int64_t JsonFields::integer(const std::string& key, std::int64_t min, std::int64_t max) const
{
    const nlohmann::json& v = value(key);
    std::int64_t result = 0;
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > std::uint64_t(max)) {
            fail(key, "must be at most " + std::to_string(max));
        }
        result = std::int64_t(u);
    } else if (v.is_number_integer()) {
        result = v.get<std::int64_t>();
    } else {
        fail(key, "must be a whole number");
    }
    if (result < min || result > max) {
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return result;
}

double JsonFields::number(const std::string& key, double min, double max) const
{
    const nlohmann::json& v = value(key);
    if (!v.is_number()) {
        fail(key, "must be a number");
    }
    const double d = v.get<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return d;
}

bool JsonFields::boolean(const std::string& key) const
{
    const nlohmann::json& v = value(key);
    if (!v.is_boolean()) {
        fail(key, "must be true or false");
    }
    return v.get<bool>();
}

std::string JsonFields::text(const std::string& key, std::size_t maxLength) const
{
    const nlohmann::json& v = value(key);
    if (!v.is_string()) {
        fail(key, "must be a string");
    }
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > maxLength) {
        fail(key, "is longer than " + std::to_string(maxLength) + " characters");
    }
    if (s.find('\0') != std::string::npos) {
        fail(key, "holds a NUL character");
    }
    return s;
}

std::optional<std::string> JsonFields::optionalText(const std::string& key, std::size_t maxLength) const
{
    if (!has(key) || m_object.at(key).is_null()) {
        return std::nullopt;
    }
    return text(key, maxLength);
}

JsonFields JsonFields::object(const std::string& key) const
{
    const nlohmann::json& v = value(key);
    if (!v.is_object()) {
        fail(key, "must be an object");
    }
    return JsonFields(v, fieldName(key), m_origin);
}

const nlohmann::json& JsonFields::array(const std::string& key, std::size_t maxItems) const
{
    const nlohmann::json& v = value(key);
    if (!v.is_array()) {
        fail(key, "must be a list");
    }
    if (v.size() > maxItems) {
        fail(key, "has more than " + std::to_string(maxItems) + " entries");
    }
    return v;
}

JsonFields JsonFields::element(const std::string& arrayKey, std::size_t index) const
{
    const nlohmann::json& list = value(arrayKey);
    const std::string name = fieldName(arrayKey) + "[" + std::to_string(index) + "]";
    if (!list.is_array() || index >= list.size() || !list.at(index).is_object()) {
        throw Error(
            ErrorKind::JobMismatch, m_origin + " is not a valid job file: " + name + " must be an object");
    }
    return JsonFields(list.at(index), name, m_origin);
}

} // namespace passthrough
