#pragma once

#include <QStringList>

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

// Set by SIGINT/SIGTERM; the running job stops at the next frame and can be resumed.
void installInterruptHandler();

} // namespace passthrough::cli
