#pragma once

#include "util/timespan.h"

#include <cstddef>
#include <string>
#include <vector>

namespace passthrough {

// "The person under this point at this time": kept (everyone else removed) or removed, in every
// frame of the pick's span (the whole video by default) where they are recognised. X and Y are
// normalised to the left eye, as regions are.
struct PersonPick {
    enum class Action { Keep, Remove };
    Action action = Action::Keep;
    double x = 0.5;
    double y = 0.5;
    double seconds = 0.0; // source time of the frame the point was picked in
    TimeSpan span; // when the pick holds; the moment itself need not lie in it

    bool operator==(const PersonPick&) const = default;
};

// The job file's limit on picks.
inline constexpr std::size_t kMaxPersonPicks = 32;

// The person model's input size: the long side each eye is shrunk to before the model sees it.
// 256 finds the people of most VR footage at 50 frames/s here; 384 also finds small and far
// people (a fisheye eye's edge, a crowd), 1.7 times slower (README, "Who stays, by person").
inline constexpr int kDefaultDetectionSize = 256;
inline constexpr int kLargeDetectionSize = 384;
inline constexpr bool isDetectionSize(int size)
{
    return size == kDefaultDetectionSize || size == kLargeDetectionSize;
}

// Who stays, by person (core/person): stored with the matte controls in job.json. Every default
// leaves the matte as the model made it, and then no person model is needed at all.
struct PersonChoices {
    bool povAuto = false; // remove the camera wearer's own body where it is recognised
    std::vector<PersonPick> picks;
    int maxPeople = 0; // keep the N largest people in each frame; 0: no limit
    int detectionSize = kDefaultDetectionSize; // or kLargeDetectionSize
    // Matte that no person explains (a chair, a pet, someone the model does not find) is removed
    // in each eye where a person stays; where nobody stays or nobody is found, it is kept.
    bool removeOutside = false;
    // --roi auto: each person who is small to the model at the job's ratio is matted again in a
    // crop around them, in both eyes (person/roiplan.h). Nobody is removed by it.
    bool roiAuto = false;

    // True when a choice needs the person model.
    [[nodiscard]] bool active() const
    {
        return povAuto || !picks.empty() || maxPeople > 0 || removeOutside || roiAuto;
    }

    bool operator==(const PersonChoices&) const = default;
};

// "X,Y@SECONDS[@FROM-TO]" for --keep-person and --remove-person (times in seconds or
// hh:mm:ss[.ms]). Throws Error(Usage) naming the option.
PersonPick parsePersonPick(const std::string& text, PersonPick::Action action);
// Throws Error(Usage) with the first value out of its range.
void validatePersonChoices(const PersonChoices& choices);
// The choices in words, one line each, for the job log and the job card.
std::vector<std::string> describe(const PersonChoices& choices);

} // namespace passthrough
