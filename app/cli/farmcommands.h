#pragma once

#include "job/jobrecord.h"

#include <string>

namespace passthrough::cli {

// `status JOB --broker URL`: every segment's state, worker and frames as the farm's broker has
// them, and the join. Returns the exit code.
int printFarmStatus(const JobRecord& job, const std::string& brokerUrl, bool json);

} // namespace passthrough::cli
