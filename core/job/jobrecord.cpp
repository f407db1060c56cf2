#include "job/jobrecord.h"

#include "job/jobmigration.h"
#include "job/jobvalidation.h"
#include "job/jsonfields.h"
#include "job/mattejson.h"
#include "util/error.h"

#include <QCryptographicHash>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace passthrough {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxFrames = std::int64_t(1) << 40;
constexpr std::int64_t kMaxPts = std::numeric_limits<std::int64_t>::max() / 4;
constexpr std::size_t kMaxSegments = 1'000'000;
constexpr std::size_t kMaxNotes = 100;

const char* statusName(SegmentStatus status)
{
    switch (status) {
    case SegmentStatus::Pending:
        return "pending";
    case SegmentStatus::Running:
        return "running";
    case SegmentStatus::Done:
        return "done";
    case SegmentStatus::Failed:
        return "failed";
    }
    return "pending";
}

json fingerprintJson(const SourceFingerprint& f)
{
    return { { "sizeBytes", f.sizeBytes }, { "modifiedMs", f.modifiedMs },
        { "sampleSha256", f.sampleSha256 } };
}

SourceFingerprint readFingerprint(const JsonFields& f)
{
    SourceFingerprint fp;
    fp.sizeBytes = std::uint64_t(f.integer("sizeBytes", 0, std::numeric_limits<std::int64_t>::max()));
    fp.modifiedMs = f.integer("modifiedMs", std::numeric_limits<std::int64_t>::min() / 2,
        std::numeric_limits<std::int64_t>::max() / 2);
    fp.sampleSha256 = f.text("sampleSha256", 64);
    return fp;
}

Rational readRational(const JsonFields& f)
{
    return Rational { int(f.integer("num", 0, 1'000'000'000)), int(f.integer("den", 1, 1'000'000'000)) };
}

json toJson(const SegmentRecord& s)
{
    return json { { "index", s.index }, { "frameStart", s.frameStart }, { "frameEnd", s.frameEnd },
        { "ptsStart", s.ptsStart }, { "ptsEnd", s.ptsEnd }, { "warmupFrameStart", s.warmupFrameStart },
        { "warmupPtsStart", s.warmupPtsStart }, { "status", statusName(s.status) },
        { "attempts", s.attempts }, { "lastError", s.lastError }, { "framesWritten", s.framesWritten },
        { "worker", s.worker },
        { "commit",
            s.commit ? json { { "worker", s.commit->worker }, { "attempt", s.commit->attempt } }
                     : json(nullptr) },
        { "updatedAt", s.updatedAt } };
}

SegmentRecord readSegment(const JsonFields& f)
{
    SegmentRecord s;
    s.index = int(f.integer("index", 0, std::int64_t(kMaxSegments)));
    s.frameStart = f.integer("frameStart", 0, kMaxFrames);
    s.frameEnd = f.integer("frameEnd", 0, kMaxFrames);
    s.ptsStart = f.integer("ptsStart", -kMaxPts, kMaxPts);
    s.ptsEnd = f.integer("ptsEnd", -kMaxPts, kMaxPts);
    s.warmupFrameStart = f.integer("warmupFrameStart", 0, kMaxFrames);
    s.warmupPtsStart = f.integer("warmupPtsStart", -kMaxPts, kMaxPts);
    const std::string status = f.text("status", 16);
    const auto known
        = { SegmentStatus::Pending, SegmentStatus::Running, SegmentStatus::Done, SegmentStatus::Failed };
    const auto match
        = std::find_if(known.begin(), known.end(), [&](SegmentStatus k) { return status == statusName(k); });
    if (match == known.end()) {
        f.fail("status", "must be pending, running, done or failed, not '" + status + "'");
    }
    s.status = *match;
    s.attempts = int(f.integer("attempts", 0, 1'000'000));
    s.lastError = f.text("lastError", 64 * 1024);
    s.framesWritten = f.integer("framesWritten", 0, kMaxFrames);
    s.worker = f.text("worker", 256);
    if (f.has("commit") && !f.raw().at("commit").is_null()) {
        const JsonFields c = f.object("commit");
        s.commit = ChunkCommit { c.text("worker", 64), int(c.integer("attempt", 1, 1'000'000)) };
    }
    s.updatedAt = f.text("updatedAt", 64);
    return s;
}

} // namespace

