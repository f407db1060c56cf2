#pragma once

#include "farm/pathmap.h"

#include <atomic>
#include <functional>
#include <string>

namespace passthrough::farm {

struct WorkerOptions {
    std::string brokerUrl;
    std::string name; // 1-64 letters, digits, '-' or '_': it appears in chunk names
    PathMap paths;
    std::string device = "auto";
    int threads = 0; // LibTorch CPU threads, 0 = all cores
    bool exitWhenIdle = false; // stop once no task is left for anyone
    const std::atomic<bool>* stop = nullptr; // SIGINT/SIGTERM: the current segment is given back
    std::function<void(const std::string&)> log; // one line per event, for the console
};

struct WorkerSummary {
    int committed = 0; // segments this worker committed first
    int lostRaces = 0; // segments another worker committed first (its own chunk deleted)
    int failed = 0; // segments it ended as failed after the retry limit
    int joins = 0; // jobs it joined
};

// Takes one task at a time from the broker until stopped (or idle with exitWhenIdle):
// segment tasks are processed with their warm-up into a chunk named after this worker and the
// delivery (chunks/segNNNNN.<worker>.<attempt>.nut), flushed, then committed by creating the
// segment's commit key (the first commit wins; a late one deletes its own file); the lease is
// kept by InProgress acknowledgements only while frames advance. The worker that settles a
// job's last segment publishes its join, which another (or the same) worker runs under the job
// folder's lock: exactly once, and it alone writes job.json. Throws Error(Broker) when the
// broker cannot be set up; later broker outages are waited out.
WorkerSummary runWorker(const WorkerOptions& options);

} // namespace passthrough::farm
