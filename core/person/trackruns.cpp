#include "person/trackruns.h"

#include <map>

namespace passthrough::person {

std::vector<TrackRun> trackRuns(
    const PeopleDecisions& decisions, double secondsPerPts, double secondsPerFrame, double gap)
{
    std::map<int, std::vector<TrackRun>> byTrack;
    for (const FramePeople& frame : decisions.timeline().frames) {
        const auto* removed = decisions.removed(frame.pts);
        const auto& people = frame.eyes[0];
        const double at = double(frame.pts) * secondsPerPts;
        for (std::size_t i = 0; i < people.size(); ++i) {
            const EyePerson& p = people[i];
            if (p.track < 0 || p.pose.score < kPersonScore) {
                continue;
            }
            const bool out = removed != nullptr && i < (*removed)[0].size() && (*removed)[0][i];
            std::vector<TrackRun>& runs = byTrack[p.track];
            if (!runs.empty() && runs.back().removed == out && at - runs.back().to <= gap) {
                runs.back().to = at + secondsPerFrame;
            } else {
                runs.push_back(TrackRun { p.track, at, at + secondsPerFrame, out });
            }
        }
    }
    std::vector<TrackRun> all;
    for (auto& [track, runs] : byTrack) {
        all.insert(all.end(), runs.begin(), runs.end());
    }
    return all;
}

} // namespace passthrough::person
