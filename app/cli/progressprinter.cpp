#include "cli/progressprinter.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#ifndef _WIN32
#include <unistd.h>
#else
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#endif

namespace passthrough::cli {
namespace {

std::string clock(double seconds)
{
    if (seconds < 0) {
        return "--:--";
    }
    const long s = long(std::lround(seconds));
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    return text;
}

double percent(const ProgressEvent& e)
{
    return e.totalFrames > 0 ? 100.0 * double(e.framesDone) / double(e.totalFrames) : 0.0;
}

} // namespace

ProgressPrinter::Style ProgressPrinter::styleFor(bool json, std::FILE* stream)
{
    if (json) {
        return Style::Json;
    }
    return isatty(fileno(stream)) ? Style::Bar : Style::Lines;
}

ProgressPrinter::ProgressPrinter(Style style, std::FILE* stream)
    : m_style(style)
    , m_stream(stream)
{
}

bool ProgressPrinter::throttled(const ProgressEvent& event, std::chrono::milliseconds interval)
{
    if (event.kind != ProgressEvent::Kind::Frames) {
        return false;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastPrint < interval) {
        return true;
    }
    m_lastPrint = now;
    return false;
}

void ProgressPrinter::print(const ProgressEvent& event)
{
    switch (m_style) {
    case Style::Bar:
        printBar(event);
        break;
    case Style::Lines:
        printLine(event);
        break;
    case Style::Json:
        printJson(event);
        break;
    }
    std::fflush(m_stream);
}

void ProgressPrinter::printBar(const ProgressEvent& event)
{
    if (event.kind == ProgressEvent::Kind::SegmentFailed || event.kind == ProgressEvent::Kind::Joining) {
        finishLine();
        std::fprintf(m_stream, "%s\n",
            event.kind == ProgressEvent::Kind::Joining
                ? ("joining chunks into " + event.message).c_str()
                : ("segment " + std::to_string(event.segment) + " failed: " + event.message).c_str());
        return;
    }
    if (throttled(event, std::chrono::milliseconds(100)) || event.kind == ProgressEvent::Kind::Finished
        || event.kind == ProgressEvent::Kind::Stopped) {
        return;
    }
    constexpr int kWidth = 30;
    const double p = percent(event);
    const int filled = int(p / 100.0 * kWidth);
    std::string bar(std::size_t(filled), '#');
    bar += std::string(std::size_t(kWidth - filled), '-');
    std::fprintf(m_stream, "\r[%s] %5.1f%%  %6.2f fps  ETA %s  segment %d/%d ", bar.c_str(), p,
        event.framesPerSecond, clock(event.etaSeconds).c_str(),
        std::min(event.segmentsDone + 1, event.segmentCount), event.segmentCount);
    m_barShown = true;
}

void ProgressPrinter::printLine(const ProgressEvent& event)
{
    using Kind = ProgressEvent::Kind;
    switch (event.kind) {
    case Kind::JobStarted:
        std::fprintf(m_stream, "processing %s: %d segments, %lld frames\n", event.message.c_str(),
            event.segmentCount, static_cast<long long>(event.totalFrames));
        break;
    case Kind::SegmentDone:
        std::fprintf(m_stream, "segment %d done (%d/%d), %.1f%%, %.2f fps, ETA %s\n", event.segment,
            event.segmentsDone, event.segmentCount, percent(event), event.framesPerSecond,
            clock(event.etaSeconds).c_str());
        break;
    case Kind::SegmentFailed:
        std::fprintf(m_stream, "segment %d failed: %s\n", event.segment, event.message.c_str());
        break;
    case Kind::Joining:
        std::fprintf(m_stream, "joining chunks into %s\n", event.message.c_str());
        break;
    case Kind::Frames: {
        const int tenth = int(percent(event) / 10.0);
        if (tenth != m_lastPercentLine) {
            m_lastPercentLine = tenth;
            std::fprintf(m_stream, "%.1f%%, %.2f fps, ETA %s, segment %d/%d\n", percent(event),
                event.framesPerSecond, clock(event.etaSeconds).c_str(),
                std::min(event.segmentsDone + 1, event.segmentCount), event.segmentCount);
        }
        break;
    }
    case Kind::SegmentStarted:
    case Kind::Finished:
    case Kind::Stopped: // said once by the command, after the run
        break;
    }
}

void ProgressPrinter::printJson(const ProgressEvent& event)
{
    if (throttled(event, std::chrono::milliseconds(250))) {
        return;
    }
    nlohmann::json j { { "event", kindName(event.kind) }, { "framesDone", event.framesDone },
        { "totalFrames", event.totalFrames }, { "percent", std::round(percent(event) * 10.0) / 10.0 },
        { "fps", std::round(event.framesPerSecond * 100.0) / 100.0 }, { "segmentsDone", event.segmentsDone },
        { "segmentCount", event.segmentCount } };
    if (event.segment >= 0) {
        j["segment"] = event.segment;
    }
    if (event.etaSeconds >= 0) {
        j["etaSeconds"] = std::round(event.etaSeconds);
    }
    if (!event.message.empty()) {
        j["message"] = event.message;
    }
    std::fprintf(m_stream, "%s\n", j.dump().c_str());
}

void ProgressPrinter::finishLine()
{
    if (m_barShown) {
        std::fprintf(m_stream, "\n");
        m_barShown = false;
    }
}

} // namespace passthrough::cli
