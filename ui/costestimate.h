#pragma once

#include "queueentry.h"

#include <QString>

namespace passthrough::ui {

// A draft's cost before Start, in words ("about 1 h 40 min, 6.2 GB"): the rule of
// pipeline/jobestimate.h applied to the speed the preview measured at the draft's settings
// (QueueEntry::previewFramesPerSecond) and, once a sample is rendered at them, to its size
// (QueueEntry::sampleBytesPerFrame). Empty until the draft has been previewed.
QString costEstimate(const QueueEntry& entry);

} // namespace passthrough::ui
