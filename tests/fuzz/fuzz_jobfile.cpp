// libFuzzer target: job.json as JobStore reads it (JSON, the migration ladder, every field and
// the record as a whole). Refusals are passthrough::Error; any other exception, a crash or
// undefined behaviour is a finding.
#include "job/jobrecord.h"
#include "job/jobstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(
            reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + size);
    } catch (const nlohmann::json::exception&) {
        return 0; // JobStore reports it as "not valid JSON"
    }
    try {
        const passthrough::JobRecord job
            = passthrough::jobFromJson(json, "fuzz/job.json", passthrough::MigrationContext { "/fuzz" });
        // A record that was accepted must write back and read again as the same record.
        const nlohmann::json again = passthrough::toJson(job);
        const passthrough::JobRecord back
            = passthrough::jobFromJson(again, "fuzz/job.json", passthrough::MigrationContext { "/fuzz" });
        if (passthrough::toJson(back) != again) {
            __builtin_trap();
        }
        for (const auto& segment : job.segments) {
            (void)passthrough::chunkFileName(segment, job.settings.encoder);
        }
    } catch (const passthrough::Error&) {
    }
    return 0;
}
