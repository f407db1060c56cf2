#include "farm/farmsubmit.h"

#include "farm/broker.h"
#include "job/jobfolderlock.h"
#include "util/error.h"

#include <algorithm>
#include <map>

namespace passthrough::farm {

SubmitResult submitJob(Broker& broker, JobStore& store)
{
    const JobFolderLock lock(store.folder());
    JobRecord job = store.load();
    const int localDone = int(std::count_if(job.segments.begin(), job.segments.end(),
        [](const SegmentRecord& s) { return s.status == SegmentStatus::Done && !s.commit; }));
    if (localDone > 0) {
        throw Error(ErrorKind::Usage,
            store.folder().string() + " has " + std::to_string(localDone)
                + " segments done by a local run; finish it with `passthrough-cli resume "
                + store.folder().string() + "` or submit to another --job-dir");
    }
    if (!job.farm) {
        job = store.update([](JobRecord& j) { j.farm = FarmRecord { 1, nowIso8601() }; });
        store.log("submitted to the farm at " + broker.address());
    }
    broker.ensureSetup(farmLimits());
    SubmitResult result;
    result.jobId = job.id;
    FarmTask task;
    task.jobId = job.id;
    task.jobFolder = store.folder().string();
    task.settingsHash = jobSettingsHash(job);
    task.generation = job.farm->generation;
    int committed = 0;
    for (const auto& segment : job.segments) {
        if (broker.get(Bucket::Commits, commitKey(job.id, segment.index))) {
            ++committed;
            ++result.alreadyQueued;
            continue;
        }
        SegmentProgress queued;
        queued.totalFrames = segment.frameCount();
        queued.updatedAt = nowIso8601();
        if (!broker.create(Bucket::Progress, progressKey(job.id, segment.index), toPayload(queued))) {
            ++result.alreadyQueued;
            continue;
        }
        task.kind = FarmTask::Kind::Segment;
        task.index = segment.index;
        try {
            result.published
                += broker.publish(taskSubject(task), toPayload(task), taskMessageId(task)) ? 1 : 0;
        } catch (const Error&) {
            // Without its task the segment must not look queued, or a new submit would skip it.
            try {
                broker.remove(Bucket::Progress, progressKey(job.id, segment.index));
            } catch (const Error&) {
            }
            throw;
        }
    }
    if (committed == int(job.segments.size()) && !job.joined) {
        task.kind = FarmTask::Kind::Join;
        task.index = -1;
        result.joinPublished = broker.publish(taskSubject(task), toPayload(task), taskMessageId(task));
    }
    return result;
}

FarmJobStatus farmStatus(Broker& broker, const JobRecord& job)
{
    std::map<std::string, std::string> progress;
    for (auto& [key, value] : broker.entries(Bucket::Progress, job.id + ".")) {
        progress[key] = std::move(value);
    }
    FarmJobStatus status;
    for (const auto& segment : job.segments) {
        const auto it = progress.find(progressKey(job.id, segment.index));
        SegmentProgress p = it == progress.end() ? SegmentProgress {} : progressFromPayload(it->second);
        p.totalFrames = segment.frameCount();
        if (const auto commit = broker.get(Bucket::Commits, commitKey(job.id, segment.index))) {
            if (const auto c = commitFromPayload(*commit)) {
                p.state = "done";
                p.worker = c->worker;
                p.frames = segment.frameCount();
            }
        }
        status.done += p.state == "done" ? 1 : 0;
        status.failed += p.state == "failed" ? 1 : 0;
        status.running += p.state == "running" ? 1 : 0;
        status.waiting += p.state == "queued" || p.state == "waiting" || p.state == "refused" ? 1 : 0;
        status.segments.push_back(p);
    }
    if (const auto it = progress.find(joinKey(job.id)); it != progress.end()) {
        status.join = progressFromPayload(it->second);
    } else {
        status.join.state = job.joined ? "joined" : "pending";
    }
    if (job.joined) {
        status.join.state = "joined";
    }
    return status;
}

} // namespace passthrough::farm
