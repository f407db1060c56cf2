#pragma once

#include "job/jobrecord.h"
#include "media/mediainfo.h"

#include <optional>
#include <utility>
#include <vector>

namespace passthrough {

// The frames [first, end) a range covers (see planSegments). Throws Error(Usage) naming --range.
std::pair<std::size_t, std::size_t> rangeFrames(const MediaInfo& source, const TimeSpan& range);
// How many frames a job of `range` renders: the source's frame count without one.
std::int64_t framesToRender(const MediaInfo& source, const std::optional<TimeSpan>& range);

// Cuts the source's frames into segments of about `segmentSeconds` (by timestamps, so VFR
// sources get equal durations, not equal frame counts) with `warmupSeconds` of frames before
// each segment for the model's recurrent state. Nothing is cut on disk. With a range, only its
// frames are planned: from the frame shown at its start (the last that starts at or before it)
// to the last that starts before its end; the first segment's warm-up still reaches back before
// the range where the source has frames. Throws Error(Usage) naming --range for a range that
// holds no frame of the source.
std::vector<SegmentRecord> planSegments(const MediaInfo& source, double segmentSeconds, double warmupSeconds,
    const std::optional<TimeSpan>& range = std::nullopt);

} // namespace passthrough
