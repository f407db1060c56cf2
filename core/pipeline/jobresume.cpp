#include "pipeline/jobresume.h"

#include "media/chunkjoiner.h"
#include "pipeline/outputguard.h"
#include "util/error.h"
#include "util/fingerprint.h"

namespace passthrough {
namespace {

void checkSourceUnchanged(const JobStore& store, const JobRecord& job)
{
    const SourceFingerprint now = fingerprintSource(job.source.path);
    const SourceFingerprint& then = job.source.fingerprint;
    if (now == then) {
        return;
    }
    const std::string what = now.sizeBytes != then.sizeBytes ? "its size changed from "
            + std::to_string(then.sizeBytes) + " to " + std::to_string(now.sizeBytes) + " bytes"
        : now.sampleSha256 != then.sampleSha256 ? "its content changed"
                                                : "its modification time changed";
    throw Error(ErrorKind::JobMismatch,
        "cannot resume " + store.folder().string() + ": the source " + job.source.path
            + " is not the file this job was made from (" + what + ")");
}

void checkModelUnchanged(const JobStore& store, const JobRecord& job)
{
    if (job.model.path.empty()) {
        return;
    }
    if (!std::filesystem::exists(job.model.path)) {
        throw Error(ErrorKind::JobMismatch,
            "cannot resume " + store.folder().string() + ": its model " + job.model.path + " is missing");
    }
    if (sha256OfFile(job.model.path) != job.model.sha256) {
        throw Error(ErrorKind::JobMismatch,
            "cannot resume " + store.folder().string() + ": the model " + job.model.path
                + " changed since the job was created (sha256 differs)");
    }
}

// Partial chunks of any attempt (local or farm) are never part of a job's state.
void removePartialChunks(const JobStore& store)
{
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(store.chunkFolder(), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("seg") && name.find(".partial.") != std::string::npos) {
            std::filesystem::remove(entry.path(), ec);
        }
    }
}

} // namespace

JobRecord prepareResume(JobStore& store)
{
    const JobRecord job = store.load();
    if (job.farm) {
        throw Error(ErrorKind::Usage,
            store.folder().string()
                + " was submitted to a render farm: workers do its segments (see "
                  "`passthrough-cli status "
                + store.folder().string() + " --broker URL`)");
    }
    checkSourceUnchanged(store, job);
    checkModelUnchanged(store, job);
    const OutputState output = inspectOutput(job, store.folder());
    JobRecord updated = store.update([&](JobRecord& j) {
        if (j.joined && output != OutputState::Finished) {
            j.joined = false; // moved, deleted or damaged: join the chunks again
            store.log(j.output + " is missing or incomplete; the chunks will be joined again");
        }
        if (j.joined && !j.outputFingerprint) {
            j.outputFingerprint = fingerprintSource(j.output); // a schema 1 job's output, adopted
        }
        for (auto& s : j.segments) {
            if (s.status == SegmentStatus::Running) {
                s.status = SegmentStatus::Pending;
                s.lastError = "interrupted: its worker stopped before finishing";
                store.log("segment " + std::to_string(s.index) + " was interrupted; it will be redone");
            } else if (s.status == SegmentStatus::Done
                && countVideoPackets(store.chunkPath(j, s)) != s.frameCount()) {
                s.status = SegmentStatus::Pending;
                s.lastError = "its chunk " + store.chunkPath(j, s).string() + " was missing or incomplete";
                store.log("segment " + std::to_string(s.index) + ": " + s.lastError + "; it will be redone");
                j.joined = false;
            }
        }
    });
    removePartialChunks(store);
    return updated;
}

JobRecord retryFailed(JobStore& store)
{
    return store.update([&](JobRecord& job) {
        for (auto& s : job.segments) {
            if (s.status == SegmentStatus::Failed) {
                s.status = SegmentStatus::Pending;
                store.log("segment " + std::to_string(s.index)
                    + " will be retried (last error: " + s.lastError + ")");
            }
        }
    });
}

} // namespace passthrough