void to_json(json& j, const JobSettings& s)
{
    j = json { { "packing", s.packing }, { "segmentSeconds", s.segmentSeconds },
        { "warmupSeconds", s.warmupSeconds }, { "downsample", s.downsample }, { "device", s.device },
        { "refiner", s.refiner }, { "keyColor", s.keyColor },
        { "encoder",
            { { "encoder", s.encoder.encoder }, { "crf", s.encoder.crf }, { "preset", s.encoder.preset },
                { "bitDepth", s.encoder.bitDepth }, { "lowMemory", s.encoder.lowMemory } } },
        { "layoutOverride", s.layoutOverride ? json(*s.layoutOverride) : json(nullptr) },
        { "matte", toJson(s.matte) } };
    if (s.range) {
        json range = json::object();
        writeSpan(range, *s.range);
        j["range"] = std::move(range);
    }
    // Optional: readers before the presets ignore them, and the settings they name are all above.
    if (!s.target.empty()) {
        j["target"] = s.target;
        j["quality"] = s.quality;
    }
}

static JobSettings readSettings(const JsonFields& f)
{
    JobSettings s;
    s.packing = f.text("packing", 64);
    s.segmentSeconds = f.number("segmentSeconds", 0.0, 1e6);
    s.warmupSeconds = f.number("warmupSeconds", 0.0, 1e6);
    s.downsample = f.text("downsample", 32);
    s.device = f.text("device", 32);
    s.refiner = f.has("refiner") ? f.text("refiner", 32) : "auto";
    s.keyColor = f.has("keyColor") ? f.text("keyColor", 32) : "#00B140";
    const JsonFields e = f.object("encoder");
    s.encoder.encoder = e.text("encoder", 64);
    s.encoder.crf = int(e.integer("crf", 0, 63));
    s.encoder.preset = e.text("preset", 64);
    s.encoder.bitDepth = int(e.integer("bitDepth", 8, 16));
    // Absent only in settings the window saved before schema 4: those are new jobs' settings.
    s.encoder.lowMemory = e.has("lowMemory") ? e.boolean("lowMemory") : true;
    s.layoutOverride = f.optionalText("layoutOverride", 64);
    if (f.has("target")) {
        s.target = f.text("target", 32);
        s.quality = f.has("quality") ? f.text("quality", 32) : "balanced";
    }
    if (f.has("matte")) { // absent in settings the window saved before matte controls existed
        s.matte = readMatteControls(f.object("matte"));
    }
    if (f.has("range")) { // absent before schema 9, and for a job of the whole video
        s.range = readSpan(f.object("range"));
    }
    return s;
}

int JobRecord::countWithStatus(SegmentStatus status) const
{
    return int(
        std::count_if(segments.begin(), segments.end(), [&](const auto& s) { return s.status == status; }));
}

std::string toString(SegmentStatus status)
{
    return statusName(status);
}

json toJson(const JobSettings& settings)
{
    return json(settings);
}

JobSettings settingsFromJson(const json& j, const std::string& origin)
{
    return readSettings(JsonFields(j, "settings", origin));
}

json toJson(const JobRecord& job)
{
    const SourceRecord& src = job.source;
    json segments = json::array();
    for (const auto& s : job.segments) {
        segments.push_back(toJson(s));
    }
    return json { { "schemaVersion", kJobSchemaVersion }, { "minReaderVersion", kJobMinReaderVersion },
        { "id", job.id }, { "createdAt", job.createdAt }, { "output", job.output },
        { "source",
            { { "path", src.path }, { "fingerprint", fingerprintJson(src.fingerprint) },
                { "durationSeconds", src.durationSeconds }, { "frameCount", src.frameCount },
                { "frameRate", { { "num", src.frameRate.num }, { "den", src.frameRate.den } } },
                { "timeBase", { { "num", src.timeBase.num }, { "den", src.timeBase.den } } },
                { "variableFrameRate", src.variableFrameRate }, { "width", src.width },
                { "height", src.height }, { "bitDepth", src.bitDepth }, { "layoutTag", src.layoutTag },
                { "layoutDecidedBy", src.layoutDecidedBy } } },
        { "settings", job.settings },
        { "model", { { "path", job.model.path }, { "sha256", job.model.sha256 } } }, { "segments", segments },
        { "joined", job.joined },
        { "outputFingerprint",
            job.outputFingerprint ? fingerprintJson(*job.outputFingerprint) : json(nullptr) },
        { "notes", job.notes } };
}

