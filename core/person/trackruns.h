#pragma once

#include "person/persondecisions.h"

#include <vector>

namespace passthrough::person {

// A stretch of time in which one person (a left-eye track of the person pass) is seen and
// decided the same way: for the window's timeline, a bar per person, kept and removed told apart.
struct TrackRun {
    int track = 0;
    double from = 0.0; // source seconds of the first frame
    double to = 0.0; // source seconds just after the last frame
    bool removed = false;
    bool operator==(const TrackRun&) const = default;
};

// Every decided-on person's runs (score at least kPersonScore), in order of track then time. A
// run ends where the decision changes or where the person is not seen for more than `gap`
// seconds (a missed look in between is bridged, as the decisions bridge it).
std::vector<TrackRun> trackRuns(
    const PeopleDecisions& decisions, double secondsPerPts, double secondsPerFrame, double gap = 0.5);

} // namespace passthrough::person
