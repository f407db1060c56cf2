#pragma once

#include "job/jobrecord.h"

#include <filesystem>

namespace passthrough {

// What is at a job's output path, checked at every run: job.json may come from someone else,
// so its output is never trusted to be a place that may be written.
enum class OutputState {
    Absent, // nothing there yet
    Finished, // this job's own output, complete (its frame count verified)
    Replaceable, // this job's own earlier output that is damaged, or an empty leftover file
};

// Throws Error(JobMismatch) naming job.json's `output` when the path lies inside the job
// folder, is the source itself, is a folder where a file belongs (or a file where a sequence's
// folder belongs), or holds a file this job did not write.
OutputState inspectOutput(const JobRecord& job, const std::filesystem::path& jobFolder);

} // namespace passthrough
