#pragma once

#include "person/movenet.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace passthrough::person {

// Colour histogram of a person's torso: 4 x 4 x 4 RGB bins, summing to 1.
inline constexpr int kAppearanceBins = 64;
using Appearance = std::array<float, kAppearanceBins>;

// One person the model found in one eye of one frame, in coordinates normalised to the eye
// (0..1, origin top-left), so that it fits a matte of any size.
struct EyePerson {
    Pose pose; // keypoints and box normalised to the eye
    Appearance appearance {};
    int track = -1; // who this is across frames (assigned by trackPeople); -1: unknown
    bool povBody = false; // the camera wearer's body, as the decisions recognised it (not stored)
};

struct FramePeople {
    std::int64_t pts = 0;
    std::array<std::vector<EyePerson>, 2> eyes; // eyes[1] is empty for a mono source
    // What the model found in the lower part of each eye turned upside down (findPeople), in the
    // eye's own coordinates: a camera wearer's body, seen from their head, is upside down and
    // headless there, and the model finds upright people. Candidates only: the decisions look at
    // them when the user asks for the POV body to go (PersonChoices::povAuto), and never track them.
    std::array<std::vector<EyePerson>, 2> fromBelow;
};

// Every frame's people for a whole source, as the person pass found them: the one input of every
// decision, so that a segment, a sample and a farm worker all decide from the same data.
struct PeopleTimeline {
    int eyeCount = 1;
    int eyeWidth = 0; // eye pixels, for distances in the eye's own aspect
    int eyeHeight = 0;
    int detectionSize = 256; // the model's input long side
    std::string sourceKey; // what the people were found in (source fingerprint, layout, size)
    // Whether the pass also looked from below (FramePeople::fromBelow): false for a people.bin
    // of version 1, whose job goes on deciding as it did (no POV body found from below).
    bool lookedFromBelow = true;
    std::vector<FramePeople> frames; // in pts order

    // The frame with this pts, or null.
    [[nodiscard]] const FramePeople* at(std::int64_t pts) const;
    // The index of the frame nearest to `pts`, or -1 when there are no frames.
    [[nodiscard]] std::ptrdiff_t nearest(std::int64_t pts) const;
};

// Detections below this person score are not kept: MoveNet fills 6 rows whatever the image.
inline constexpr float kStoredPersonScore = 0.1F;

// people.bin in a job folder. Written atomically; reading checks every count and size and
// throws Error(JobMismatch) naming the file.
void writePeopleTimeline(const std::filesystem::path& path, const PeopleTimeline& timeline);
PeopleTimeline readPeopleTimeline(const std::filesystem::path& path);

// Gives each left-eye person a track (the same number for the same person in consecutive
// frames: boxes that overlap and skeletons that agree), then pairs each right-eye person with the
// left-eye person they are (position, size, appearance) and gives them the same track.
// Frames further apart than half a second (a sample's separate ranges) never share a track.
void trackPeople(PeopleTimeline& timeline, double framesPerSecond, double secondsPerPts);

// Bhattacharyya coefficient of two appearances: 1 for identical colour distributions.
float similarity(const Appearance& a, const Appearance& b);

} // namespace passthrough::person
