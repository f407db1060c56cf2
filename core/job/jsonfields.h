#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace passthrough {

// Reads the fields of one JSON object with every type and range checked, so that a damaged or
// hostile file can only ever produce a clear refusal: Error(JobMismatch) naming the file and
// the field ("job.json: segments[3].frameEnd must be ..."). nlohmann's own get<int>() would
// silently wrap out-of-range numbers instead.
class JsonFields {
public:
    JsonFields(const nlohmann::json& object, std::string path, std::string origin);

    [[nodiscard]] bool has(const std::string& key) const;
    [[nodiscard]] std::int64_t integer(const std::string& key, std::int64_t min, std::int64_t max) const;
    [[nodiscard]] double number(const std::string& key, double min, double max) const;
    [[nodiscard]] bool boolean(const std::string& key) const;
    [[nodiscard]] std::string text(const std::string& key, std::size_t maxLength = 4096) const;
    // A string, or nullopt for null or a missing key.
    [[nodiscard]] std::optional<std::string> optionalText(
        const std::string& key, std::size_t maxLength = 4096) const;
    [[nodiscard]] JsonFields object(const std::string& key) const;
    // An array of at most `maxItems` entries.
    [[nodiscard]] const nlohmann::json& array(const std::string& key, std::size_t maxItems) const;
    // The element `index` of an array field, as an object.
    [[nodiscard]] JsonFields element(const std::string& arrayKey, std::size_t index) const;
    [[nodiscard]] const nlohmann::json& raw() const { return m_object; }

    [[nodiscard]] std::string fieldName(const std::string& key) const;
    [[noreturn]] void fail(const std::string& key, const std::string& why) const;

private:
    const nlohmann::json& value(const std::string& key) const;

    const nlohmann::json& m_object;
    std::string m_path; // "" for the top, "segments[3]" below it
    std::string m_origin; // the file, for messages
};

} // namespace passthrough
