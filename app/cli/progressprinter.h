#pragma once

#include "pipeline/progress.h"

#include <chrono>
#include <cstdio>

namespace passthrough::cli {

// Prints job progress three ways: a one-line bar redrawn in place on a terminal (percent,
// frames/s, ETA, segment n/N); plain lines when the output is a file or pipe; one JSON object
// per line with --json.
class ProgressPrinter {
public:
    enum class Style { Bar, Lines, Json };
    static Style styleFor(bool json, std::FILE* stream);

    ProgressPrinter(Style style, std::FILE* stream);
    void print(const ProgressEvent& event);
    void finishLine();

private:
    void printBar(const ProgressEvent& event);
    void printLine(const ProgressEvent& event);
    void printJson(const ProgressEvent& event);
    bool throttled(const ProgressEvent& event, std::chrono::milliseconds interval);

    Style m_style;
    std::FILE* m_stream;
    std::chrono::steady_clock::time_point m_lastPrint {};
    bool m_barShown = false;
    int m_lastPercentLine = -1;
};

} // namespace passthrough::cli
