#pragma once

#include "media/layout.h"
#include "media/mediainfo.h"
#include "person/movenet.h"
#include "person/peopletimeline.h"

#include <atomic>
#include <functional>

namespace passthrough::person {

// How often the model looks (per second of source): people move little in a sixth of a second,
// and the frames between are interpolated per track. Every frame would cost 2 x 21 ms per
// frame on 2 cores, more than the matting itself at 2048x1024.
inline constexpr double kDetectionsPerSecond = 6.0;
// The lower part of each eye that is looked at from below as well (FramePeople::fromBelow), in
// eighths of its height: the bottom five eighths, from a little above the centre down.
inline constexpr int kFromBelowShare = 5;

// Decodes the whole source once and finds the people in each eye of each frame (in `layout`,
// the layout the matte is made in: an equirect source packed as fisheye is converted first),
// then tracks them (trackPeople); the lower part of each eye is looked at turned upside down as
// well (FramePeople::fromBelow). `onProgress(framesDone, frameCount)`. Throws Error; Cancelled
// when `cancel` is set.
// `ranges`: [first pts, end pts) spans to look at (a sample's frames and its picks' moments);
// empty: the whole source.
PeopleTimeline findPeople(const MediaInfo& source, const Layout& layout, const MoveNet& model,
    int detectionSize, const std::atomic<bool>* cancel,
    const std::function<void(std::int64_t, std::int64_t)>& onProgress,
    const std::vector<std::pair<std::int64_t, std::int64_t>>& ranges = {});

// What a timeline was made from: the source's size, modification time and sample hash, the
// layout and the detection size. A people.bin with another key is made again.
std::string peopleSourceKey(
    const MediaInfo& source, const Layout& layout, int detectionSize, const std::string& fingerprint);

} // namespace passthrough::person
