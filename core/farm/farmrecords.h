#pragma once

#include "job/jobrecord.h"

#include <cstdint>
#include <optional>
#include <string>

namespace passthrough::farm {

// A task on the broker: one segment of a job, or its join. It carries only what finds the job
// and proves it is the same job; everything else comes from job.json.
struct FarmTask {
    enum class Kind { Segment, Join };
    Kind kind = Kind::Segment;
    std::string jobId;
    std::string jobFolder; // absolute, as the submitter sees it (workers map it)
    std::string settingsHash; // jobSettingsHash() of the job when it was submitted
    int index = -1; // the segment, for Kind::Segment
    int generation = 1;
};

std::string taskSubject(const FarmTask& task); // pt.seg.<jobId>.<index> or pt.join.<jobId>
std::string taskMessageId(const FarmTask& task); // what the broker deduplicates by
std::string toPayload(const FarmTask& task);
// Checks every field (the broker is shared: anyone with access can publish); throws
// Error(JobMismatch) naming the field.
FarmTask taskFromPayload(const std::string& payload);

// What the progress bucket says of a segment (key "<jobId>.<index>") or of the join ("<jobId>.join").
struct SegmentProgress {
    // queued, running, done, failed, waiting (a job-wide problem: it will be tried again),
    // refused (no worker may take it); for the join: joining, joined, failed
    std::string state = "queued";
    std::string worker;
    std::int64_t frames = 0;
    std::int64_t totalFrames = 0;
    double framesPerSecond = 0.0;
    std::string error;
    std::string updatedAt;
    int attempt = 0; // the delivery that wrote this
    int failures = 0; // real failures so far (bad data, model or encoder errors)
};
std::string toPayload(const SegmentProgress& progress);
// A damaged value reads as a queued segment with its error saying so.
SegmentProgress progressFromPayload(const std::string& payload);

std::string progressKey(const std::string& jobId, int index);
std::string joinKey(const std::string& jobId);
std::string commitKey(const std::string& jobId, int index);

// The committed attempt of a segment, as the commit bucket holds it.
std::string toPayload(const ChunkCommit& commit);
std::optional<ChunkCommit> commitFromPayload(const std::string& payload);

} // namespace passthrough::farm
