#include "pipeline/jobrunner.h"

#include "job/segmentplanner.h"
#include "media/chunkjoiner.h"
#include "media/mediainfo.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "packing/packing.h"
#include "pipeline/segmentprocessor.h"
#include "util/error.h"
#include "util/fingerprint.h"
#include "util/memory.h"

#include <QUuid>

#include <nlohmann/json.hpp>

#include <chrono>

namespace passthrough {
namespace {

using Clock = std::chrono::steady_clock;

std::string describeSettingsChange(const JobSettings& stored, const JobSettings& requested)
{
    const nlohmann::json a = toJson(stored).flatten();
    const nlohmann::json b = toJson(requested).flatten();
    for (const auto& [key, value] : a.items()) {
        if (!b.contains(key) || b.at(key) != value) {
            return key.substr(1) + " was " + value.dump() + ", now "
                + (b.contains(key) ? b.at(key).dump() : "unset");
        }
    }
    return "the settings differ";
}

void removeQuietly(const std::filesystem::path& path)
{
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

std::optional<Layout> layoutFromTag(const std::optional<std::string>& tag)
{
    if (!tag) {
        return std::nullopt;
    }
    auto layout = parseLayoutTag(*tag);
    if (!layout) {
        throw Error(ErrorKind::Usage,
            "unknown layout '" + *tag + "' (examples: LR_FISHEYE190, LR_180, TB_360, MONO_FLAT)");
    }
    return layout;
}

double parseDownsample(const std::string& text)
{
    if (text == "auto") {
        return 0.0;
    }
    try {
        const double ratio = std::stod(text);
        if (ratio > 0.0 && ratio <= 1.0) {
            return ratio;
        }
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::Usage, "--downsample must be auto or a ratio in (0, 1], not '" + text + "'");
}

class ProgressReporter {
public:
    ProgressReporter(const RunOptions& options, const JobRecord& job)
        : m_options(options)
        , m_segmentCount(int(job.segments.size()))
        , m_totalFrames(job.source.frameCount)
        , m_start(Clock::now())
    {
        for (const auto& s : job.segments) {
            if (s.status == SegmentStatus::Done) {
                m_framesBefore += s.frameCount();
                ++m_segmentsDone;
            }
        }
    }
    void report(ProgressEvent::Kind kind, int segment, std::string message = {})
    {
        if (!m_options.onProgress) {
            return;
        }
        ProgressEvent e;
        e.kind = kind;
        e.segment = segment;
        e.segmentCount = m_segmentCount;
        e.segmentsDone = m_segmentsDone;
        e.framesDone = m_framesBefore + m_framesThisRun + m_framesInSegment;
        e.totalFrames = m_totalFrames;
        const double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
        const std::int64_t produced = m_framesThisRun + m_framesInSegment;
        e.framesPerSecond = elapsed > 0.0 ? double(produced) / elapsed : 0.0;
        e.etaSeconds
            = e.framesPerSecond > 0.0 ? double(m_totalFrames - e.framesDone) / e.framesPerSecond : -1.0;
        e.message = std::move(message);
        m_options.onProgress(e);
    }
    void segmentFrames(std::int64_t frames) { m_framesInSegment = frames; }
    void segmentDone(std::int64_t frames)
    {
        m_framesThisRun += frames;
        m_framesInSegment = 0;
        ++m_segmentsDone;
    }
    void segmentAbandoned() { m_framesInSegment = 0; }

private:
    const RunOptions& m_options;
    int m_segmentCount;
    int m_segmentsDone = 0;
    std::int64_t m_totalFrames;
    std::int64_t m_framesBefore = 0;
    std::int64_t m_framesThisRun = 0;
    std::int64_t m_framesInSegment = 0;
    Clock::time_point m_start;
};

std::optional<SegmentRecord> claimNextSegment(JobStore& store)
{
    std::optional<SegmentRecord> claimed;
    store.update([&](JobRecord& job) {
        for (auto& s : job.segments) {
            if (s.status == SegmentStatus::Pending) {
                s.status = SegmentStatus::Running;
                s.worker = currentWorker();
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

void finishSegment(JobStore& store, int index, SegmentStatus status, std::int64_t frames,
    const std::string& error, bool countAttempt = true)
{
    store.update([&](JobRecord& job) {
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

void joinJob(JobStore& store, const JobRecord& job, int videoStreamIndex)
{
    JoinRequest request;
    for (const auto& s : job.segments) {
        request.chunks.push_back(ChunkRef { store.chunkPath(s), s.ptsStart, s.ptsEnd });
    }
    request.sourcePath = job.source.path;
    request.sourceVideoStreamIndex = videoStreamIndex;
    request.timeBaseNum = job.source.timeBase.num;
    request.timeBaseDen = job.source.timeBase.den;
    request.videoEndSeconds
        = double(job.segments.back().ptsEnd) * job.source.timeBase.num / job.source.timeBase.den;
    request.output = job.output;
    const JoinResult joined = joinChunks(request);
    store.update([&](JobRecord& j) {
        j.joined = true;
        if (!joined.audioNote.empty()
            && std::find(j.notes.begin(), j.notes.end(), joined.audioNote) == j.notes.end()) {
            j.notes.push_back(joined.audioNote);
        }
    });
    if (!joined.audioNote.empty()) {
        store.log("note: " + joined.audioNote);
    }
    store.log("joined " + std::to_string(job.segments.size()) + " chunks into " + job.output);
}

// What the user should hear about the output before it is made: sizes that change and why, a
// converted projection.
std::vector<std::string> outputNotes(PackingKind packing, const MediaInfo& info, FrameSize packed)
{
    std::vector<std::string> notes;
    if (convertsToFisheye(packing, info.layout)) {
        notes.push_back("each eye is converted from equirectangular 180 to fisheye 180 before packing: "
                        "the fisheye alpha packing only exists for fisheye frames");
    }
    if (packed.width != info.width || packed.height != info.height) {
        const std::string from = std::to_string(info.width) + "x" + std::to_string(info.height);
        const std::string to = std::to_string(packed.width) + "x" + std::to_string(packed.height);
        notes.push_back("the output is " + to + ", not " + from + ": "
            + (isFisheyeAlpha(packing)
                    ? "players misplace the alpha blocks unless width and height are multiples of 32"
                    : "4:2:0 video needs even sizes"));
    }
    return notes;
}

bool folderHasFiles(const std::filesystem::path& folder)
{
    std::error_code ec;
    return std::filesystem::is_directory(folder, ec) && !std::filesystem::is_empty(folder, ec);
}

} // namespace

std::filesystem::path defaultJobFolder(const std::filesystem::path& output)
{
    auto folder = output;
    folder += ".ptjob";
    return folder;
}

std::filesystem::path createJob(const NewJobRequest& request)
{
    const PackingKind packing = requirePacking(request.settings.packing);
    parseDownsample(request.settings.downsample);
    parseKeyColor(request.settings.keyColor);
    MediaInfo info = probeMedia(request.sourcePath, layoutFromTag(request.settings.layoutOverride));
    if (const auto problem = packingLayoutProblem(packing, info.layout)) {
        throw Error(ErrorKind::Usage,
            *problem + "; " + request.sourcePath + " is " + describe(info.layout) + " ("
                + info.layout.decidedBy + "); pass --layout LR_FISHEYE190 if that is wrong");
    }
    const std::filesystem::path output
        = resolveOutputPath(request.sourcePath, request.output, packing, info.layout);
    if (const auto problem = outputNameProblem(packing, output)) {
        throw Error(ErrorKind::Usage, *problem);
    }
    const bool sequence = isImageSequencePattern(output);
    const std::filesystem::path folder = request.jobFolder.empty()
        ? defaultJobFolder(sequence ? output.parent_path() : output)
        : request.jobFolder;
    JobStore store(folder);

    JobSettings settings = request.settings;
    const FrameSize packed = packedFrameSize(packing, info.width, info.height);
    settings.encoder = chooseEncoder(packing,
        EncoderRequest { settings.encoder.encoder, settings.encoder.crf, settings.encoder.preset, sequence },
        packed.width, info.bitDepth);

    if (store.exists()) {
        const JobRecord existing = store.load();
        if (!(existing.settings == settings) || existing.source.path != request.sourcePath
            || existing.output != output.string()) {
            throw Error(ErrorKind::Usage,
                folder.string() + " already holds a job with other settings ("
                    + (existing.source.path != request.sourcePath ? "source was " + existing.source.path
                            : existing.output != output.string()
                            ? "output was " + existing.output
                            : describeSettingsChange(existing.settings, settings))
                    + "); resume it with `passthrough-cli resume " + folder.string()
                    + "` or choose another --job-dir");
        }
        return folder;
    }
    if (sequence ? folderHasFiles(output.parent_path()) : std::filesystem::exists(output)) {
        throw Error(ErrorKind::Usage,
            (sequence ? output.parent_path() : output).string()
                + " already exists; remove it or choose another output name");
    }

    JobRecord job;
    job.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    job.createdAt = nowIso8601();
    job.output = output.string();
    job.settings = settings;
    job.source.path = request.sourcePath;
    job.source.fingerprint = fingerprintSource(request.sourcePath);
    job.source.durationSeconds = info.durationSeconds;
    job.source.frameCount = info.frameCount;
    job.source.frameRate = info.frameRate;
    job.source.timeBase = info.timeBase;
    job.source.variableFrameRate = info.variableFrameRate;
    job.source.width = info.width;
    job.source.height = info.height;
    job.source.bitDepth = info.bitDepth;
    job.source.layoutTag = layoutTag(info.layout);
    job.source.layoutDecidedBy = info.layout.decidedBy;
    job.model.path = request.modelPath.string();
    job.model.sha256 = request.modelPath.empty() ? std::string() : sha256OfFile(request.modelPath);
    job.segments = planSegments(
        info, settings.segmentSeconds, settings.warmupSeconds, chunkExtension(settings.encoder));
    job.notes = outputNotes(packing, info, packed);
    store.create(job);
    store.log("created job " + job.id + " for " + job.source.path + " (" + std::to_string(job.segments.size())
        + " segments, layout " + job.source.layoutTag + " from " + job.source.layoutDecidedBy + ", "
        + settings.packing + " with " + settings.encoder.encoder + ")");
    for (const auto& note : job.notes) {
        store.log("note: " + note);
    }
    return folder;
}

JobRecord prepareResume(JobStore& store)
{
    const JobRecord job = store.load();
    const SourceFingerprint now = fingerprintSource(job.source.path);
    const SourceFingerprint& then = job.source.fingerprint;
    if (!(now == then)) {
        const std::string what = now.sizeBytes != then.sizeBytes ? "its size changed from "
                + std::to_string(then.sizeBytes) + " to " + std::to_string(now.sizeBytes) + " bytes"
            : now.sampleSha256 != then.sampleSha256 ? "its content changed"
                                                    : "its modification time changed";
        throw Error(ErrorKind::JobMismatch,
            "cannot resume " + store.folder().string() + ": the source " + job.source.path
                + " is not the file this job was made from (" + what + ")");
    }
    if (!job.model.path.empty()) {
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
    JobRecord updated = store.update([&](JobRecord& j) {
        if (j.joined && !std::filesystem::exists(j.output)) {
            j.joined = false; // the output was moved or deleted: join the chunks again
            store.log(j.output + " is missing; the chunks will be joined again");
        }
        for (auto& s : j.segments) {
            if (s.status == SegmentStatus::Running && workerIsGone(s)) {
                s.status = SegmentStatus::Pending;
                s.lastError = "interrupted: its worker stopped before finishing";
                store.log("segment " + std::to_string(s.index) + " was interrupted; it will be redone");
            } else if (s.status == SegmentStatus::Done
                && countChunkFrames(store.chunkPath(s)) != s.frameCount()) {
                s.status = SegmentStatus::Pending;
                s.lastError = "its chunk " + store.chunkPath(s).string() + " was missing or incomplete";
                store.log("segment " + std::to_string(s.index) + ": " + s.lastError + "; it will be redone");
                j.joined = false;
            }
        }
    });
    for (const auto& s : updated.segments) {
        if (s.status != SegmentStatus::Running) {
            removeQuietly(store.partialChunkPath(s));
        }
    }
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

RunResult runJob(JobStore& store, const RunOptions& options)
{
    JobRecord job = store.load();
    // The layout stored in the job wins over a fresh detection: the job was planned with it.
    const MediaInfo source = probeMedia(job.source.path, parseLayoutTag(job.source.layoutTag), false);
    const double ratio = parseDownsample(job.settings.downsample);
    const PackingKind packing = requirePacking(job.settings.packing);
    std::unique_ptr<MattingBackend> backend = options.makeBackend(job);
    RunResult result;
    result.segmentCount = int(job.segments.size());
    ProgressReporter progress(options, job);
    progress.report(ProgressEvent::Kind::JobStarted, -1, job.source.path);

    while (!(options.cancel && options.cancel->load())) {
        const std::optional<SegmentRecord> claimed = claimNextSegment(store);
        if (!claimed) {
            break;
        }
        const SegmentRecord& segment = *claimed;
        const auto partial = store.partialChunkPath(segment);
        removeQuietly(partial);
        progress.report(ProgressEvent::Kind::SegmentStarted, segment.index);

        auto lastBeat = Clock::now();
        SegmentWork work;
        work.source = &source;
        work.segment = segment;
        work.chunkFile = partial;
        work.packing = packing;
        work.layout = processingLayout(packing, source.layout);
        work.encoder = job.settings.encoder;
        work.keyColor = job.settings.keyColor;
        work.downsampleRatio = ratio;
        work.backend = backend.get();
        work.cancel = options.cancel;
        work.onFrames = [&](std::int64_t frames) {
            progress.segmentFrames(frames);
            progress.report(ProgressEvent::Kind::Frames, segment.index);
            if (Clock::now() - lastBeat > std::chrono::seconds(options.heartbeatSeconds)) {
                lastBeat = Clock::now();
                store.update([&](JobRecord& j) {
                    j.segments.at(std::size_t(segment.index)).framesWritten = frames;
                    j.segments.at(std::size_t(segment.index)).updatedAt = nowIso8601();
                });
            }
        };
        work.onWarning = [&](const std::string& message) { store.log("warning: " + message); };
        try {
            const SegmentOutcome outcome = processSegment(work);
            // The chunk gets its final name before the segment is marked done: a crash between
            // the two leaves a complete chunk that resume verifies, never a done segment without one.
            std::filesystem::rename(partial, store.chunkPath(segment));
            finishSegment(store, segment.index, SegmentStatus::Done, outcome.framesWritten, {});
            progress.segmentDone(outcome.framesWritten);
            store.log("segment " + std::to_string(segment.index)
                + " done: " + std::to_string(outcome.framesWritten) + " frames after "
                + std::to_string(outcome.warmupFrames) + " warm-up frames");
            progress.report(ProgressEvent::Kind::SegmentDone, segment.index);
        } catch (const Error& e) {
            removeQuietly(partial);
            progress.segmentAbandoned();
            if (e.kind() == ErrorKind::Cancelled) {
                finishSegment(
                    store, segment.index, SegmentStatus::Pending, 0, "interrupted by the user", false);
                store.log("segment " + std::to_string(segment.index) + " interrupted by the user");
                result.cancelled = true;
                break;
            }
            finishSegment(store, segment.index, SegmentStatus::Failed, 0, e.what());
            store.log("segment " + std::to_string(segment.index) + " failed: " + e.what());
            progress.report(ProgressEvent::Kind::SegmentFailed, segment.index, e.what());
        } catch (const std::exception& e) {
            removeQuietly(partial);
            progress.segmentAbandoned();
            const std::string message
                = "segment " + std::to_string(segment.index) + " of " + job.source.path + ": " + e.what();
            finishSegment(store, segment.index, SegmentStatus::Failed, 0, message);
            store.log("segment " + std::to_string(segment.index) + " failed: " + message);
            progress.report(ProgressEvent::Kind::SegmentFailed, segment.index, message);
        }
        releaseFreedMemory();
    }
    result.cancelled = result.cancelled || (options.cancel && options.cancel->load());

    job = store.load();
    result.done = job.countWithStatus(SegmentStatus::Done);
    result.failed = job.countWithStatus(SegmentStatus::Failed);
    for (const auto& s : job.segments) {
        if (s.status == SegmentStatus::Failed) {
            result.failures.push_back(s.lastError);
        }
    }
    if (!result.cancelled && result.done == result.segmentCount && !job.joined) {
        progress.report(ProgressEvent::Kind::Joining, -1, job.output);
        joinJob(store, job, source.videoStreamIndex);
    }
    result.joined = store.load().joined;
    progress.report(ProgressEvent::Kind::Finished, -1, job.output);
    return result;
}

std::string kindName(ProgressEvent::Kind kind)
{
    switch (kind) {
    case ProgressEvent::Kind::JobStarted:
        return "job-started";
    case ProgressEvent::Kind::SegmentStarted:
        return "segment-started";
    case ProgressEvent::Kind::Frames:
        return "frames";
    case ProgressEvent::Kind::SegmentDone:
        return "segment-done";
    case ProgressEvent::Kind::SegmentFailed:
        return "segment-failed";
    case ProgressEvent::Kind::Joining:
        return "joining";
    case ProgressEvent::Kind::Finished:
        return "finished";
    }
    return "unknown";
}

} // namespace passthrough
