#include "pipeline/jobrunner.h"

#include "job/jobvalidation.h"
#include "media/chunkencoder.h"
#include "media/chunkjoiner.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "person/roiplan.h"
#include "pipeline/outputguard.h"
#include "pipeline/peoplepreparation.h"
#include "pipeline/progressreporter.h"
#include "util/durablefile.h"
#include "util/error.h"
#include "util/fingerprint.h"
#include "util/memory.h"

#include <torch/types.h>

#include <algorithm>
#include <cstdio>

namespace passthrough {
namespace {

std::unique_ptr<MattingBackend> makeBackendOrThrow(const BackendFactory& makeBackend, const JobRecord& job)
{
    const std::string context = "cannot load the model " + job.model.path;
    const torch::Device device = job.settings.device == "cpu" ? torch::kCPU : torch::kCUDA;
    try {
        return makeBackend(job);
    } catch (const std::bad_alloc&) {
        throw modelFailure(context, "out of memory", device);
    } catch (const c10::Error& e) {
        throw modelFailure(context, e.what_without_backtrace(), device);
    }
}

// Segment bookkeeping in job.json. A write that fails (a full disk) becomes a job-wide stop:
// the exception leaves the catch blocks of the run loop instead of escaping from one.
class SegmentLedger {
public:
    explicit SegmentLedger(JobStore& store)
        : m_store(store)
    {
    }

    std::optional<SegmentRecord> claimNext()
    {
        std::optional<SegmentRecord> claimed;
        m_store.update([&](JobRecord& job) {
            for (auto& s : job.segments) {
                if (s.status == SegmentStatus::Pending) {
                    s.status = SegmentStatus::Running;
                    s.worker = currentWorkerName();
                    s.attempts += 1;
                    s.framesWritten = 0;
                    s.updatedAt = nowIso8601();
                    claimed = s;
                    return;
                }
            }
        });
        return claimed;
    }

