#pragma once

#include "job/jobrecord.h"

#include <string>

namespace passthrough {

// Checks a job read from disk as a whole: every path absolute, every setting one this build
// knows, segments that tile the source's frames in order, names that stay names. job.json may
// sit on a shared drive that others write, so nothing in it is trusted until this passed.
// Throws Error(JobMismatch) naming `origin` and the field.
void validateJob(const JobRecord& job, const std::string& origin);

// Checks settings as the user gives them (the CLI, the window) or as job.json holds them.
// Throws Error(Usage) naming the setting.
void validateSettings(const JobSettings& settings);

// "auto" -> 0, else a ratio in (0, 1]; throws Error(Usage) for anything else.
double parseDownsample(const std::string& text);

// A job id as job.json and farm tasks carry it: a UUID (8-4-4-4-12 hexadecimal digits).
[[nodiscard]] bool isValidJobId(const std::string& id);

// A farm worker's name as it may appear in chunk names and broker subjects: 1-64 letters,
// digits, '-' or '_'.
[[nodiscard]] bool isValidWorkerName(const std::string& name);

} // namespace passthrough
