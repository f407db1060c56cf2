#include "job/jobrecord.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

namespace passthrough {

using nlohmann::json;

NLOHMANN_JSON_SERIALIZE_ENUM(SegmentStatus,
    { { SegmentStatus::Pending, "pending" }, { SegmentStatus::Running, "running" },
        { SegmentStatus::Done, "done" }, { SegmentStatus::Failed, "failed" } })

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Rational, num, den)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(WorkerId, host, pid)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceFingerprint, sizeBytes, modifiedMs, sampleSha256)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EncoderSettings, encoder, crf, preset, bitDepth)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceRecord, path, fingerprint, durationSeconds, frameCount, frameRate,
    timeBase, variableFrameRate, width, height, bitDepth, layoutTag, layoutDecidedBy)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ModelRecord, path, sha256)

void to_json(json& j, const JobSettings& s)
{
    j = json { { "packing", s.packing }, { "segmentSeconds", s.segmentSeconds },
        { "warmupSeconds", s.warmupSeconds }, { "downsample", s.downsample }, { "device", s.device },
        { "refiner", s.refiner }, { "keyColor", s.keyColor }, { "encoder", s.encoder },
        { "layoutOverride", s.layoutOverride ? json(*s.layoutOverride) : json(nullptr) } };
}

void from_json(const json& j, JobSettings& s)
{
    j.at("packing").get_to(s.packing);
    j.at("segmentSeconds").get_to(s.segmentSeconds);
    j.at("warmupSeconds").get_to(s.warmupSeconds);
    j.at("downsample").get_to(s.downsample);
    j.at("device").get_to(s.device);
    s.refiner = j.value("refiner", "auto");
    s.keyColor = j.value("keyColor", "#00B140");
    j.at("encoder").get_to(s.encoder);
    s.layoutOverride.reset();
    if (j.contains("layoutOverride") && !j.at("layoutOverride").is_null()) {
        s.layoutOverride = j.at("layoutOverride").get<std::string>();
    }
}

void to_json(json& j, const SegmentRecord& s)
{
    j = json { { "index", s.index }, { "frameStart", s.frameStart }, { "frameEnd", s.frameEnd },
        { "ptsStart", s.ptsStart }, { "ptsEnd", s.ptsEnd }, { "warmupFrameStart", s.warmupFrameStart },
        { "warmupPtsStart", s.warmupPtsStart }, { "status", s.status }, { "attempts", s.attempts },
        { "lastError", s.lastError }, { "chunk", s.chunk }, { "framesWritten", s.framesWritten },
        { "worker", s.worker ? json(*s.worker) : json(nullptr) }, { "updatedAt", s.updatedAt } };
}

void from_json(const json& j, SegmentRecord& s)
{
    j.at("index").get_to(s.index);
    j.at("frameStart").get_to(s.frameStart);
    j.at("frameEnd").get_to(s.frameEnd);
    j.at("ptsStart").get_to(s.ptsStart);
    j.at("ptsEnd").get_to(s.ptsEnd);
    j.at("warmupFrameStart").get_to(s.warmupFrameStart);
    j.at("warmupPtsStart").get_to(s.warmupPtsStart);
    j.at("status").get_to(s.status);
    j.at("attempts").get_to(s.attempts);
    j.at("lastError").get_to(s.lastError);
    j.at("chunk").get_to(s.chunk);
    j.at("framesWritten").get_to(s.framesWritten);
    s.worker.reset();
    if (!j.at("worker").is_null()) {
        s.worker = j.at("worker").get<WorkerId>();
    }
    j.at("updatedAt").get_to(s.updatedAt);
}

int JobRecord::countWithStatus(SegmentStatus status) const
{
    return int(
        std::count_if(segments.begin(), segments.end(), [&](const auto& s) { return s.status == status; }));
}

std::string toString(SegmentStatus status)
{
    return json(status).get<std::string>();
}

json toJson(const JobSettings& settings)
{
    return json(settings);
}

JobSettings settingsFromJson(const json& j)
{
    return j.get<JobSettings>();
}

json toJson(const JobRecord& job)
{
    return json { { "schemaVersion", job.schemaVersion }, { "minReaderVersion", 1 }, { "id", job.id },
        { "createdAt", job.createdAt }, { "output", job.output }, { "source", job.source },
        { "settings", job.settings }, { "model", job.model }, { "segments", job.segments },
        { "joined", job.joined }, { "notes", job.notes } };
}

JobRecord jobFromJson(const json& j, const std::string& origin)
{
    try {
        const int minReader = j.value("minReaderVersion", 1);
        if (minReader > kJobSchemaVersion) {
            throw Error(ErrorKind::JobMismatch,
                origin + " was written by a newer Passthrough Studio (job schema "
                    + std::to_string(j.value("schemaVersion", 0)) + "); update to resume it");
        }
        // Migration ladder: when the schema changes, upgrade older records step by step here,
        // e.g. `if (version < 2) migrateTo2(j);`.
        JobRecord job;
        job.schemaVersion = kJobSchemaVersion;
        j.at("id").get_to(job.id);
        j.at("createdAt").get_to(job.createdAt);
        j.at("output").get_to(job.output);
        j.at("source").get_to(job.source);
        j.at("settings").get_to(job.settings);
        j.at("model").get_to(job.model);
        j.at("segments").get_to(job.segments);
        j.at("joined").get_to(job.joined);
        job.notes = j.value("notes", std::vector<std::string> {}); // optional: not in early files
        return job;
    } catch (const json::exception& e) {
        throw Error(ErrorKind::JobMismatch, origin + " is not a valid job file: " + e.what());
    }
}

} // namespace passthrough
