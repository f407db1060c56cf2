// passthrough-cli watch: a folder of videos overnight. New files that have stopped growing
// become jobs with the command's options and run one after another (within --between when
// given); a file whose output exists is skipped, so a restarted watch never redoes finished work,
// and an interrupted file's job folder is resumed where it stopped.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/joboptions.h"
#include "job/jobstore.h"
#include "media/layout.h"
#include "media/mediainfo.h"
#include "packing/packing.h"
#include "pipeline/folderwatch.h"
#include "pipeline/jobcreation.h"

#include <QCommandLineParser>
#include <QTime>

#include <chrono>
#include <cstdio>
#include <deque>
#include <optional>
#include <thread>

namespace passthrough::cli {
namespace {

double steadySeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int minuteOfDay()
{
    const QTime now = QTime::currentTime();
    return now.hour() * 60 + now.minute();
}

double secondsOption(const QCommandLineParser& parser, const QString& name, double min, double max)
{
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < min || value > max) {
        throw Error(ErrorKind::Usage,
            "--" + text(name) + " takes seconds from " + std::to_string(int(min)) + " to "
                + std::to_string(int(max)));
    }
    return value;
}

// One watched file through a job: skipped when its output exists, else created (or its job
// folder resumed) and run. Returns the job's exit code; kDone for a skip.
int runWatchedFile(const QCommandLineParser& parser, const std::filesystem::path& file)
{
    NewJobRequest request = readJobRequest(parser);
    request.sourcePath = file.string();
    request.checkSpace = true;
    std::optional<Layout> chosen;
    if (request.settings.layoutOverride) {
        chosen = parseLayoutTag(*request.settings.layoutOverride);
    }
    const MediaInfo info = probeMedia(file.string(), chosen, false);
    const PackingKind packing = requirePacking(request.settings.packing);
    const auto output = resolveOutputPath(file.string(), request.output, packing, info.layout);
    // A finished job keeps its folder beside its output: only an unfinished one is resumed.
    const JobStore existing(defaultJobFolder(output));
    const bool hasJob = existing.exists() && !existing.load().joined;
    if (std::filesystem::exists(output) && !hasJob) {
        std::printf("skipped %s: %s exists\n", file.string().c_str(), output.string().c_str());
        return kDone;
    }
    std::printf("%s %s\n", hasJob ? "resuming" : "starting", file.string().c_str());
    std::fflush(stdout);
    return createAndRun(parser, request, false);
}

} // namespace

int runWatch(const QStringList& args)
{
    static const std::string usage
        = std::string("passthrough-cli watch IN_DIR -o OUT_DIR [--between HH:MM-HH:MM] "
                      "[--settle-seconds S] [--poll-seconds S] [--once] ")
        + kJobOptionsUsage;
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("IN_DIR"), QStringLiteral("The folder to watch."));
    addJobOptions(parser);
    parser.addOptions({
        { QStringLiteral("between"),
            QStringLiteral("Start jobs only between these times of day, e.g. 22:00-06:00 (a job that runs "
                           "past the end finishes)."),
            QStringLiteral("HH:MM-HH:MM") },
        { QStringLiteral("settle-seconds"),
            QStringLiteral("A file becomes a job once its size has not changed for this long (default 30)."),
            QStringLiteral("S"), QStringLiteral("30") },
        { QStringLiteral("poll-seconds"), QStringLiteral("How often the folder is looked at (default 5)."),
            QStringLiteral("S"), QStringLiteral("5") },
        { QStringLiteral("once"),
            QStringLiteral("Do what the folder holds now (waiting for growing files), then exit.") },
    });
    if (!parse(parser, args, 1, usage.c_str())) {
        return helpOrUsage(parser);
    }
    if (!parser.isSet(QStringLiteral("output"))) {
        std::fprintf(stderr, "passthrough-cli: watch needs -o OUT_DIR\nusage: %s\n", usage.c_str());
        return kUsage;
    }
    try {
        const std::filesystem::path in = text(parser.positionalArguments().at(1));
        const std::filesystem::path out = text(parser.value(QStringLiteral("output")));
        readJobRequest(parser); // the options are checked before anything waits
        threadsOption(parser); // checked here, used by each job
        const double settle = secondsOption(parser, QStringLiteral("settle-seconds"), 0, 86400);
        const double poll = secondsOption(parser, QStringLiteral("poll-seconds"), 0, 3600);
        std::optional<TimeWindow> window;
        if (parser.isSet(QStringLiteral("between"))) {
            window = parseTimeWindow(text(parser.value(QStringLiteral("between"))));
        }
        std::filesystem::create_directories(out);
        if (!std::filesystem::is_directory(in)) {
            throw Error(ErrorKind::InputUnusable, in.string() + " is not a folder");
        }
        const bool once = parser.isSet(QStringLiteral("once"));
        FolderWatch watch(in, settle);
        std::deque<std::filesystem::path> waiting;
        int worst = kDone;
        bool saidOutside = false;
        std::printf("watching %s, writing to %s\n", in.string().c_str(), out.string().c_str());
        std::fflush(stdout);
        for (;;) {
            if (interruptFlag().load()) {
                return kInterrupted;
            }
            for (auto& file : watch.scan(steadySeconds())) {
                waiting.push_back(std::move(file));
            }
            const bool inside = !window || window->contains(minuteOfDay());
            if (!inside && !waiting.empty() && !saidOutside) {
                std::printf("outside %s: %zu file(s) wait\n",
                    text(parser.value(QStringLiteral("between"))).c_str(), waiting.size());
                std::fflush(stdout);
                saidOutside = true;
            }
            while (inside && !waiting.empty() && !interruptFlag().load()) {
                const std::filesystem::path file = waiting.front();
                waiting.pop_front();
                int code = kOtherError;
                try {
                    code = runWatchedFile(parser, file);
                } catch (const Error& e) {
                    code = reportError(e); // one bad file does not stop the watch
                }
                if (code == kInterrupted) {
                    return kInterrupted;
                }
                worst = std::max(worst, code);
                std::fflush(stdout);
            }
            if (inside) {
                saidOutside = false;
            }
            if (once && watch.pending() == 0 && (waiting.empty() || !inside)) {
                return worst;
            }
            std::this_thread::sleep_for(std::chrono::duration<double>(std::max(0.2, poll)));
        }
    } catch (const Error& e) {
        return reportError(e);
    }
}

} // namespace passthrough::cli
