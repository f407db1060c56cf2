#pragma once

#include "job/jobrecord.h"
#include "media/mediainfo.h"

#include <vector>

namespace passthrough {

// Cuts the source's frames into segments of about `segmentSeconds` (by timestamps, so VFR
// sources get equal durations, not equal frame counts) with `warmupSeconds` of frames before
// each segment for the model's recurrent state. Nothing is cut on disk.
std::vector<SegmentRecord> planSegments(const MediaInfo& source, double segmentSeconds, double warmupSeconds);

} // namespace passthrough
