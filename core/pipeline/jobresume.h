#pragma once

#include "job/jobstore.h"

namespace passthrough {

// Makes a stored job safe to continue. The caller holds the folder's JobFolderLock, so no other
// process works on it: `running` segments were interrupted and become pending; `done`
// segments whose chunk is missing or short become pending; a joined output whose frame count
// is wrong is joined again; leftover partial files are removed. Refuses with
// Error(JobMismatch) a changed source or model and an output that is not this job's.
JobRecord prepareResume(JobStore& store);

// Failed segments go back to pending (attempts are kept).
JobRecord retryFailed(JobStore& store);

} // namespace passthrough
