#include "farm/farmjoin.h"

#include "farm/broker.h"
#include "job/jobfolderlock.h"
#include "media/chunkjoiner.h"
#include "media/mediainfo.h"
#include "pipeline/jobrunner.h"
#include "util/error.h"

#include <optional>
#include <set>

namespace passthrough::farm {
namespace {

void putJoinState(Broker& broker, const std::string& jobId, const std::string& state,
    const std::string& worker, const std::string& error = {})
{
    SegmentProgress p;
    p.state = state;
    p.worker = worker;
    p.error = error;
    p.updatedAt = nowIso8601();
    broker.put(Bucket::Progress, joinKey(jobId), toPayload(p));
}

// Every file in chunks/ that is not a committed chunk: partial files of dead or late workers,
// chunks whose commits lost.
void removeUncommittedChunks(const JobStore& store, const JobRecord& job)
{
    std::set<std::string> committed;
    for (const auto& s : job.segments) {
        committed.insert(chunkFileName(s, job.settings.encoder));
    }
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(store.chunkFolder(), ec)) {
        if (!committed.count(entry.path().filename().string())) {
            std::filesystem::remove(entry.path(), ec);
        }
    }
}

} // namespace

std::string describe(JoinResult result)
{
    switch (result) {
    case JoinResult::Joined:
        return "joined";
    case JoinResult::AlreadyJoined:
        return "already joined";
    case JoinResult::FinishedWithFailures:
        return "finished with failed segments";
    case JoinResult::Requeued:
        return "a committed chunk was missing or short; its segment is published again";
    case JoinResult::NotSettled:
        return "not every segment is settled yet";
    case JoinResult::Busy:
        return "the job folder is in use";
    }
    return {};
}

JoinResult joinFarmJob(
    Broker& broker, JobStore& store, const JobRecord& job, const FarmTask& task, const std::string& worker)
{
    std::optional<JobFolderLock> lock;
    try {
        lock.emplace(store.folder());
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::Busy) {
            return JoinResult::Busy;
        }
        throw;
    }
    if (store.load().joined) {
        putJoinState(broker, job.id, "joined", worker);
        return JoinResult::AlreadyJoined;
    }
    putJoinState(broker, job.id, "joining", worker);
    JobRecord local = job;
    std::vector<SegmentProgress> progress(job.segments.size());
    std::vector<int> requeue;
    int failed = 0;
    for (auto& s : local.segments) {
        const auto value = broker.get(Bucket::Progress, progressKey(job.id, s.index));
        progress[std::size_t(s.index)] = value ? progressFromPayload(*value) : SegmentProgress {};
        const auto commit = broker.get(Bucket::Commits, commitKey(job.id, s.index));
        s.commit = commit ? commitFromPayload(*commit) : std::nullopt;
        if (s.commit) {
            if (countVideoPackets(store.chunkPath(local, s)) != s.frameCount()) {
                broker.remove(Bucket::Commits, commitKey(job.id, s.index));
                s.commit.reset();
                requeue.push_back(s.index);
            }
        } else if (progress[std::size_t(s.index)].state == "failed") {
            ++failed;
        } else {
            return JoinResult::NotSettled;
        }
    }
    if (!requeue.empty()) {
        const int generation = task.generation + 1;
        store.update([&](JobRecord& j) {
            if (j.farm) {
                j.farm->generation = generation;
            }
        });
        for (int index : requeue) {
            FarmTask again = task;
            again.kind = FarmTask::Kind::Segment;
            again.index = index;
            again.generation = generation;
            SegmentProgress p;
            p.state = "queued";
            p.error = "its chunk was missing or short when the job was joined";
            p.updatedAt = nowIso8601();
            broker.put(Bucket::Progress, progressKey(job.id, index), toPayload(p));
            broker.publish(taskSubject(again), toPayload(again), taskMessageId(again));
        }
        putJoinState(broker, job.id, "queued", worker);
        return JoinResult::Requeued;
    }
    // The final state of every segment, in job.json (workers never write it).
    store.update([&](JobRecord& j) {
        for (auto& s : j.segments) {
            const auto& done = local.segments[std::size_t(s.index)];
            const SegmentProgress& p = progress[std::size_t(s.index)];
            s.commit = done.commit;
            s.status = done.commit ? SegmentStatus::Done : SegmentStatus::Failed;
            s.worker = done.commit ? done.commit->worker : p.worker;
            s.framesWritten = done.commit ? s.frameCount() : 0;
            s.attempts = std::max(s.attempts, p.attempt);
            s.lastError = done.commit ? std::string() : p.error;
            s.updatedAt = nowIso8601();
        }
    });
    if (failed > 0) {
        const std::string why = std::to_string(failed) + " of " + std::to_string(job.segments.size())
            + " segments failed; " + store.jobFile().string() + " lists them";
        store.log("farm job finished with failed segments: " + why);
        putJoinState(broker, job.id, "failed", worker, why);
        return JoinResult::FinishedWithFailures;
    }
    const MediaInfo source = probeMedia(local.source.path, std::nullopt, false);
    joinJob(store, local, source.videoStreamIndex);
    removeUncommittedChunks(store, local);
    putJoinState(broker, job.id, "joined", worker);
    return JoinResult::Joined;
}

} // namespace passthrough::farm
