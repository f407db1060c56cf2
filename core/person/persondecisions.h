#pragma once

#include "person/peopletimeline.h"
#include "person/personchoices.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace passthrough::person {

// Which people of each frame leave the matte, decided once for the whole timeline from the
// user's choices: every segment, sample and farm worker that reads the same timeline gets the
// same answer for a frame, wherever its segment starts.
class PeopleDecisions {
public:
    // `secondsPerPts`: the source's time base, to find the frame a pick names.
    PeopleDecisions(PeopleTimeline timeline, const PersonChoices& choices, double secondsPerPts);

    [[nodiscard]] const PeopleTimeline& timeline() const { return m_timeline; }
    // For the frame with this pts: per eye, one flag per person of FramePeople::eyes (true:
    // removed). Null when the timeline has no such frame.
    [[nodiscard]] const std::array<std::vector<bool>, 2>* removed(std::int64_t pts) const;
    // For the frame with this pts: per eye, whether the matte no person explains goes too
    // (PersonChoices::removeOutside, and someone in that eye stays). False when the timeline has
    // no such frame.
    [[nodiscard]] std::array<bool, 2> outsideRemoved(std::int64_t pts) const;
    // What the decisions found, in words, for the job log: each pick's person and in how many
    // frames they were recognised, how many frames had a POV body.
    [[nodiscard]] const std::vector<std::string>& notes() const { return m_notes; }
    // The tracks recognised as the person each pick names (empty: nobody under the point).
    [[nodiscard]] const std::vector<std::vector<int>>& pickedTracks() const { return m_pickedTracks; }
    // Whether the wearer's own body goes (PersonChoices::povAuto).
    [[nodiscard]] bool povAuto() const { return m_povAuto; }
    // With --pov auto, per eye: everyone stored who stands upright (a head seen, whatever their
    // score) in the frames within half a second of this one, whose part of the matte the wearer's
    // body never takes (personMatteFactor). Made when asked, for the frame being matted.
    [[nodiscard]] std::array<std::vector<Pose>, 2> standingNear(std::int64_t pts) const;

private:
    // Whether someone the decisions keep is in this eye of the timeline's frame `f`.
    [[nodiscard]] bool someoneStays(std::size_t f, int eye) const;

    PeopleTimeline m_timeline;
    std::vector<std::array<std::vector<bool>, 2>> m_removed; // per frame of the timeline
    bool m_removeOutside = false; // PersonChoices::removeOutside
    bool m_povAuto = false; // PersonChoices::povAuto
    std::int64_t m_standingWindow = 0; // kStandingWindow in pts
    std::vector<std::string> m_notes;
    std::vector<std::vector<int>> m_pickedTracks;
};

// The rules, exposed for tests and the window's overlay.
// A person counts (is tracked and decided on) at this score or above.
inline constexpr float kPersonScore = 0.2F;
// A POV body: the camera wearer's own body, seen from their head: it touches the bottom of the
// eye, and either no part of a head is seen or the legs point up the image.
bool isPovBody(const Pose& eyeNormalisedPose);
// A POV body as the look from below finds it (FramePeople::fromBelow, in the eye's coordinates):
// stored (kStoredPersonScore), it touches the bottom of the eye, no head is seen, and none of
// the joints seen says upright (legs below the hips, shoulders above them): the wearer's body is
// upside down there, the legs running up the image, the chest nearest at the bottom.
bool isBodyFromBelow(const Pose& eyeNormalisedPose);
// Someone who stands as people stand: a head seen, above their shoulders (when those are seen).
// The wearer's own body never has a head.
bool standsUpright(const Pose& eyeNormalisedPose);

} // namespace passthrough::person
