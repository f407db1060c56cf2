// passthrough-cli sample: a few seconds of the output, rendered the way `process` would render
// them, for judging the matte in motion before committing hours to a full run.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/joboptions.h"
#include "cli/modellocator.h"
#include "matting/backendfactory.h"
#include "pipeline/samplerender.h"
#include "pipeline/spacecheck.h"

#include <QCommandLineParser>

#include <cmath>
#include <cstdio>

namespace passthrough::cli {

int runSample(const QStringList& args)
{
    static const std::string usage = std::string("passthrough-cli sample INPUT --start SECONDS [--seconds N] "
                                                 "-o OUTPUT ")
        + kJobOptionsUsage;
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("The VR video."));
    addJobOptions(parser);
    parser.addOptions({
        { QStringLiteral("start"),
            QStringLiteral("Where the sample starts, in seconds from the first frame."),
            QStringLiteral("SECONDS") },
        { QStringLiteral("seconds"), QStringLiteral("How long the sample is (default 5)."),
            QStringLiteral("N"), QStringLiteral("5") },
    });
    if (!parse(parser, args, 1, usage.c_str())) {
        return helpOrUsage(parser);
    }
    if (!parser.isSet(QStringLiteral("output")) || !parser.isSet(QStringLiteral("start"))) {
        std::fprintf(stderr, "passthrough-cli: sample needs --start SECONDS and -o OUTPUT\nusage: %s\n",
            usage.c_str());
        return kUsage;
    }
    try {
        const NewJobRequest job = readJobRequest(parser);
        if (!job.jobFolder.empty()) {
            throw Error(ErrorKind::Usage, "a sample makes no job, so it takes no --job-dir");
        }
        bool ok1 = false;
        bool ok2 = false;
        SampleRequest request;
        request.startSeconds = parser.value(QStringLiteral("start")).toDouble(&ok1);
        request.seconds = parser.value(QStringLiteral("seconds")).toDouble(&ok2);
        if (!ok1 || !ok2) {
            throw Error(ErrorKind::Usage, "--start and --seconds take numbers of seconds");
        }
        const int threads = threadsOption(parser);
        const auto model = locateModel(text(parser.value(QStringLiteral("model"))), &interruptFlag());
        locatePersonModel(job.settings.matte.people.active(),
            text(parser.value(QStringLiteral("person-model"))), &interruptFlag());
        auto backend = openMattingBackend(model, job.settings.device, job.settings.refiner, threads);
        request.sourcePath = job.sourcePath;
        request.output = job.output;
        request.settings = job.settings;
        request.backend = backend.get();
        request.cancel = &interruptFlag();
        request.onFrames = [](std::int64_t written, std::int64_t total) {
            std::fprintf(stderr, "\rsample: %lld of %lld frames", static_cast<long long>(written),
                static_cast<long long>(total));
        };
        const SampleResult result = renderSample(request);
        std::fprintf(stderr, "\n");
        for (const auto& note : result.notes) {
            std::fprintf(stderr, "note: %s\n", note.c_str());
        }
        for (const double cut : result.sceneCuts) {
            std::fprintf(stderr, "scene cut at %.3f s\n", cut);
        }
        std::printf("wrote %s (%lld frames from frame %lld)\n", result.output.string().c_str(),
            static_cast<long long>(result.frames), static_cast<long long>(result.firstFrame));
        // The whole video at the sample's rate: the size the window's estimate takes from a sample.
        if (result.bytesPerFrame > 0.0) {
            const auto whole = std::llround(result.bytesPerFrame * double(result.source.frameCount));
            std::printf("at this sample's rate the whole video (%lld frames) comes to about %s\n",
                static_cast<long long>(result.source.frameCount), humanBytes(whole).c_str());
        }
        return kDone;
    } catch (const Error& e) {
        std::fprintf(stderr, "\n");
        return reportError(e);
    }
}

} // namespace passthrough::cli
