#include "job/jobrecord.h"

#include "job/jobmigration.h"
#include "job/jobvalidation.h"
#include "job/jsonfields.h"
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

const char* regionActionName(MatteRegion::Action action)
{
    return action == MatteRegion::Action::Remove ? "remove" : "keep";
}

const char* regionShapeName(MatteRegion::Shape shape)
{
    return shape == MatteRegion::Shape::Rectangle ? "rectangle" : "polygon";
}

const char* regionEyeName(MatteRegion::Eye eye)
{
    switch (eye) {
    case MatteRegion::Eye::Left:
        return "left";
    case MatteRegion::Eye::Right:
        return "right";
    case MatteRegion::Eye::Both:
        return "both";
    }
    return "both";
}

// A span is written only where it is not the whole video ("from" when it starts later, "to"
// when it ends earlier), so a correction without one reads as every job before schema 9.
void writeSpan(json& object, const TimeSpan& span)
{
    if (span.from != 0.0) {
        object["from"] = span.from;
    }
    if (span.to) {
        object["to"] = *span.to;
    }
}

TimeSpan readSpan(const JsonFields& f)
{
    TimeSpan span;
    if (f.has("from")) {
        span.from = f.number("from", 0.0, 1e7);
    }
    if (f.has("to")) {
        span.to = f.number("to", 0.0, 1e7);
    }
    try {
        validateTimeSpan(span, "the span");
    } catch (const Error& e) {
        f.fail("to", e.what());
    }
    return span;
}

json toJson(const RegionPoints& points)
{
    json array = json::array();
    for (const auto& [x, y] : points) {
        array.push_back({ x, y });
    }
    return array;
}

RegionPoints readPoints(const JsonFields& f)
{
    RegionPoints result;
    const json& points = f.array("points", 256);
    for (std::size_t p = 0; p < points.size(); ++p) {
        const json& xy = points[p];
        if (!xy.is_array() || xy.size() != 2 || !xy[0].is_number() || !xy[1].is_number()) {
            f.fail("points[" + std::to_string(p) + "]", "must be a pair of numbers [x, y]");
        }
        result.emplace_back(xy[0].get<double>(), xy[1].get<double>());
    }
    return result;
}

json toJson(const PersonChoices& p)
{
    json picks = json::array();
    for (const PersonPick& pick : p.picks) {
        json entry { { "action", pick.action == PersonPick::Action::Keep ? "keep" : "remove" },
            { "x", pick.x }, { "y", pick.y }, { "seconds", pick.seconds } };
        writeSpan(entry, pick.span);
        picks.push_back(std::move(entry));
    }
    return json { { "pov", p.povAuto ? "auto" : "off" }, { "picks", picks }, { "maxPeople", p.maxPeople },
        { "detectionSize", p.detectionSize }, { "outsidePeople", p.removeOutside ? "remove" : "keep" },
        { "roi", p.roiAuto ? "auto" : "off" } };
}

json toJson(const MatteControls& m)
{
    json regions = json::array();
    for (const MatteRegion& r : m.regions) {
        json region { { "action", regionActionName(r.action) }, { "shape", regionShapeName(r.shape) },
            { "eye", regionEyeName(r.eye) }, { "points", toJson(r.points) } };
        writeSpan(region, r.span);
        if (r.moves()) {
            json keys = json::array();
            for (const RegionKey& key : r.keys) {
                keys.push_back({ { "seconds", key.seconds }, { "points", toJson(key.points) } });
            }
            region["keys"] = std::move(keys);
        }
        regions.push_back(std::move(region));
    }
    return json { { "regions", regions }, { "regionFeather", m.regionFeather },
        { "levels", { m.black, m.white } }, { "choke", m.choke }, { "feather", m.feather },
        { "smooth", m.smooth }, { "sceneCuts", m.sceneCuts ? "auto" : "off" },
        { "people", toJson(m.people) } };
}

// One of `names`, or a refusal naming the field.
template <typename Enum>
Enum readChoice(
    const JsonFields& f, const std::string& key, std::initializer_list<std::pair<const char*, Enum>> names)
{
    const std::string value = f.text(key, 32);
    std::string expected;
    for (const auto& [name, e] : names) {
        if (value == name) {
            return e;
        }
        expected += (expected.empty() ? "" : " or ") + std::string(name);
    }
    f.fail(key, "must be " + expected + ", not '" + value + "'");
}

