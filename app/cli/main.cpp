// passthrough-cli: the command-line front end of Passthrough Studio. The command line is a
// contract (design.md, "Interfaces"): render farms and scripts call it, so keep it stable.

#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "media/medialog.h"
#include "util/error.h"
#include "util/memory.h"

#include <QCoreApplication>

#include <cstdio>
#include <exception>
#include <functional>
#include <map>

namespace {

constexpr const char* kHelp = R"(passthrough-cli - turn stereo VR videos into passthrough videos

Each person in the video is kept; everything behind them becomes transparent, so a
mixed-reality headset shows your own room behind them. Long videos are cut into segments
that are processed and saved one by one: stop at any time and resume later.

Commands:
  probe INPUT [--json]                 show the streams and the detected VR layout
  process INPUT -o OUTPUT [options]    matte a video (see `process --help` for options)
  resume JOB                           continue a stopped or crashed job
  status JOB [--broker URL] [--json]   show a job's segments (a farm job's live)
  retry-failed JOB                     process again the segments that failed
  preview INPUT --frame N -o OUT.png   source | matte | composite | packed, side by side
  sample INPUT --start S -o OUTPUT     render a few seconds (--seconds N, default 5) to judge
                                       the matte in motion; takes every option of process
  fetch-model [--person] [--url URL]   download and verify the RVM model (or the person model) into the cache
  submit INPUT -o OUTPUT --broker URL  send a job to a render farm (NATS JetStream) and return
  worker --broker URL --storage-root DIR   take segments of farm jobs until stopped
  watch IN_DIR -o OUT_DIR [--between HH:MM-HH:MM] [--once] [options of process]
                                       turn each new video of a folder into a job, one after
                                       another; files whose output exists are skipped
  --version | --help

JOB is a job folder (by default OUTPUT.ptjob next to the output) or its job.json.
The model is --model FILE, else $PASSTHROUGH_MODEL, else the cached copy of RVM's
rvm_mobilenetv3.pth, downloaded on first use.

Example:
  passthrough-cli process clip_FISHEYE190_LR.mp4 -o clip_FISHEYE190_LR_matte.mp4

Exit codes: 0 done; 1 usage error; 2 the input cannot be used; 3 finished with failed
segments; 4 interrupted (continue with `resume`); 5 other error.
)";

} // namespace

int main(int argc, char* argv[])
{
    passthrough::configureAllocator();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("passthrough-studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PTS_VERSION));
    using namespace passthrough::cli;

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1) == QStringLiteral("--help") || args.at(1) == QStringLiteral("-h")
        || args.at(1) == QStringLiteral("help")) {
        std::printf("%s", kHelp);
        return args.size() < 2 ? kUsage : kDone;
    }
    if (args.at(1) == QStringLiteral("--version")) {
        std::printf("passthrough-cli %s\n", PTS_VERSION);
        return kDone;
    }
    const std::map<QString, std::function<int(const QStringList&)>> commands {
        { QStringLiteral("probe"), runProbe },
        { QStringLiteral("process"), runProcess },
        { QStringLiteral("resume"), runResume },
        { QStringLiteral("status"), runStatus },
        { QStringLiteral("retry-failed"), runRetryFailed },
        { QStringLiteral("preview"), runPreview },
        { QStringLiteral("sample"), runSample },
        { QStringLiteral("fetch-model"), runFetchModel },
        { QStringLiteral("submit"), runSubmit },
        { QStringLiteral("worker"), runWorker },
        { QStringLiteral("watch"), runWatch },
    };
    const auto command = commands.find(args.at(1));
    if (command == commands.end()) {
        std::fprintf(stderr, "passthrough-cli: unknown command '%s'; see passthrough-cli --help\n",
            args.at(1).toStdString().c_str());
        return kUsage;
    }
    try {
        takeHardwareDecodingOption(args);
    } catch (const passthrough::Error& e) {
        return reportError(e);
    }
    installInterruptHandler();
    passthrough::setMediaLibraryLogging(qEnvironmentVariableIntValue("PASSTHROUGH_FFMPEG_LOG") != 0);
    try {
        return command->second(args); // [program, command, ...]: the parser skips the program name
    } catch (const std::exception& e) {
        std::fprintf(stderr, "passthrough-cli: %s\n", e.what());
        return kOtherError;
    }
}
