#pragma once

#include "farm/farmrecords.h"
#include "job/jobstore.h"

#include <vector>

namespace passthrough::farm {

class Broker;

struct SubmitResult {
    std::string jobId;
    int published = 0; // segment tasks published by this call
    int alreadyQueued = 0; // segments a previous submission published (or that are committed)
    bool joinPublished = false; // every segment was committed already: the join was published
};

// Sends a job created in `store` (as `process` creates it) to the farm: marks job.json as a farm
// job and publishes one task per segment that has none yet, so submitting twice publishes
// nothing twice (each segment's progress key is created once; the broker also drops repeated
// message ids). Refuses a job with segments done by a local run. Returns at once: workers do
// the segments and the join.
SubmitResult submitJob(Broker& broker, JobStore& store);

// Where a farm job stands, from the broker's progress and commit buckets (one entry per
// segment, committed segments shown done with their worker), and its join.
struct FarmJobStatus {
    std::vector<SegmentProgress> segments;
    SegmentProgress join;
    int done = 0;
    int failed = 0;
    int running = 0;
    int waiting = 0; // queued, waiting or refused
    [[nodiscard]] bool finished() const { return join.state == "joined" || join.state == "failed"; }
};
FarmJobStatus farmStatus(Broker& broker, const JobRecord& job);

} // namespace passthrough::farm
