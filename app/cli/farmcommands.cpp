// The farm's commands: submit a job to a broker, run a worker, and the farm part of status.
#include "cli/farmcommands.h"

#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/joboptions.h"
#include "cli/modellocator.h"
#include "farm/broker.h"
#include "farm/farmsubmit.h"
#include "farm/farmworker.h"
#include "job/jobstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSysInfo>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

namespace passthrough::cli {
namespace {

std::string defaultWorkerName()
{
    std::string host = QSysInfo::machineHostName().toStdString();
    for (char& c : host) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
            c = '-';
        }
    }
    const std::string name = host.substr(0, 40) + "-" + std::to_string(QCoreApplication::applicationPid());
    return name;
}

nlohmann::json progressJson(const farm::SegmentProgress& p)
{
    return { { "state", p.state }, { "worker", p.worker }, { "frames", p.frames },
        { "totalFrames", p.totalFrames }, { "fps", p.framesPerSecond }, { "error", p.error },
        { "updatedAt", p.updatedAt } };
}

// Waits for a submitted job to finish on the farm, printing a line whenever a segment settles.
int waitForJob(farm::Broker& broker, const JobRecord& job)
{
    int lastDone = -1;
    int lastFailed = -1;
    for (;;) {
        if (interruptFlag().load()) {
            std::fprintf(stderr, "stopped waiting; the farm goes on with job %s\n", job.id.c_str());
            return kInterrupted;
        }
        const farm::FarmJobStatus status = farm::farmStatus(broker, job);
        if (status.done != lastDone || status.failed != lastFailed) {
            std::fprintf(stderr, "%d of %zu segments done, %d failed, %d running\n", status.done,
                job.segments.size(), status.failed, status.running);
            lastDone = status.done;
            lastFailed = status.failed;
        }
        if (status.join.state == "joined") {
            std::fprintf(stderr, "wrote %s\n", job.output.c_str());
            return kDone;
        }
        if (status.join.state == "failed") {
            std::fprintf(stderr, "finished with failed segments: %s\n", status.join.error.c_str());
            for (std::size_t i = 0; i < status.segments.size(); ++i) {
                if (status.segments[i].state == "failed") {
                    std::fprintf(stderr, "  segment %zu: %s\n", i, status.segments[i].error.c_str());
                }
            }
            return kFailedSegments;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
}

} // namespace

int printFarmStatus(const JobRecord& job, const std::string& brokerUrl, bool json)
{
    farm::Broker broker(brokerUrl, "passthrough-status");
    broker.ensureSetup(farm::farmLimits());
    const farm::FarmJobStatus status = farm::farmStatus(broker, job);
    if (json) {
        nlohmann::json segments = nlohmann::json::array();
        for (const auto& p : status.segments) {
            segments.push_back(progressJson(p));
        }
        std::printf("%s\n",
            nlohmann::json { { "id", job.id }, { "output", job.output }, { "segments", segments },
                { "join", progressJson(status.join) } }
                .dump(2)
                .c_str());
        return kDone;
    }
    std::printf(
        "job %s on %s\n  output: %s (%s)\n  segments: %d done, %d running, %d waiting, %d failed of %zu\n",
        job.id.c_str(), broker.address().c_str(), job.output.c_str(), status.join.state.c_str(), status.done,
        status.running, status.waiting, status.failed, job.segments.size());
    for (std::size_t i = 0; i < status.segments.size(); ++i) {
        const auto& p = status.segments[i];
        std::printf("  segment %zu %s%s%s: %lld/%lld frames%s%s\n", i, p.state.c_str(),
            p.worker.empty() ? "" : " on ", p.worker.c_str(), static_cast<long long>(p.frames),
            static_cast<long long>(p.totalFrames),
            p.framesPerSecond > 0 && p.state == "running"
                ? (", " + std::to_string(int(p.framesPerSecond)) + " fps").c_str()
                : "",
            p.error.empty() ? "" : (" (" + p.error + ")").c_str());
    }
    return kDone;
}

int runSubmit(const QStringList& args)
{
    static const std::string usage = std::string("passthrough-cli submit INPUT -o OUTPUT --broker URL ")
        + kJobOptionsUsage + " [--wait]";
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("The VR video."));
    addJobOptions(parser);
    parser.addOptions({
        { QStringLiteral("broker"),
            QStringLiteral("The farm's NATS server: nats://[user:password@]host:4222 or tls://…"),
            QStringLiteral("URL") },
        { QStringLiteral("wait"),
            QStringLiteral(
                "Wait until the farm has finished the job; exit as process would (0 done, 3 failed "
                "segments).") },
    });
    if (!parse(parser, args, 1, usage.c_str())) {
        return helpOrUsage(parser);
    }
    if (!parser.isSet(QStringLiteral("output")) || !parser.isSet(QStringLiteral("broker"))) {
        std::fprintf(
            stderr, "passthrough-cli: submit needs -o OUTPUT and --broker URL\nusage: %s\n", usage.c_str());
        return kUsage;
    }
    try {
        NewJobRequest request = readJobRequest(parser);
        farm::Broker broker(text(parser.value(QStringLiteral("broker"))), "passthrough-submit");
        request.modelPath = locateModel(text(parser.value(QStringLiteral("model"))), &interruptFlag());
        locatePersonModel(request.settings.matte.people.active(),
            text(parser.value(QStringLiteral("person-model"))), &interruptFlag());
        // A worker joining the job holds its folder for a moment: a repeated submit waits for it.
        std::optional<JobStore> store;
        farm::SubmitResult result;
        for (int tries = 0;; ++tries) {
            try {
                store.emplace(createJob(request, &interruptFlag()));
                result = farm::submitJob(broker, *store);
                break;
            } catch (const Error& e) {
                if (e.kind() != ErrorKind::Busy || tries >= 60 || interruptFlag().load()) {
                    throw;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
            }
        }
        std::printf("%s\n", result.jobId.c_str());
        std::fflush(stdout);
        std::fprintf(stderr,
            "submitted job %s to %s: %d segment tasks published, %d already there; job folder %s\n",
            result.jobId.c_str(), broker.address().c_str(), result.published, result.alreadyQueued,
            store->folder().string().c_str());
        if (parser.isSet(QStringLiteral("wait"))) {
            return waitForJob(broker, store->load());
        }
        return kDone;
    } catch (const Error& e) {
        return reportError(e);
    }
}

int runWorker(const QStringList& args)
{
    static const char* usage = "passthrough-cli worker --broker URL [--name NAME] [--storage-root DIR]... "
                               "[--map-path FROM=TO]...\n"
                               "                [--device auto|cpu|cuda] [--threads N] [--exit-when-idle]";
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("broker"), QStringLiteral("The farm's NATS server."), QStringLiteral("URL") },
        { QStringLiteral("name"),
            QStringLiteral("This worker's name in chunk names and status (letters, digits, - and _; default "
                           "host-pid)."),
            QStringLiteral("NAME") },
        { QStringLiteral("storage-root"),
            QStringLiteral("A folder this worker may work in (job folders must lie under one); repeatable."),
            QStringLiteral("DIR") },
        { QStringLiteral("map-path"),
            QStringLiteral(
                "Rewrite paths from the submitter's machine, e.g. '\\\\nas\\jobs=/mnt/jobs'; repeatable."),
            QStringLiteral("FROM=TO") },
        { QStringLiteral("device"), QStringLiteral("auto (CUDA when present), cpu or cuda."),
            QStringLiteral("DEVICE"), QStringLiteral("auto") },
        { QStringLiteral("threads"), QStringLiteral("CPU threads of the model, 0 = all cores."),
            QStringLiteral("N"), QStringLiteral("0") },
        { QStringLiteral("exit-when-idle"), QStringLiteral("Stop once no task is left for any worker.") },
    });
    if (!parse(parser, args, 0, usage)) {
        return helpOrUsage(parser);
    }
    if (!parser.isSet(QStringLiteral("broker"))) {
        std::fprintf(stderr, "passthrough-cli: worker needs --broker URL\nusage: %s\n", usage);
        return kUsage;
    }
    try {
        farm::WorkerOptions options;
        options.brokerUrl = text(parser.value(QStringLiteral("broker")));
        options.name = parser.isSet(QStringLiteral("name")) ? text(parser.value(QStringLiteral("name")))
                                                            : defaultWorkerName();
        for (const QString& root : parser.values(QStringLiteral("storage-root"))) {
            options.paths.addStorageRoot(text(root));
        }
        for (const QString& rule : parser.values(QStringLiteral("map-path"))) {
            options.paths.addRule(text(rule));
        }
        options.device = text(parser.value(QStringLiteral("device")));
        options.threads = threadsOption(parser);
        options.exitWhenIdle = parser.isSet(QStringLiteral("exit-when-idle"));
        options.stop = &interruptFlag();
        options.log = [](const std::string& line) {
            std::fprintf(stderr, "%s %s\n",
                QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")).toStdString().c_str(),
                line.c_str());
            std::fflush(stderr);
        };
        const farm::WorkerSummary summary = farm::runWorker(options);
        std::fprintf(stderr,
            "worker %s: %d segments committed, %d lost to another worker, %d failed, %d joins\n",
            options.name.c_str(), summary.committed, summary.lostRaces, summary.failed, summary.joins);
        return kDone;
    } catch (const Error& e) {
        return reportError(e);
    }
}

} // namespace passthrough::cli
