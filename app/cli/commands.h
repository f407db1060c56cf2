#pragma once

#include "pipeline/jobcreation.h"

#include <QCommandLineParser>
#include <QStringList>

namespace passthrough {
class JobStore;
}

namespace passthrough::cli {

// One function per subcommand; each parses its own options and returns an exit code
// (exitcodes.h). `args` starts with the subcommand's name.
int runProbe(const QStringList& args);
int runProcess(const QStringList& args);
int runResume(const QStringList& args);
int runStatus(const QStringList& args);
int runRetryFailed(const QStringList& args);
int runPreview(const QStringList& args);
int runFetchModel(const QStringList& args);
int runSample(const QStringList& args); // samplecommand.cpp
int runSubmit(const QStringList& args); // farmcommands.cpp
int runWorker(const QStringList& args); // farmcommands.cpp
int runWatch(const QStringList& args); // watchcommand.cpp

// Runs a stored job to its end and turns the result into an exit code and a summary.
int runAndReport(JobStore& store, bool json, int threads = 0);
// Locates the models the options name (downloading them on first use), creates the job (or
// finds the same one) and runs it: what `process` and each file of `watch` do.
int createAndRun(const QCommandLineParser& parser, NewJobRequest request, bool json);

// Set by SIGINT/SIGTERM; the running job stops at the next frame and can be resumed.
void installInterruptHandler();

} // namespace passthrough::cli
