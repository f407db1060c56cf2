#include "job/jobmigration.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <initializer_list>

namespace passthrough {
namespace {

using nlohmann::json;

void makeAbsolute(json& field, const MigrationContext& context)
{
    if (!field.is_string() || field.get_ref<const std::string&>().empty()) {
        return; // a wrong type is reported by the reader, with the field's name
    }
    const std::filesystem::path path = field.get<std::string>();
    if (path.is_relative()) {
        field = (context.workingFolder / path).lexically_normal().string();
    }
}

// The object at job[keys[0]][keys[1]]..., or nullptr where one is missing or not an object: a
// step changes what the file has and leaves a damaged file to the reader's named errors.
json* objectAt(json& job, std::initializer_list<const char*> keys)
{
    json* at = &job;
    for (const char* key : keys) {
        if (!at->is_object() || !at->contains(key)) {
            return nullptr;
        }
        at = &(*at)[key];
    }
    return at->is_object() ? at : nullptr;
}

// Version 1 (release 0.1.0) stored each segment's chunk name and the claiming process, and
// kept paths as the user typed them. Version 2 derives chunk names from the index, names the
// last worker in words, records farm commits and the output's fingerprint, and keeps absolute
// paths (relative ones were relative to the folder the job was started from, taken here to be
// the current one).
void migrate1To2(json& job, const MigrationContext& context)
{
    if (job.contains("segments") && job["segments"].is_array()) {
        for (json& segment : job["segments"]) {
            if (!segment.is_object()) {
                continue;
            }
            segment.erase("chunk");
            const json worker = segment.value("worker", json(nullptr));
            std::string name;
            if (worker.is_object() && worker.contains("host") && worker["host"].is_string()
                && worker.contains("pid") && worker["pid"].is_number_integer()) {
                name = worker["host"].get<std::string>() + ":"
                    + std::to_string(worker["pid"].get<std::int64_t>());
            }
            segment["worker"] = name;
            segment["commit"] = nullptr;
        }
    }
    if (job.contains("source") && job["source"].is_object() && job["source"].contains("path")) {
        makeAbsolute(job["source"]["path"], context);
    }
    if (job.contains("output")) {
        makeAbsolute(job["output"], context);
    }
    if (job.contains("model") && job["model"].is_object() && job["model"].contains("path")) {
        makeAbsolute(job["model"]["path"], context);
    }
    job["outputFingerprint"] = nullptr;
    if (!job.contains("notes")) {
        job["notes"] = json::array(); // absent in the earliest version 1 files
    }
}

// Version 3 adds the matte controls. A job started before them was rendered with none and
// without scene-cut resets, so its remaining segments are too: the upgraded file says so.
void migrate2To3(json& job, const MigrationContext&)
{
    if (json* settings = objectAt(job, { "settings" })) {
        (*settings)["matte"]
            = json { { "regions", json::array() }, { "regionFeather", 8.0 }, { "levels", { 0.0, 1.0 } },
                  { "choke", 0.0 }, { "feather", 0.0 }, { "smooth", 0.0 }, { "sceneCuts", "off" } };
    }
}

// Version 4 records whether x265 runs with its low-memory settings above 4K UHD. Earlier
// jobs did not, and their remaining chunks must be encoded like the finished ones to join.
void migrate3To4(json& job, const MigrationContext&)
{
    if (json* encoder = objectAt(job, { "settings", "encoder" })) {
        (*encoder)["lowMemory"] = false;
    }
}

// Version 5 adds the person choices (matte.people). Earlier jobs kept everyone the model found.
void migrate4To5(json& job, const MigrationContext&)
{
    if (json* matte = objectAt(job, { "settings", "matte" })) {
        (*matte)["people"] = json { { "pov", "off" }, { "picks", json::array() }, { "maxPeople", 0 } };
    }
}

// Version 6 records the size the person model sees each eye at. Earlier jobs found people at 256.
void migrate5To6(json& job, const MigrationContext&)
{
    if (json* people = objectAt(job, { "settings", "matte", "people" })) {
        (*people)["detectionSize"] = 256;
    }
}

// Version 7 may remove the matte outside the people. Earlier jobs kept it.
void migrate6To7(json& job, const MigrationContext&)
{
    if (json* people = objectAt(job, { "settings", "matte", "people" })) {
        (*people)["outsidePeople"] = "keep";
    }
}

// Version 8 may matte small people again in crops around them (--roi). Earlier jobs did not.
void migrate7To8(json& job, const MigrationContext&)
{
    if (json* people = objectAt(job, { "settings", "matte", "people" })) {
        (*people)["roi"] = "off";
    }
}

// Version 9 gives regions and person picks a time span and regions key shapes. Without them a
// correction holds for the whole video and stands still, which is what every earlier job meant:
// nothing to write.
void migrate8To9(json&, const MigrationContext&) { }

using Step = std::function<void(json&, const MigrationContext&)>;
// steps[i] upgrades version i + 1 to version i + 2.
const std::array<Step, kJobSchemaVersion - 1> kSteps { migrate1To2, migrate2To3, migrate3To4, migrate4To5,
    migrate5To6, migrate6To7, migrate7To8, migrate8To9 };

int versionField(const json& job, const char* key, int fallback, const std::string& origin)
{
    if (!job.contains(key)) {
        return fallback;
    }
    const json& v = job.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 1'000'000) {
        throw Error(
            ErrorKind::JobMismatch, origin + " is not a valid job file: " + key + " must be a whole number");
    }
    return int(v.get<std::int64_t>());
}

} // namespace

int upgradeJob(json& job, const std::string& origin, const MigrationContext& context)
{
    if (!job.is_object()) {
        throw Error(ErrorKind::JobMismatch, origin + " is not a valid job file: it is not a JSON object");
    }
    const int version = versionField(job, "schemaVersion", 0, origin);
    if (version == 0) {
        throw Error(ErrorKind::JobMismatch, origin + " is not a valid job file: schemaVersion is missing");
    }
    const int minReader = versionField(job, "minReaderVersion", 1, origin);
    if (minReader > kJobSchemaVersion) {
        throw Error(ErrorKind::JobMismatch,
            origin + " was written by a newer Passthrough Studio (job schema " + std::to_string(version)
                + "); update to read it");
    }
    for (int v = version; v < kJobSchemaVersion; ++v) {
        kSteps[std::size_t(v - 1)](job, context);
    }
    if (version < kJobSchemaVersion) {
        job["schemaVersion"] = kJobSchemaVersion;
        job["minReaderVersion"] = kJobMinReaderVersion;
    }
    return version;
}

} // namespace passthrough
