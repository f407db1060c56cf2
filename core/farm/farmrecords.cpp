#include "farm/farmrecords.h"

#include "job/jobvalidation.h"
#include "job/jsonfields.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace passthrough::farm {
namespace {

using nlohmann::json;

constexpr const char* kOrigin = "a farm task";

} // namespace

std::string taskSubject(const FarmTask& task)
{
    return task.kind == FarmTask::Kind::Join ? "pt.join." + task.jobId
                                             : "pt.seg." + task.jobId + "." + std::to_string(task.index);
}

std::string taskMessageId(const FarmTask& task)
{
    return task.jobId + "."
        + (task.kind == FarmTask::Kind::Join ? std::string("join") : std::to_string(task.index)) + "."
        + std::to_string(task.generation);
}

std::string toPayload(const FarmTask& task)
{
    return json {
        { "kind", task.kind == FarmTask::Kind::Join ? "join" : "segment" }, { "jobId", task.jobId },
        { "jobFolder", task.jobFolder }, { "settingsHash", task.settingsHash }, { "index", task.index },
        { "generation", task.generation }
    }.dump();
}

FarmTask taskFromPayload(const std::string& payload)
{
    json j;
    try {
        j = json::parse(payload);
    } catch (const json::exception& e) {
        throw Error(ErrorKind::JobMismatch, std::string(kOrigin) + " is not JSON: " + e.what());
    }
    const JsonFields f(j, "", kOrigin);
    FarmTask task;
    const std::string kind = f.text("kind", 16);
    if (kind != "segment" && kind != "join") {
        f.fail("kind", "must be segment or join");
    }
    task.kind = kind == "join" ? FarmTask::Kind::Join : FarmTask::Kind::Segment;
    task.jobId = f.text("jobId", 64);
    if (!isValidJobId(task.jobId)) {
        f.fail("jobId", "must be a UUID");
    }
    task.jobFolder = f.text("jobFolder");
    task.settingsHash = f.text("settingsHash", 64);
    task.index = int(f.integer("index", -1, 1'000'000));
    if (task.kind == FarmTask::Kind::Segment && task.index < 0) {
        f.fail("index", "must be a segment number");
    }
    task.generation = int(f.integer("generation", 1, 1'000'000));
    return task;
}

std::string toPayload(const SegmentProgress& p)
{
    return json {
        { "state", p.state }, { "worker", p.worker }, { "frames", p.frames },
        { "totalFrames", p.totalFrames }, { "fps", p.framesPerSecond }, { "error", p.error },
        { "updatedAt", p.updatedAt }, { "attempt", p.attempt }, { "failures", p.failures }
    }.dump();
}

SegmentProgress progressFromPayload(const std::string& payload)
{
    SegmentProgress p;
    try {
        const json j = json::parse(payload);
        const JsonFields f(j, "", "a progress entry");
        p.state = f.text("state", 16);
        p.worker = f.text("worker", 128);
        p.frames = f.integer("frames", 0, std::int64_t(1) << 40);
        p.totalFrames = f.integer("totalFrames", 0, std::int64_t(1) << 40);
        p.framesPerSecond = f.number("fps", 0.0, 1e6);
        p.error = f.text("error", 64 * 1024);
        p.updatedAt = f.text("updatedAt", 64);
        p.attempt = int(f.integer("attempt", 0, 1'000'000'000));
        p.failures = int(f.integer("failures", 0, 1'000'000));
    } catch (const std::exception& e) {
        p = SegmentProgress {};
        p.error = std::string("unreadable progress entry: ") + e.what();
    }
    return p;
}

std::string progressKey(const std::string& jobId, int index)
{
    return jobId + "." + std::to_string(index);
}

std::string joinKey(const std::string& jobId)
{
    return jobId + ".join";
}

std::string commitKey(const std::string& jobId, int index)
{
    return "commit." + jobId + "." + std::to_string(index);
}

std::string toPayload(const ChunkCommit& commit)
{
    return json { { "worker", commit.worker }, { "attempt", commit.attempt } }.dump();
}

std::optional<ChunkCommit> commitFromPayload(const std::string& payload)
{
    try {
        const json j = json::parse(payload);
        const JsonFields f(j, "", "a commit");
        const ChunkCommit commit { f.text("worker", 64), int(f.integer("attempt", 1, 1'000'000)) };
        if (!isValidWorkerName(commit.worker)) {
            return std::nullopt;
        }
        return commit;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace passthrough::farm
