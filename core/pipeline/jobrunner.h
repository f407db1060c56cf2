#pragma once

#include "job/jobstore.h"
#include "matting/mattingbackend.h"
#include "pipeline/progress.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace passthrough {

struct NewJobRequest {
    std::string sourcePath;
    std::filesystem::path output;
    std::filesystem::path jobFolder; // empty = "<output>.ptjob" beside the output
    std::filesystem::path modelPath;
    JobSettings settings;
};

// Probes and fingerprints the source, plans segments and writes job.json. Throws
// Error(InputUnusable) for a source that cannot be used and Error(Usage) for a job folder that
// already holds a job with other settings. Returns the job folder; a folder holding the very
// same job is reused, so repeating a `process` command resumes it.
std::filesystem::path createJob(const NewJobRequest& request);

// The job folder `createJob` would use for an output.
std::filesystem::path defaultJobFolder(const std::filesystem::path& output);

// Makes a stored job safe to continue: refuses (Error(JobMismatch)) a changed source or model;
// `running` segments of workers that are gone become pending; `done` segments whose chunk is
// missing or short become pending; leftover partial chunks are removed.
JobRecord prepareResume(JobStore& store);

// Failed segments go back to pending (attempts are kept).
JobRecord retryFailed(JobStore& store);

struct RunOptions {
    std::function<std::unique_ptr<MattingBackend>(const JobRecord&)> makeBackend;
    const std::atomic<bool>* cancel = nullptr; // checked between frames and segments
    std::function<void(const ProgressEvent&)> onProgress; // called on the runner's thread
    int heartbeatSeconds = 30;
};

struct RunResult {
    int segmentCount = 0;
    int done = 0;
    int failed = 0;
    bool cancelled = false;
    bool joined = false;
    std::vector<std::string> failures; // one sentence per failed segment
};

// Works through the pending segments one after the other (other processes may work on the
// same job at the same time), then joins the chunks and copies the audio when all are done.
RunResult runJob(JobStore& store, const RunOptions& options);

} // namespace passthrough
