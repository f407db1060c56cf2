#pragma once

#include "matting/mattecontrols.h"
#include "media/encodersettings.h"
#include "media/layout.h"
#include "media/mediainfo.h"
#include "util/fingerprint.h"
#include "util/timespan.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace passthrough {

// The schema version this build writes, and the oldest reader that can read it. Older files are
// upgraded step by step when read (job/jobmigration.h); each step that changes what a reader
// must understand raises kJobMinReaderVersion.
inline constexpr int kJobSchemaVersion = 9;
// v2 derives chunk names instead of storing them; v3 adds matte controls, which a v2 reader
// would silently leave out of the segments it renders; v4 adds the encoder's low-memory
// setting, without which a v3 reader would encode chunks above 4K that do not join; v5 adds the
// person choices, which a v4 reader would leave out (everyone kept); v6 the person model's input
// size, which a v5 reader would ignore and find other people than the job's other processes; v7
// whether the matte outside the people goes, which a v6 reader would keep; v8 whether small people
// are matted again in crops (--roi), which a v7 reader would leave out of the segments it renders;
// v9 time spans of regions and picks, key shapes of moving regions and the job's range, which a v8
// reader would ignore (a correction applied to the whole video, standing still; the range's
// segments joined as if they began the video).
inline constexpr int kJobMinReaderVersion = 9;

enum class SegmentStatus { Pending, Running, Done, Failed };

// Which attempt's chunk a farm worker committed (farm mode); the chunk's file name is derived
// from it and the segment index, never read from disk.
struct ChunkCommit {
    std::string worker; // a worker name: letters, digits, '-' and '_' only
    int attempt = 0;
    bool operator==(const ChunkCommit&) const = default;
};

// One run of consecutive source frames, processed on its own into one chunk.
struct SegmentRecord {
    int index = 0;
    std::int64_t frameStart = 0; // first frame (inclusive)
    std::int64_t frameEnd = 0; // last frame (exclusive)
    std::int64_t ptsStart = 0; // pts of frameStart
    std::int64_t ptsEnd = 0; // pts of frameEnd, or the stream's end pts for the last segment
    std::int64_t warmupFrameStart = 0; // first frame run through the model without output
    std::int64_t warmupPtsStart = 0;
    SegmentStatus status = SegmentStatus::Pending;
    int attempts = 0;
    std::string lastError;
    std::int64_t framesWritten = 0;
    std::string worker; // who worked on it last, for people: "host:pid" or a farm worker's name
    std::optional<ChunkCommit> commit; // farm mode: the committed attempt
    std::string updatedAt; // ISO 8601 UTC

    [[nodiscard]] std::int64_t frameCount() const { return frameEnd - frameStart; }
};

// Settings that decide the output. A job refuses to resume when they differ.
struct JobSettings {
    std::string packing = "matte";
    double segmentSeconds = 10.0;
    double warmupSeconds = 1.0;
    std::string downsample = "auto"; // "auto" or a ratio such as "0.25"
    std::string device = "auto";
    std::string refiner = "auto"; // "auto" (deep guided filter when the weights have it) or "fast"
    EncoderSettings encoder;
    std::optional<std::string> layoutOverride; // a layout tag chosen by the user
    std::string keyColor = "#00B140"; // green screen packing
    MatteControls matte; // regions, edge and time controls, scene cuts
    // --range: the part of the source the job covers (source seconds; the output starts with the
    // frame shown at its start). None: the whole video.
    std::optional<TimeSpan> range;
    // The preset the fields above came from (job/targetpreset.h): "headset", "skybox", ... and
    // "fast", "balanced", "best". Empty when the settings were chosen one by one.
    std::string target;
    std::string quality;

    bool operator==(const JobSettings&) const = default;
};

struct SourceRecord {
    std::string path; // absolute
    SourceFingerprint fingerprint;
    double durationSeconds = 0.0;
    std::int64_t frameCount = 0;
    Rational frameRate;
    Rational timeBase;
    bool variableFrameRate = false;
    int width = 0;
    int height = 0;
    int bitDepth = 8;
    std::string layoutTag;
    std::string layoutDecidedBy;
};

struct ModelRecord {
    std::string path; // absolute, or empty for a backend without a file
    std::string sha256;
};

// A job sent to a render farm (passthrough-cli submit): workers take its segments from the
// broker, so local `process`/`resume` leave it alone. `generation` numbers the publications of
// its tasks (a task is deduplicated by job, segment and generation).
struct FarmRecord {
    int generation = 1;
    std::string submittedAt;
};

// The whole state of a job, as stored in job.json. Plain data; JobStore reads and writes it.
struct JobRecord {
    int schemaVersion = kJobSchemaVersion;
    std::string id; // a UUID
    std::string createdAt;
    std::string output; // final output path, absolute
    SourceRecord source;
    JobSettings settings;
    ModelRecord model;
    std::vector<SegmentRecord> segments;
    bool joined = false;
    // What the output was when this job wrote it: only a file that still matches may be
    // replaced by a later join.
    std::optional<SourceFingerprint> outputFingerprint;
    std::optional<FarmRecord> farm; // set by `submit`
    // Decisions the user should know about, in words: a changed output size, a converted
    // projection, streams that the container could not take.
    std::vector<std::string> notes;

    [[nodiscard]] int countWithStatus(SegmentStatus status) const;
    // The frames the job outputs: the source's, or its range's.
    [[nodiscard]] std::int64_t frameCount() const
    {
        return segments.empty() ? 0 : segments.back().frameEnd - segments.front().frameStart;
    }
};

// What a migration step may need to know about where the file is read.
struct MigrationContext {
    std::filesystem::path workingFolder; // relative paths of version 1 files resolve here
};

std::string toString(SegmentStatus status);
nlohmann::json toJson(const JobRecord& job);
// Upgrades an older file, then reads every field with its type and range checked and the
// whole record validated (job/jobvalidation.h). Throws Error(JobMismatch) naming `origin` and
// the field for a malformed, hostile or newer file.
JobRecord jobFromJson(const nlohmann::json& json, const std::string& origin, const MigrationContext& context);
nlohmann::json toJson(const JobSettings& settings);
// Throws Error(JobMismatch) naming `origin` and the field for a malformed object.
JobSettings settingsFromJson(const nlohmann::json& json, const std::string& origin = "the settings");

// What a farm task carries to prove it belongs to this very job: a SHA-256 over the settings,
// the source's fingerprint and the model's sha256 (hex).
std::string jobSettingsHash(const JobRecord& job);

// Chunk file names are derived from the segment, never read from job.json: "seg00003.nut"
// locally, "seg00003.<worker>.<attempt>.nut" for a farm commit.
std::string chunkFileName(const SegmentRecord& segment, const EncoderSettings& encoder);
// The name a chunk is written under until it is complete.
std::string partialChunkFileName(
    int index, const EncoderSettings& encoder, const std::optional<ChunkCommit>& attempt = std::nullopt);

} // namespace passthrough
