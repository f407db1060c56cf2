#pragma once

#include "job/jobrecord.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace passthrough {

// The migration ladder of job.json: one small function per version step (1 -> 2, 2 -> 3, ...),
// applied in order to the parsed JSON before it is read, so that a job written by any earlier
// release resumes. tests/fixtures/jobs/v<N>/ holds a job folder of each older version.
//
// Returns the version the file was written with. Throws Error(JobMismatch) naming `origin` for
// a file whose minReaderVersion is newer than this build (a newer release wrote it and older
// readers cannot read it) or whose version fields are not numbers.
int upgradeJob(nlohmann::json& job, const std::string& origin, const MigrationContext& context);

} // namespace passthrough
