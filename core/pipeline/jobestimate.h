#pragma once

#include "media/mediainfo.h"
#include "packing/packing.h"
#include "pipeline/spacecheck.h"

#include <string>

namespace passthrough {

// Packing, encoding and joining on top of what a preview measures (decoding and matting), as a
// share of the matting time; the person pass adds its own share when a person choice is on.
// Stated rules, checked against whole jobs on the shared clips (bench/estimate-check.sh).
inline constexpr double kEncodeShare = 0.25;
inline constexpr double kPersonPassShare = 0.07;

// A job's cost before it starts: the time on this machine and what it writes.
struct JobEstimate {
    double seconds = 0.0;
    SpaceEstimate space;
};

// From the frames per second a preview measured at the job's settings (PreviewImages::
// matteFramesPerSecond) and the output rule of pipeline/spacecheck.h. `source` is the probed
// input (its frame count and size); `personChoices` when a person choice is on. With
// `sampleBytesPerFrame` (a sample rendered at the job's settings: its size over its frames), the
// size is that rate over the whole video instead of the rule. `jobFrames`: the frames the job
// renders when it covers a range (--range), the time and size scaled to them; -1: every frame.
JobEstimate estimateJob(PackingKind packing, const MediaInfo& source, double matteFramesPerSecond,
    bool personChoices, double sampleBytesPerFrame = 0.0, std::int64_t jobFrames = -1);

// The time in whole minutes as people are told it: rounded up (a promise of "1 min" that takes
// 70 s is the one users remember), at least 1.
long long estimatedMinutes(const JobEstimate& estimate);

// "about 1 h 40 min, 6.2 GB" in English (the CLI; the window words it in the user's language).
std::string describeEstimate(const JobEstimate& estimate);

} // namespace passthrough
