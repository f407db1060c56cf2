#pragma once

#include "util/error.h"

#include <QCommandLineParser>
#include <QStringList>

#include <atomic>
#include <string>

namespace passthrough::cli {

std::string text(const QString& s);

// Parses `args` (the subcommand's name first) or prints the problem and the usage; returns false
// on a usage error or --help.
bool parse(QCommandLineParser& parser, const QStringList& args, int positionals, const char* usage);
// The exit code after parse() returned false.
int helpOrUsage(const QCommandLineParser& parser);
// Prints the error and returns its exit code.
int reportError(const Error& e);

// --hwdec auto|none|NAME is a choice of the machine that every decoding command takes: removed
// from `args` wherever it stands and applied process-wide (media/hwdecode.h). Throws Error(Usage).
void takeHardwareDecodingOption(QStringList& args);

// Set by SIGINT/SIGTERM: every long command stops at its next check and exits with 4 (or, for a
// farm worker, gives its segment back).
std::atomic<bool>& interruptFlag();

} // namespace passthrough::cli
