#pragma once

#include "media/encodersettings.h"
#include "media/layout.h"
#include "media/mediainfo.h"
#include "util/fingerprint.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace passthrough {

inline constexpr int kJobSchemaVersion = 1;

enum class SegmentStatus { Pending, Running, Done, Failed };

struct WorkerId {
    std::string host;
    std::int64_t pid = 0;
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
    std::string chunk; // file name inside the job's chunks/ folder
    std::int64_t framesWritten = 0;
    std::optional<WorkerId> worker;
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

    bool operator==(const JobSettings&) const = default;
};

struct SourceRecord {
    std::string path;
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
    std::string path;
    std::string sha256;
};

// The whole state of a job, as stored in job.json. Plain data; JobStore reads and writes it.
struct JobRecord {
    int schemaVersion = kJobSchemaVersion;
    std::string id;
    std::string createdAt;
    std::string output; // final output path
    SourceRecord source;
    JobSettings settings;
    ModelRecord model;
    std::vector<SegmentRecord> segments;
    bool joined = false;
    // Decisions the user should know about, in words: a changed output size, a converted
    // projection, audio that the container could not take.
    std::vector<std::string> notes;

    [[nodiscard]] int countWithStatus(SegmentStatus status) const;
};

std::string toString(SegmentStatus status);
nlohmann::json toJson(const JobRecord& job);
// Throws Error(JobMismatch) for a newer schema or a malformed file, naming `origin`.
JobRecord jobFromJson(const nlohmann::json& json, const std::string& origin);
nlohmann::json toJson(const JobSettings& settings);
// Throws nlohmann::json::exception for a malformed object.
JobSettings settingsFromJson(const nlohmann::json& json);

} // namespace passthrough