PersonChoices readPersonChoices(const JsonFields& f)
{
    PersonChoices p;
    p.povAuto = readChoice<bool>(f, "pov", { { "auto", true }, { "off", false } });
    const json& picks = f.array("picks", 32);
    for (std::size_t i = 0; i < picks.size(); ++i) {
        const JsonFields r = f.element("picks", i);
        PersonPick pick;
        pick.action = readChoice<PersonPick::Action>(
            r, "action", { { "keep", PersonPick::Action::Keep }, { "remove", PersonPick::Action::Remove } });
        pick.x = r.number("x", 0.0, 1.0);
        pick.y = r.number("y", 0.0, 1.0);
        pick.seconds = r.number("seconds", 0.0, 1e7);
        pick.span = readSpan(r);
        p.picks.push_back(pick);
    }
    p.maxPeople = int(f.integer("maxPeople", 0, 6));
    if (f.has("detectionSize")) { // absent in settings the window saved before schema 6
        p.detectionSize = int(f.integer("detectionSize", kDefaultDetectionSize, kLargeDetectionSize));
        if (!isDetectionSize(p.detectionSize)) {
            f.fail("detectionSize",
                "must be " + std::to_string(kDefaultDetectionSize) + " or "
                    + std::to_string(kLargeDetectionSize));
        }
    }
    if (f.has("outsidePeople")) { // absent in settings the window saved before schema 7
        p.removeOutside = readChoice<bool>(f, "outsidePeople", { { "remove", true }, { "keep", false } });
    }
    if (f.has("roi")) { // absent in settings the window saved before schema 8
        p.roiAuto = readChoice<bool>(f, "roi", { { "auto", true }, { "off", false } });
    }
    return p;
}

MatteControls readMatteControls(const JsonFields& f)
{
    MatteControls m;
    const json& regions = f.array("regions", 64);
    for (std::size_t i = 0; i < regions.size(); ++i) {
        const JsonFields r = f.element("regions", i);
        MatteRegion region;
        region.action = readChoice<MatteRegion::Action>(r, "action",
            { { "remove", MatteRegion::Action::Remove }, { "keep", MatteRegion::Action::Keep } });
        region.shape = readChoice<MatteRegion::Shape>(r, "shape",
            { { "rectangle", MatteRegion::Shape::Rectangle }, { "polygon", MatteRegion::Shape::Polygon } });
        region.eye = readChoice<MatteRegion::Eye>(r, "eye",
            { { "both", MatteRegion::Eye::Both }, { "left", MatteRegion::Eye::Left },
                { "right", MatteRegion::Eye::Right } });
        region.points = readPoints(r);
        region.span = readSpan(r);
        if (r.has("keys")) {
            const json& keys = r.array("keys", 256);
            for (std::size_t k = 0; k < keys.size(); ++k) {
                const JsonFields key = r.element("keys", k);
                region.keys.push_back(RegionKey { key.number("seconds", 0.0, 1e7), readPoints(key) });
            }
        }
        try {
            MatteControls alone;
            alone.regions = { region };
            validateMatteControls(alone);
        } catch (const Error& e) {
            f.fail("regions[" + std::to_string(i) + "]", e.what());
        }
        m.regions.push_back(std::move(region));
    }
    m.regionFeather = f.number("regionFeather", 0.0, 1000.0);
    const json& levels = f.array("levels", 2);
    if (levels.size() != 2 || !levels[0].is_number() || !levels[1].is_number()) {
        f.fail("levels", "must be a pair of numbers [black, white]");
    }
    m.black = levels[0].get<double>();
    m.white = levels[1].get<double>();
    m.choke = f.number("choke", -100.0, 100.0);
    m.feather = f.number("feather", 0.0, 100.0);
    m.smooth = f.number("smooth", 0.0, 1.0);
    m.sceneCuts = readChoice<bool>(f, "sceneCuts", { { "auto", true }, { "off", false } });
    if (f.has("people")) { // absent in settings the window saved before the person choices
        m.people = readPersonChoices(f.object("people"));
    }
    if (!(m.black >= 0.0 && m.black < m.white && m.white <= 1.0)) {
        f.fail("levels", "must be two numbers 0 <= black < white <= 1");
    }
    return m;
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
