#pragma once

#include "job/jobstore.h"
#include "matting/mattingbackend.h"
#include "media/mediainfo.h"
#include "packing/packing.h"
#include "pipeline/progress.h"
#include "pipeline/segmentprocessor.h"
#include "util/error.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace passthrough {

using BackendFactory = std::function<std::unique_ptr<MattingBackend>(const JobRecord&)>;

// What every worker of a job (the local runner, a farm worker) opens once before its first
// segment: the source's stream headers, the packing, the model. Opening refuses a job that
// cannot run here before any segment is touched: Error(EncoderUnavailable) when the job's
// encoder does not open on this machine, Error(OutOfMemory) when the model does not fit.
struct OpenedJob {
    JobRecord job;
    MediaInfo source;
    PackingKind packing = PackingKind::Matte;
    double downsampleRatio = 0.0;
    std::unique_ptr<MattingBackend> backend;
    std::shared_ptr<const person::PeopleDecisions> people; // set when the job chooses people
};
// With person choices, `jobFolder` holds (or gets) people.bin (pipeline/peoplepreparation.h) and
// `log` hears what the person pass does.
OpenedJob openJob(const JobRecord& job, const BackendFactory& makeBackend, const std::atomic<bool>* cancel,
    const std::filesystem::path& jobFolder = {}, const std::function<void(const std::string&)>& log = {});

// Processes one segment of an opened job into `chunkFile` (complete when this returns; the
// caller flushes and publishes it with commitRename). Throws Error as processSegment does.
SegmentOutcome processJobSegment(OpenedJob& opened, const SegmentRecord& segment,
    const std::filesystem::path& chunkFile, const std::atomic<bool>* cancel,
    const std::function<void(std::int64_t)>& onFrames,
    const std::function<void(const std::string&)>& onWarning, std::atomic<std::int64_t>* activity = nullptr);

struct JoinOutcome {
    std::vector<std::string> notes; // source streams the output could not take
};
// Joins a job's chunks into its output (never over a file that is not this job's), verifies the
// output's frame count and records it as joined with its fingerprint. The caller holds the
// folder's lock.
JoinOutcome joinJob(JobStore& store, const JobRecord& job, int sourceVideoStreamIndex);

struct RunOptions {
    BackendFactory makeBackend;
    const std::atomic<bool>* cancel = nullptr; // checked between frames and segments
    std::function<void(const ProgressEvent&)> onProgress; // called on the runner's thread
};

struct RunResult {
    int segmentCount = 0;
    int done = 0;
    int failed = 0;
    bool cancelled = false;
    bool joined = false;
    std::vector<std::string> failures; // one sentence per failed segment
    // A job-wide failure stopped the run (disk full, encoder missing, out of memory): what
    // happened and what to do, once. Every segment stays resumable.
    std::optional<std::string> stopped;
    ErrorKind stopKind = ErrorKind::Unknown;
};

// Works through the pending segments one after the other, then joins the chunks and copies
// the source's other streams when all are done. The caller holds the folder's JobFolderLock.
RunResult runJob(JobStore& store, const RunOptions& options);

} // namespace passthrough