JobRecord jobFromJson(const json& original, const std::string& origin, const MigrationContext& context)
{
    json j = original;
    const int fileVersion = upgradeJob(j, origin, context);
    const JsonFields f(j, "", origin);
    JobRecord job;
    // A newer file that this build may read (its minReaderVersion allows it) stays marked as
    // newer, so that JobStore never writes it back without the fields it does not know.
    job.schemaVersion = std::max(fileVersion, kJobSchemaVersion);
    job.id = f.text("id", 64);
    job.createdAt = f.text("createdAt", 64);
    job.output = f.text("output");

    const JsonFields src = f.object("source");
    SourceRecord& s = job.source;
    s.path = src.text("path");
    s.fingerprint = readFingerprint(src.object("fingerprint"));
    s.durationSeconds = src.number("durationSeconds", 0.0, 1e9);
    s.frameCount = src.integer("frameCount", 1, kMaxFrames);
    s.frameRate = readRational(src.object("frameRate"));
    s.timeBase = readRational(src.object("timeBase"));
    if (s.timeBase.num < 1) {
        src.fail("timeBase.num", "must be at least 1");
    }
    s.variableFrameRate = src.boolean("variableFrameRate");
    s.width = int(src.integer("width", 1, 65536));
    s.height = int(src.integer("height", 1, 65536));
    s.bitDepth = int(src.integer("bitDepth", 1, 16));
    s.layoutTag = src.text("layoutTag", 64);
    s.layoutDecidedBy = src.text("layoutDecidedBy", 1024);

    job.settings = readSettings(f.object("settings"));
    const JsonFields model = f.object("model");
    job.model.path = model.text("path");
    job.model.sha256 = model.text("sha256", 64);

    const json& segments = f.array("segments", kMaxSegments);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        job.segments.push_back(readSegment(f.element("segments", i)));
    }
    job.joined = f.boolean("joined");
    if (f.has("outputFingerprint") && !j.at("outputFingerprint").is_null()) {
        job.outputFingerprint = readFingerprint(f.object("outputFingerprint"));
    }
    if (f.has("farm") && !j.at("farm").is_null()) {
        const JsonFields farm = f.object("farm");
        job.farm = FarmRecord { int(farm.integer("generation", 1, 1'000'000)), farm.text("submittedAt", 64) };
    }
    const json& notes = f.array("notes", kMaxNotes);
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (!notes[i].is_string() || notes[i].get_ref<const std::string&>().size() > 4096) {
            f.fail("notes[" + std::to_string(i) + "]", "must be a string of at most 4096 characters");
        }
        job.notes.push_back(notes[i].get<std::string>());
    }
    validateJob(job, origin);
    return job;
}

std::string jobSettingsHash(const JobRecord& job)
{
    const std::string identity = json {
        { "settings", job.settings }, { "source", fingerprintJson(job.source.fingerprint) },
        { "model", job.model.sha256 }
    }.dump();
    return QCryptographicHash::hash(QByteArray::fromStdString(identity), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::string partialChunkFileName(
    int index, const EncoderSettings& encoder, const std::optional<ChunkCommit>& attempt)
{
    char name[32];
    std::snprintf(name, sizeof name, "seg%05d", index);
    std::string base = name;
    if (attempt) {
        base += "." + attempt->worker + "." + std::to_string(attempt->attempt);
    }
    return base + ".partial" + chunkExtension(encoder);
}

std::string chunkFileName(const SegmentRecord& segment, const EncoderSettings& encoder)
{
    char name[32];
    std::snprintf(name, sizeof name, "seg%05d", segment.index);
    std::string base = name;
    if (segment.commit) {
        base += "." + segment.commit->worker + "." + std::to_string(segment.commit->attempt);
    }
    return base + chunkExtension(encoder);
}

} // namespace passthrough
