#pragma once

#include "job/jobrecord.h"

#include <atomic>
#include <filesystem>
#include <string>

namespace passthrough {

struct NewJobRequest {
    std::string sourcePath;
    std::filesystem::path output;
    std::filesystem::path jobFolder; // empty = "<output>.ptjob" beside the output
    std::filesystem::path modelPath;
    JobSettings settings;
    // Refuse a new job, before anything is written, when the output's disk lacks the space its
    // estimate needs (pipeline/spacecheck.h).
    bool checkSpace = false;
};

// Probes and fingerprints the source, plans segments and writes job.json, with every path made
// absolute. Throws Error(InputUnusable) for a source that cannot be used, Error(Usage) for a job
// folder that already holds a job with other settings or an output that already exists, and
// Error(Cancelled) when `cancel` is set while the source is read. Returns the job folder; a
// folder holding the very same job is reused, so repeating a `process` command resumes it.
std::filesystem::path createJob(const NewJobRequest& request, const std::atomic<bool>* cancel = nullptr);

// The job folder `createJob` would use for an output.
std::filesystem::path defaultJobFolder(const std::filesystem::path& output);

} // namespace passthrough
