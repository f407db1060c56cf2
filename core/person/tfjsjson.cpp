#include "person/tfjsjson.h"

#include "util/error.h"

namespace passthrough::person::tfjs {

void JsonChecks::fail(const std::string& what) const
{
    throw Error(ErrorKind::Model, "The person model " + m_origin + " is not usable: " + what + ".");
}

const json& JsonChecks::member(const json& object, const char* key, const char* where) const
{
    if (!object.is_object() || !object.contains(key)) {
        fail(std::string(where) + " has no \"" + key + "\"");
    }
    return object.at(key);
}

std::string JsonChecks::string(const json& object, const char* key, const std::string& where) const
{
    if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) {
        fail(where + " has no \"" + key + "\" string");
    }
    return object.at(key).get<std::string>();
}

std::vector<std::int64_t> JsonChecks::shape(const json& dims, const std::string& where) const
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

std::int64_t JsonChecks::elementCount(const std::vector<std::int64_t>& dims, const std::string& where) const
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

} // namespace passthrough::person::tfjs
