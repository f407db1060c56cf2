#pragma once

#include "farm/farmrecords.h"
#include "job/jobstore.h"

#include <string>

namespace passthrough::farm {

class Broker;

enum class JoinResult {
    Joined, // the output is written and job.json records it
    AlreadyJoined, // another join did it (a second delivery of the task)
    FinishedWithFailures, // segments failed after the retry limit: job.json records why, no output
    Requeued, // a committed chunk was missing or short: its segment is published again
    NotSettled, // a segment is neither committed nor failed yet
    Busy, // another process holds the job folder (a join in progress elsewhere)
};
std::string describe(JoinResult result);

// Runs a job's join task under the job folder's lock, so that it happens once even when the
// task is delivered twice: verifies every committed chunk, records the final state in job.json
// (the one writer of job.json in farm mode), joins the committed chunks as `process` would
// and removes every chunk file that was not committed. `job` has the paths as this machine
// sees them.
JoinResult joinFarmJob(
    Broker& broker, JobStore& store, const JobRecord& job, const FarmTask& task, const std::string& worker);

} // namespace passthrough::farm
