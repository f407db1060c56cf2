#include "util/timespan.h"

#include "util/error.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace passthrough {
namespace {

constexpr double kLongest = 1e7; // seconds: over 115 days, far past any video, as picks allow

bool readNonNegative(const std::string& text, double& value)
{
    if (text.empty() || text.front() == '+' || text.front() == '-' || std::isspace(text.front())) {
        return false;
    }
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(value) && value >= 0.0;
}

std::string number(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", v);
    return text;
}

} // namespace

std::optional<double> parseTimeText(const std::string& text)
{
    std::vector<std::string> parts(1);
    for (char c : text) {
        if (c == ':') {
            parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    if (parts.size() > 3) {
        return std::nullopt;
    }
    double seconds = 0.0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        double value = 0.0;
        if (!readNonNegative(parts[i], value)) {
            return std::nullopt;
        }
        const bool last = i + 1 == parts.size();
        // Hours and minutes are whole numbers; minutes and seconds after a colon stay under 60.
        if ((!last && value != std::floor(value)) || (i > 0 && value >= 60.0)) {
            return std::nullopt;
        }
        seconds = seconds * 60.0 + value;
    }
    if (seconds > kLongest) {
        return std::nullopt;
    }
    return seconds;
}

std::string timeText(double seconds)
{
    char text[48];
    if (seconds < 60.0) {
        std::snprintf(text, sizeof text, "%.4g s", seconds);
        return text;
    }
    const auto whole = static_cast<long long>(std::floor(seconds));
    const double rest = seconds - double(whole - whole % 60);
    const long long minutes = whole / 60;
    if (minutes < 60) {
        std::snprintf(text, sizeof text, "%lld:%s%.4g", minutes, rest < 10.0 ? "0" : "", rest);
    } else {
        std::snprintf(text, sizeof text, "%lld:%02lld:%s%.4g", minutes / 60, minutes % 60,
            rest < 10.0 ? "0" : "", rest);
    }
    return text;
}

TimeSpan parseTimeSpan(const std::string& span, const std::string& option, const std::string& text)
{
    const auto refuse
        = [&](const std::string& why) { throw Error(ErrorKind::Usage, option + " '" + text + "': " + why); };
    const std::size_t dash = span.find('-');
    if (dash == std::string::npos || span.find('-', dash + 1) != std::string::npos || span.size() == 1) {
        refuse("a time span is FROM-TO, either side in seconds or hh:mm:ss[.ms], such as 10-12.5, "
               "1:05-1:30 or 10- (to the end)");
    }
    TimeSpan result;
    const std::string from = span.substr(0, dash);
    const std::string to = span.substr(dash + 1);
    if (!from.empty()) {
        const std::optional<double> t = parseTimeText(from);
        if (!t) {
            refuse("'" + from + "' is not a time (seconds, or hh:mm:ss[.ms])");
        }
        result.from = *t;
    }
    if (!to.empty()) {
        result.to = parseTimeText(to);
        if (!result.to) {
            refuse("'" + to + "' is not a time (seconds, or hh:mm:ss[.ms])");
        }
    }
    try {
        validateTimeSpan(result, "the span");
    } catch (const Error& e) {
        refuse(e.what());
    }
    return result;
}

void validateTimeSpan(const TimeSpan& span, const std::string& what)
{
    if (!std::isfinite(span.from) || span.from < 0.0 || span.from > kLongest
        || (span.to && (!std::isfinite(*span.to) || *span.to < 0.0 || *span.to > kLongest))) {
        throw Error(ErrorKind::Usage, what + " must lie between 0 and " + number(kLongest) + " seconds");
    }
    if (span.to && *span.to <= span.from) {
        throw Error(ErrorKind::Usage,
            what + " ends (" + timeText(*span.to) + ") before it starts (" + timeText(span.from) + ")");
    }
}

std::string describe(const TimeSpan& span)
{
    if (span.whole()) {
        return {};
    }
    if (!span.to) {
        return "from " + timeText(span.from);
    }
    if (span.from == 0.0) {
        return "until " + timeText(*span.to);
    }
    return "from " + timeText(span.from) + " to " + timeText(*span.to);
}

} // namespace passthrough
