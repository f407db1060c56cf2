#include "farm/farmworker.h"

#include "farm/broker.h"
#include "farm/farmjoin.h"
#include "farm/farmrecords.h"
#include "job/jobstore.h"
#include "job/jobvalidation.h"
#include "matting/backendfactory.h"
#include "model/modellocation.h"
#include "pipeline/jobrunner.h"
#include "util/durablefile.h"
#include "util/error.h"
#include "util/fingerprint.h"
#include "util/memory.h"

#include <chrono>
#include <optional>
#include <thread>

namespace passthrough::farm {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Failures that are not the segment's: another time, or another machine, may do it.
bool isTransient(ErrorKind kind)
{
    return isJobWide(kind) || kind == ErrorKind::Broker || kind == ErrorKind::Busy || kind == ErrorKind::Io
        || kind == ErrorKind::InputUnusable;
}

void removeQuietly(const std::filesystem::path& path)
{
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

// Sends InProgress acknowledgements and progress while frames advance, from a thread of its
// own so that a busy pipeline cannot starve it. A frozen worker (SIGSTOP, a hung device) stops
// sending and loses its lease to another worker.
class Heartbeat {
public:
    Heartbeat(TaskMessage& task, std::chrono::milliseconds every, std::function<void()> beat)
        : m_thread([this, &task, every, beat = std::move(beat)](std::stop_token stop) {
            std::int64_t seen = m_activity.load();
            auto last = Clock::now();
            while (!stop.stop_requested()) {
                std::this_thread::sleep_for(200ms);
                const std::int64_t now = m_activity.load();
                if (now != seen && Clock::now() - last >= every) {
                    seen = now;
                    last = Clock::now();
                    task.inProgress();
                    beat();
                }
            }
        })
    {
    }
    std::atomic<std::int64_t>* activity() { return &m_activity; }

private:
    std::atomic<std::int64_t> m_activity { 0 };
    std::jthread m_thread;
};

class Worker {
public:
    explicit Worker(const WorkerOptions& options)
        : m_options(options)
        , m_limits(farmLimits())
        , m_broker(options.brokerUrl, "passthrough-worker " + options.name, true)
    {
    }

    WorkerSummary run();

private:
    void log(const std::string& line) const
    {
        if (m_options.log) {
            m_options.log(line);
        }
    }
    bool stopping() const { return m_options.stop && m_options.stop->load(); }
    std::chrono::milliseconds retryDelay() const
    {
        return std::chrono::seconds(std::min(30, std::max(1, m_limits.leaseSeconds / 2)));
    }
    void setup();
    void handle(TaskMessage& message);
    void handleSegment(TaskMessage& message, const FarmTask& task, JobStore& store, const JobRecord& job);
    void settle(const FarmTask& task, const JobRecord& job);
    void putProgress(const std::string& jobId, int index, const SegmentProgress& progress);
    SegmentProgress progressOf(const std::string& jobId, int index);
    JobRecord mapped(const JobRecord& stored) const;
    OpenedJob& openedFor(const JobRecord& job, const std::string& hash, const std::filesystem::path& folder);

    const WorkerOptions& m_options;
    FarmLimits m_limits;
    Broker m_broker;
    WorkerSummary m_summary;
    std::optional<OpenedJob> m_opened;
    std::string m_openedKey; // job id + settings hash of m_opened
};

void Worker::setup()
{
    // The broker may not be up yet (a farm PC that boots first): wait for it.
    for (;;) {
        try {
            m_broker.ensureSetup(m_limits);
            return;
        } catch (const Error& e) {
            if (stopping()) {
                throw;
            }
            log("waiting for the broker " + m_broker.address() + ": " + e.what());
            std::this_thread::sleep_for(2s);
        }
    }
}

WorkerSummary Worker::run()
{
    setup();
    log("worker " + m_options.name + " takes tasks from " + m_broker.address()
        + " (storage roots: " + m_options.paths.describeRoots() + ")");
    int idleRounds = 0;
    while (!stopping()) {
        std::unique_ptr<TaskMessage> message;
        try {
            message = m_broker.fetch(1s);
        } catch (const Error& e) {
            log(e.what());
            std::this_thread::sleep_for(1s);
            continue;
        }
        if (!message) {
            if (m_options.exitWhenIdle) {
                try {
                    const auto [waiting, leased] = m_broker.pendingTasks();
                    idleRounds = waiting == 0 && leased == 0 ? idleRounds + 1 : 0;
                } catch (const Error&) {
                    idleRounds = 0;
                }
                if (idleRounds >= 2) {
                    log("no task is left; worker " + m_options.name + " stops");
                    break;
                }
            }
            continue;
        }
        idleRounds = 0;
        handle(*message);
        releaseFreedMemory();
    }
    return m_summary;
}

JobRecord Worker::mapped(const JobRecord& stored) const
{
    JobRecord job = stored;
    job.source.path = m_options.paths.map(stored.source.path).string();
    job.output = m_options.paths.map(stored.output).string();
    if (!stored.model.path.empty()) {
        job.model.path = m_options.paths.map(stored.model.path).string();
        std::error_code ec;
        if (!std::filesystem::exists(job.model.path, ec)) {
            // This machine's own copy of the same model (checked by its sha256) will do.
            if (const auto local = installedModel(); local && sha256OfFile(*local) == stored.model.sha256) {
                job.model.path = local->string();
            }
        }
    }
    return job;
}

OpenedJob& Worker::openedFor(
    const JobRecord& job, const std::string& hash, const std::filesystem::path& folder)
{
    const std::string key = job.id + "/" + hash;
    if (!m_opened || m_openedKey != key) {
        m_opened.reset();
        const SourceFingerprint now = fingerprintSource(job.source.path);
        // Shares may round modification times; size and content samples say it is the same file.
        if (now.sizeBytes != job.source.fingerprint.sizeBytes
            || now.sampleSha256 != job.source.fingerprint.sampleSha256) {
            throw Error(ErrorKind::JobMismatch,
                "the source " + job.source.path + " is not the file job " + job.id + " was made from");
        }
        if (!job.model.path.empty() && sha256OfFile(job.model.path) != job.model.sha256) {
            throw Error(ErrorKind::JobMismatch,
                "the model " + job.model.path + " is not the one job " + job.id + " uses");
        }
        const std::string device = m_options.device;
        const int threads = m_options.threads;
        m_opened = openJob(
            job,
            [device, threads](const JobRecord& j) {
                return openMattingBackend(j.model.path, device, j.settings.refiner, threads);
            },
            m_options.stop, folder, [this](const std::string& line) { log(line); });
        m_openedKey = key;
    }
    return *m_opened;
}

void Worker::putProgress(const std::string& jobId, int index, const SegmentProgress& progress)
{
    SegmentProgress p = progress;
    p.updatedAt = nowIso8601();
    try {
        m_broker.put(Bucket::Progress, progressKey(jobId, index), toPayload(p));
    } catch (const Error& e) {
        log(e.what()); // progress is for people; the work goes on
    }
}

SegmentProgress Worker::progressOf(const std::string& jobId, int index)
{
    const auto value = m_broker.get(Bucket::Progress, progressKey(jobId, index));
    return value ? progressFromPayload(*value) : SegmentProgress {};
}

void Worker::handle(TaskMessage& message)
{
    FarmTask task;
    try {
        task = taskFromPayload(message.payload());
    } catch (const Error& e) {
        log("dropping a task that is not one of ours (" + message.subject() + "): " + e.what());
        message.term();
        return;
    }
    const std::filesystem::path folder = m_options.paths.map(task.jobFolder);
    if (!m_options.paths.underStorageRoot(folder)) {
        const std::string why = "worker " + m_options.name + " refused the task for the job folder "
            + folder.string()
            + (folder.string() == task.jobFolder ? "" : " (submitted as " + task.jobFolder + ")")
            + ": it is not under any of its storage roots (" + m_options.paths.describeRoots() + ")";
        log(why);
        if (task.kind == FarmTask::Kind::Segment) {
            SegmentProgress p = progressOf(task.jobId, task.index);
            p.state = "refused";
            p.worker = m_options.name;
            p.error = why;
            putProgress(task.jobId, task.index, p);
        }
        message.nak(retryDelay()); // another worker may have the folder under its roots
        return;
    }
    try {
        JobStore store(folder);
        const JobRecord stored = store.load();
        if (stored.id != task.jobId || jobSettingsHash(stored) != task.settingsHash) {
            log("dropping a task for job " + task.jobId + ": " + store.jobFile().string()
                + " holds another job or other settings than were submitted");
            message.term();
            return;
        }
        if (task.kind == FarmTask::Kind::Join) {
            const JoinResult joined = joinFarmJob(m_broker, store, mapped(stored), task, m_options.name);
            if (joined == JoinResult::Busy) {
                message.nak(retryDelay());
                return;
            }
            m_summary.joins += joined == JoinResult::Joined ? 1 : 0;
            log("job " + task.jobId + ": " + describe(joined));
            message.ack();
            return;
        }
        if (task.index >= int(stored.segments.size())) {
            message.term();
            return;
        }
        handleSegment(message, task, store, mapped(stored));
    } catch (const Error& e) {
        log("job " + task.jobId + ": " + e.what());
        message.nak(retryDelay());
    }
}

void Worker::handleSegment(TaskMessage& message, const FarmTask& task, JobStore& store, const JobRecord& job)
{
    const int index = task.index;
    if (m_broker.get(Bucket::Commits, commitKey(job.id, index))) {
        message.ack(); // another worker committed it already
        return;
    }
    SegmentProgress progress = progressOf(job.id, index);
    if (progress.state == "failed") {
        message.ack();
        return;
    }
    // The delivery names the attempt: two workers never write one chunk file.
    const ChunkCommit attempt { m_options.name,
        int((task.generation - 1) * m_limits.maxDeliver + int(message.deliveries())) };
    SegmentRecord segment = job.segments[std::size_t(index)];
    const auto partial = store.partialChunkPath(job, index, attempt);
    SegmentRecord committed = segment;
    committed.commit = attempt;
    const auto chunk = store.chunkPath(job, committed);

    progress.state = "running";
    progress.worker = m_options.name;
    progress.frames = 0;
    progress.totalFrames = segment.frameCount();
    progress.framesPerSecond = 0.0;
    progress.error.clear();
    progress.attempt = attempt.attempt;
    putProgress(job.id, index, progress);
    log("job " + job.id + " segment " + std::to_string(index) + ": attempt "
        + std::to_string(attempt.attempt));

    std::atomic<std::int64_t> frames { 0 };
    const auto started = Clock::now();
    try {
        OpenedJob& opened = openedFor(job, task.settingsHash, store.folder());
        Heartbeat heartbeat(message, std::chrono::milliseconds(m_limits.leaseSeconds * 1000 / 4), [&] {
            SegmentProgress p = progress;
            p.frames = frames.load();
            const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
            p.framesPerSecond = seconds > 0 ? double(p.frames) / seconds : 0.0;
            putProgress(job.id, index, p);
        });
        removeQuietly(partial);
        processJobSegment(
            opened, segment, partial, m_options.stop, [&](std::int64_t written) { frames = written; },
            [&](const std::string& warning) { log("warning: " + warning); }, heartbeat.activity());
        commitRename(partial, chunk);
    } catch (const Error& e) {
        removeQuietly(partial);
        if (e.kind() == ErrorKind::Cancelled) {
            log("giving back job " + job.id + " segment " + std::to_string(index));
            SegmentProgress p = progress;
            p.state = "queued";
            putProgress(job.id, index, p);
            message.nak(0ms);
            return;
        }
        if (isTransient(e.kind())) {
            SegmentProgress p = progress;
            p.state = "waiting";
            p.error = e.what();
            putProgress(job.id, index, p);
            log("job " + job.id + " segment " + std::to_string(index) + " will be tried again: " + e.what());
            message.nak(retryDelay());
            return;
        }
        SegmentProgress p = progress;
        p.failures += 1;
        p.error = e.what();
        const bool last = p.failures >= m_limits.failureLimit
            || message.deliveries() >= std::uint64_t(m_limits.maxDeliver);
        p.state = last ? "failed" : "queued";
        putProgress(job.id, index, p);
        log("job " + job.id + " segment " + std::to_string(index)
            + (last ? " failed: " : " failed, will retry: ") + e.what());
        if (last) {
            ++m_summary.failed;
            message.term();
            settle(task, job);
        } else {
            message.nak(1s);
        }
        return;
    }
    // The first commit wins; a late finisher (its lease had run out) deletes its own chunk.
    if (!m_broker.create(Bucket::Commits, commitKey(job.id, index), toPayload(attempt))) {
        removeQuietly(chunk);
        ++m_summary.lostRaces;
        log("job " + job.id + " segment " + std::to_string(index)
            + " was committed by another worker first; this attempt's chunk is deleted");
        message.ack();
        return;
    }
    progress.state = "done";
    progress.frames = segment.frameCount();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    progress.framesPerSecond = seconds > 0 ? double(progress.frames) / seconds : 0.0;
    putProgress(job.id, index, progress);
    ++m_summary.committed;
    message.ack();
    log("job " + job.id + " segment " + std::to_string(index) + " committed (" + chunk.filename().string()
        + ")");
    settle(task, job);
}

// When every segment of the job is committed or failed, the join is published (once: the
// broker drops a second publication with the same id).
void Worker::settle(const FarmTask& task, const JobRecord& job)
{
    for (const auto& segment : job.segments) {
        if (!m_broker.get(Bucket::Commits, commitKey(job.id, segment.index))
            && progressOf(job.id, segment.index).state != "failed") {
            return;
        }
    }
    FarmTask join = task;
    join.kind = FarmTask::Kind::Join;
    join.index = -1;
    if (m_broker.publish(taskSubject(join), toPayload(join), taskMessageId(join))) {
        log("job " + job.id + ": every segment is settled; its join is published");
    }
}

} // namespace

WorkerSummary runWorker(const WorkerOptions& options)
{
    if (!isValidWorkerName(options.name)) {
        throw Error(ErrorKind::Usage,
            "the worker name '" + options.name
                + "' must be 1-64 letters, digits, '-' or '_' (it names chunk files)");
    }
    if (options.paths.storageRoots().empty()) {
        throw Error(
            ErrorKind::Usage, "a worker needs at least one --storage-root: the folders it may work in");
    }
    Worker worker(options);
    return worker.run();
}

} // namespace passthrough::farm
