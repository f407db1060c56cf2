#pragma once

#include "queueentry.h"

#include <QString>

namespace passthrough::ui {

// Packing, encoding and joining on top of what the preview measured (decoding and matting),
// as a share of the matting time; the person pass adds its own share when a person choice is on.
// Stated rules, checked against the 2048x1024 fisheye job of README's figures.
inline constexpr double kEncodeShare = 0.25;
inline constexpr double kPersonPassShare = 0.07;

// A draft's cost before Start, in words ("about 1 h 40 min, 6.2 GB"): the time from the speed
// the preview measured at the job's settings (QueueEntry::previewFramesPerSecond), the size from
// the output rule of pipeline/spacecheck.h. Empty until the draft has been previewed.
QString costEstimate(const QueueEntry& entry);

} // namespace passthrough::ui
