#pragma once

#include <optional>
#include <string>

namespace passthrough {

// Times a user types: "12.5" (seconds), "1:05" (minutes and seconds) or "01:02:03.250" (hours,
// minutes, seconds). Nullopt for anything else, negative times included.
std::optional<double> parseTimeText(const std::string& text);
// Seconds in the short form people read back: "12.5 s", "1:05.2", "1:02:03".
std::string timeText(double seconds);

// When a correction holds: from `from` (inclusive) until `to` (exclusive), in source seconds
// (MediaInfo::ptsToSeconds, as a person pick's moment). No `to`: until the end of the video.
// The default is the whole video, which is what every correction made before spans means.
struct TimeSpan {
    double from = 0.0;
    std::optional<double> to;

    // A frame shown at `seconds` is in the span. Frame times are sums of a rational step, so a
    // frame meant to sit exactly on a bound may land a hair either side: the bounds are taken
    // with a microsecond of give, far below any frame interval.
    [[nodiscard]] bool contains(double seconds) const
    {
        constexpr double kGive = 1e-6;
        return seconds >= from - kGive && (!to || seconds < *to - kGive);
    }
    [[nodiscard]] bool whole() const { return from == 0.0 && !to; }
    bool operator==(const TimeSpan&) const = default;
};

// "FROM-TO", either side may be left out ("10-" from 10 s to the end, "-1:30" from the start):
// the span of `option`'s value `text`. Throws Error(Usage) naming the option and the text, also
// for a span that ends before it starts.
TimeSpan parseTimeSpan(const std::string& span, const std::string& option, const std::string& text);
// Throws Error(Usage) "`what` ends (T) before it starts (F)" and the like.
void validateTimeSpan(const TimeSpan& span, const std::string& what);
// "from 10 s to 12.5 s", "from 10 s", "until 12.5 s"; empty for the whole video.
std::string describe(const TimeSpan& span);

} // namespace passthrough