    void finish(int index, SegmentStatus status, std::int64_t frames, const std::string& error,
        bool countAttempt = true)
    {
        m_store.update([&](JobRecord& job) {
            SegmentRecord& s = job.segments.at(std::size_t(index));
            s.status = status;
            s.framesWritten = frames;
            s.lastError = error;
            s.updatedAt = nowIso8601();
            if (!countAttempt) {
                s.attempts = std::max(0, s.attempts - 1);
            }
        });
    }

private:
    JobStore& m_store;
};

} // namespace

OpenedJob openJob(const JobRecord& job, const BackendFactory& makeBackend, const std::atomic<bool>* cancel,
    const std::filesystem::path& jobFolder, const std::function<void(const std::string&)>& log)
{
    OpenedJob opened;
    opened.job = job;
    // The layout stored in the job wins over a fresh detection: the job was planned with it.
    opened.source = probeMedia(job.source.path, parseLayoutTag(job.source.layoutTag), false, cancel);
    opened.downsampleRatio = parseDownsample(job.settings.downsample);
    opened.packing = requirePacking(job.settings.packing);
    const PackerConfig config
        = packerConfigFor(opened.packing, opened.source, job.settings.encoder, job.settings.keyColor);
    const FrameSize size = packedFrameSize(opened.packing, opened.source.width, opened.source.height);
    requireEncoderOpens(
        ChunkFormat { size.width, size.height, config.format(), config.keepsSourceRange(opened.packing) },
        opened.source, job.settings.encoder);
    opened.backend = makeBackendOrThrow(makeBackend, job);
    if (job.settings.matte.people.active()) {
        if (jobFolder.empty()) {
            throw Error(ErrorKind::Usage, "choosing people needs the job's folder, for its people.bin");
        }
        PeopleRequest people;
        people.source = &opened.source;
        people.layout = processingLayout(opened.packing, opened.source.layout);
        people.choices = job.settings.matte.people;
        people.device = opened.backend->device();
        people.fingerprint
            = std::to_string(job.source.fingerprint.sizeBytes) + ":" + job.source.fingerprint.sampleSha256;
        people.peopleFile = jobFolder / "people.bin";
        if (job.settings.range) { // the people of the range and its warm-up only: the rest is never matted
            people.ranges.emplace_back(job.segments.front().warmupPtsStart, job.segments.back().ptsEnd);
        }
        people.cancel = cancel;
        people.log = log;
        opened.people = preparePeople(people);
        if (job.settings.matte.people.roiAuto && log) {
            log("people: ROI: "
                + describeRoi(*opened.people, opened.downsampleRatio, opened.source.ptsToSeconds(1)));
        }
    }
    return opened;
}

SegmentOutcome processJobSegment(OpenedJob& opened, const SegmentRecord& segment,
    const std::filesystem::path& chunkFile, const std::atomic<bool>* cancel,
    const std::function<void(std::int64_t)>& onFrames,
    const std::function<void(const std::string&)>& onWarning, std::atomic<std::int64_t>* activity)
{
    SegmentWork work;
    work.source = &opened.source;
    work.segment = segment;
    work.chunkFile = chunkFile;
    work.packing = opened.packing;
    work.layout = processingLayout(opened.packing, opened.source.layout);
    work.encoder = opened.job.settings.encoder;
    work.keyColor = opened.job.settings.keyColor;
    work.matte = opened.job.settings.matte;
    work.people = opened.people.get();
    work.downsampleRatio = opened.downsampleRatio;
    work.backend = opened.backend.get();
    work.cancel = cancel;
    work.onFrames = onFrames;
    work.onWarning = onWarning;
    work.activity = activity;
    return processSegment(work); // the caller's commitRename flushes the chunk before publishing it
}

JoinOutcome joinJob(JobStore& store, const JobRecord& job, int sourceVideoStreamIndex)
{
    const OutputState state = inspectOutput(job, store.folder());
    JoinRequest request;
    // A range's output starts at its first frame: everything moves back by that frame's time.
    const std::int64_t shift = job.settings.range ? job.segments.front().ptsStart : 0;
    for (const auto& s : job.segments) {
        request.chunks.push_back(ChunkRef { store.chunkPath(job, s), s.ptsStart - shift, s.ptsEnd - shift });
    }
    request.sourcePath = job.source.path;
    request.sourceVideoStreamIndex = sourceVideoStreamIndex;
    request.timeBaseNum = job.source.timeBase.num;
    request.timeBaseDen = job.source.timeBase.den;
    const double secondsPerPts = double(job.source.timeBase.num) / job.source.timeBase.den;
    request.sourceStartSeconds = double(shift) * secondsPerPts;
    request.videoEndSeconds = double(job.segments.back().ptsEnd - shift) * secondsPerPts;
    request.output = job.output;
    request.mayReplaceOutput = state != OutputState::Absent;
    const JoinResult joined = joinChunks(request);
    const std::int64_t frames = countVideoPackets(job.output);
    if (frames != job.frameCount()) {
        throw Error(ErrorKind::Encode,
            "the joined output " + job.output + " holds " + std::to_string(frames) + " frames, not "
                + std::to_string(job.frameCount()));
    }
    const SourceFingerprint fingerprint = fingerprintSource(job.output);
    store.update([&](JobRecord& j) {
        j.joined = true;
        j.outputFingerprint = fingerprint;
        for (const auto& note : joined.notes) {
            if (std::find(j.notes.begin(), j.notes.end(), note) == j.notes.end()) {
                j.notes.push_back(note);
            }
        }
    });
    for (const auto& note : joined.notes) {
        store.log("note: " + note);
    }
    store.log("joined " + std::to_string(job.segments.size()) + " chunks and "
        + std::to_string(joined.copiedStreams) + " other streams of the source into " + job.output);
    return JoinOutcome { joined.notes };
}

RunResult runJob(JobStore& store, const RunOptions& options)
{
    JobRecord job = store.load();
    RunResult result;
    result.segmentCount = int(job.segments.size());
    ProgressReporter progress(options.onProgress, job);
    progress.report(ProgressEvent::Kind::JobStarted, -1, job.source.path);
    const auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    const auto stop = [&](const Error& e) {
        result.stopped = e.what();
        result.stopKind = e.kind();
        store.log("stopped: " + std::string(e.what()));
        progress.report(ProgressEvent::Kind::Stopped, -1, e.what());
    };

    std::optional<OpenedJob> opened;
    SegmentLedger ledger(store);
    std::string decoding; // logged when it is first known and whenever it changes
    try {
        if (job.countWithStatus(SegmentStatus::Pending) > 0) {
            opened = openJob(job, options.makeBackend, options.cancel, store.folder(),
                [&](const std::string& line) { store.log(line); });
        }
        while (opened && !cancelled()) {
            const std::optional<SegmentRecord> claimed = ledger.claimNext();
            if (!claimed) {
                break;
            }
            const SegmentRecord& segment = *claimed;
            const auto partial = store.partialChunkPath(job, segment.index);
            removeQuietly(partial);
            progress.report(ProgressEvent::Kind::SegmentStarted, segment.index);
            try {
                const SegmentOutcome outcome = processJobSegment(
                    *opened, segment, partial, options.cancel,
                    [&](std::int64_t frames) {
                        progress.segmentFrames(frames);
                        progress.report(ProgressEvent::Kind::Frames, segment.index);
                    },
                    [&](const std::string& message) { store.log("warning: " + message); });
                // The chunk is flushed, renamed and its folder flushed before the segment is
                // marked done: a power cut between the two leaves a complete chunk that is
                // merely redone, never a done segment without its chunk.
                commitRename(partial, store.chunkPath(job, segment));
                if (outcome.decoding != decoding) {
                    decoding = outcome.decoding;
                    store.log("decoding: " + decoding);
                }
                ledger.finish(segment.index, SegmentStatus::Done, outcome.framesWritten, {});
                progress.segmentDone(outcome.framesWritten);
                store.log("segment " + std::to_string(segment.index)
                    + " done: " + std::to_string(outcome.framesWritten) + " frames after "
                    + std::to_string(outcome.warmupFrames) + " warm-up frames");
                for (const std::int64_t cut : outcome.sceneCuts) {
                    char at[32];
                    std::snprintf(at, sizeof at, "%.3f s", opened->source.ptsToSeconds(cut));
                    store.log("segment " + std::to_string(segment.index) + ": scene cut at " + at
                        + ": the model's memory starts afresh there");
                }
                progress.report(ProgressEvent::Kind::SegmentDone, segment.index);
            } catch (const Error& e) {
                removeQuietly(partial);
                progress.segmentAbandoned();
                if (e.kind() == ErrorKind::Cancelled || isJobWide(e.kind())) {
                    // Not the segment's fault: it goes back to pending without using an attempt.
                    ledger.finish(segment.index, SegmentStatus::Pending, 0,
                        e.kind() == ErrorKind::Cancelled ? "interrupted by the user" : e.what(), false);
                    if (e.kind() == ErrorKind::Cancelled) {
                        store.log("segment " + std::to_string(segment.index) + " interrupted by the user");
                        result.cancelled = true;
                        break;
                    }
                    throw;
                }
                ledger.finish(segment.index, SegmentStatus::Failed, 0, e.what());
                store.log("segment " + std::to_string(segment.index) + " failed: " + e.what());
                progress.report(ProgressEvent::Kind::SegmentFailed, segment.index, e.what());
            } catch (const std::exception& e) {
                removeQuietly(partial);
                progress.segmentAbandoned();
                const std::string message
                    = "segment " + std::to_string(segment.index) + " of " + job.source.path + ": " + e.what();
                ledger.finish(segment.index, SegmentStatus::Failed, 0, message);
                store.log("segment " + std::to_string(segment.index) + " failed: " + message);
                progress.report(ProgressEvent::Kind::SegmentFailed, segment.index, message);
            }
            releaseFreedMemory();
        }
        result.cancelled = result.cancelled || cancelled();
        job = store.load();
        if (!result.cancelled && job.countWithStatus(SegmentStatus::Done) == result.segmentCount
            && !job.joined) {
            progress.report(ProgressEvent::Kind::Joining, -1, job.output);
            const MediaInfo source = probeMedia(job.source.path, std::nullopt, false, options.cancel);
            joinJob(store, job, source.videoStreamIndex);
        }
    } catch (const Error& e) {
        if (!isJobWide(e.kind()) && e.kind() != ErrorKind::Cancelled) {
            throw;
        }
        if (e.kind() == ErrorKind::Cancelled) {
            result.cancelled = true;
        } else {
            stop(e);
        }
    }

    try {
        job = store.load();
    } catch (const Error&) {
        // job.json unreadable after a stop: the counts below stay as they were
    }
    result.done = job.countWithStatus(SegmentStatus::Done);
    result.failed = job.countWithStatus(SegmentStatus::Failed);
    for (const auto& s : job.segments) {
        if (s.status == SegmentStatus::Failed) {
            result.failures.push_back(s.lastError);
        }
    }
    result.joined = job.joined;
    if (result.cancelled) {
        // Said whether the stop came inside a segment or between two (then no segment logs it),
        // so that the log always tells why the run ended.
        store.log("interrupted by the user: " + std::to_string(result.done) + " of "
            + std::to_string(result.segmentCount) + " segments done");
    }
    if (!result.stopped) {
        progress.report(ProgressEvent::Kind::Finished, -1, job.output);
    }
    return result;
}

} // namespace passthrough
