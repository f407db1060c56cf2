#include "person/personchoices.h"

#include "util/error.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace passthrough {
namespace {

constexpr int kMaxPeople = 6; // the person model finds at most 6 people per eye

std::string optionName(PersonPick::Action action)
{
    return action == PersonPick::Action::Keep ? "--keep-person" : "--remove-person";
}

bool readNumber(const std::string& text, double& value)
{
    if (text.empty()) {
        return false;
    }
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(value);
}

std::string threeDigits(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

} // namespace

PersonPick parsePersonPick(const std::string& text, PersonPick::Action action)
{
    const std::string option = optionName(action);
    const auto refuse
        = [&](const std::string& why) { throw Error(ErrorKind::Usage, option + " '" + text + "': " + why); };
    const std::size_t at = text.find('@');
    const std::size_t comma = text.find(',');
    if (at == std::string::npos || comma == std::string::npos || comma > at) {
        refuse("expected X,Y@SECONDS[@FROM-TO], such as 0.4,0.6@12.5 or 0.4,0.6@12.5@10-20");
    }
    const std::size_t spanAt = text.find('@', at + 1);
    PersonPick pick;
    pick.action = action;
    if (!readNumber(text.substr(0, comma), pick.x)
        || !readNumber(text.substr(comma + 1, at - comma - 1), pick.y)) {
        refuse("X and Y are numbers between 0 and 1 (the left eye, origin top-left)");
    }
    const std::string moment
        = text.substr(at + 1, spanAt == std::string::npos ? std::string::npos : spanAt - at - 1);
    const std::optional<double> seconds = parseTimeText(moment);
    if (!seconds) {
        refuse("SECONDS is the time in the source, such as 12.5 or 1:05.5");
    }
    pick.seconds = *seconds;
    if (spanAt != std::string::npos) {
        pick.span = parseTimeSpan(text.substr(spanAt + 1), option, text);
    }
    PersonChoices one;
    one.picks = { pick };
    try {
        validatePersonChoices(one);
    } catch (const Error& e) {
        refuse(e.what());
    }
    return pick;
}

void validatePersonChoices(const PersonChoices& c)
{
    const auto require = [](bool ok, const std::string& why) {
        if (!ok) {
            throw Error(ErrorKind::Usage, why);
        }
    };
    require(c.picks.size() <= kMaxPersonPicks, "at most 32 people can be picked");
    for (const PersonPick& p : c.picks) {
        require(std::isfinite(p.x) && std::isfinite(p.y) && p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1,
            "a picked point must lie in the eye: X and Y between 0 and 1");
        require(std::isfinite(p.seconds) && p.seconds >= 0 && p.seconds <= 1e7,
            "a pick's time must be 0 or more seconds");
        validateTimeSpan(p.span, "a pick's span");
    }
    require(c.maxPeople >= 0 && c.maxPeople <= kMaxPeople, "--max-people must be 0 (no limit) to 6");
    require(isDetectionSize(c.detectionSize),
        "--person-size must be " + std::to_string(kDefaultDetectionSize) + " or "
            + std::to_string(kLargeDetectionSize));
}

std::vector<std::string> describe(const PersonChoices& c)
{
    std::vector<std::string> lines;
    if (c.povAuto) {
        lines.push_back("remove the camera wearer's body (POV) where it is recognised");
    }
    for (const PersonPick& p : c.picks) {
        lines.push_back(std::string(p.action == PersonPick::Action::Keep ? "keep only" : "remove")
            + " the person at (" + threeDigits(p.x) + "," + threeDigits(p.y) + ") at "
            + threeDigits(p.seconds) + " s" + (p.span.whole() ? "" : " " + describe(p.span)));
    }
    if (c.maxPeople > 0) {
        lines.push_back("keep the " + std::to_string(c.maxPeople) + " largest people in each frame");
    }
    if (c.removeOutside) {
        lines.push_back("remove the matte outside the people who stay");
    }
    if (c.roiAuto) {
        lines.push_back("matte small and far people again in crops around them, in both eyes (ROI)");
    }
    if (c.active() && c.detectionSize != kDefaultDetectionSize) {
        lines.push_back("people found at " + std::to_string(c.detectionSize) + " px per eye");
    }
    return lines;
}

} // namespace passthrough
