#include "job/segmentplanner.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace passthrough {

std::pair<std::size_t, std::size_t> rangeFrames(const MediaInfo& source, const TimeSpan& range)
{
    const auto& pts = source.framePts;
    const auto at = [&](double seconds) {
        return std::int64_t(std::floor(seconds * source.timeBase.den / source.timeBase.num + 1e-6));
    };
    const std::string span = describe(range);
    if (pts.empty() || range.from >= source.ptsToSeconds(source.endPts)) {
        throw Error(ErrorKind::Usage,
            "--range " + span + " starts after the end of " + source.path + " ("
                + timeText(source.ptsToSeconds(source.endPts)) + ")");
    }
    // The frame shown at the start is the last one that starts at or before it.
    const auto startIt = std::upper_bound(pts.begin(), pts.end(), at(range.from));
    const std::size_t first = startIt == pts.begin() ? 0 : std::size_t(startIt - pts.begin()) - 1;
    std::size_t end = pts.size();
    if (range.to) {
        // Frames that start before the end (a hair's give for an end typed on a frame's time).
        const std::int64_t endTicks
            = std::int64_t(std::ceil(*range.to * source.timeBase.den / source.timeBase.num - 1e-6));
        end = std::size_t(std::lower_bound(pts.begin(), pts.end(), endTicks) - pts.begin());
    }
    if (end <= first) {
        throw Error(ErrorKind::Usage, "--range " + span + " holds no frame of " + source.path);
    }
    return { first, end };
}

std::int64_t framesToRender(const MediaInfo& source, const std::optional<TimeSpan>& range)
{
    if (!range) {
        return source.frameCount;
    }
    const auto [first, end] = rangeFrames(source, *range);
    return std::int64_t(end - first);
}

std::vector<SegmentRecord> planSegments(const MediaInfo& source, double segmentSeconds, double warmupSeconds,
    const std::optional<TimeSpan>& range)
{
    if (!(segmentSeconds >= 1.0 && segmentSeconds <= 600.0)) {
        throw Error(ErrorKind::Usage, "the segment length must be between 1 and 600 seconds");
    }
    if (!(warmupSeconds >= 0.0 && warmupSeconds <= 60.0)) {
        throw Error(ErrorKind::Usage, "the warm-up must be between 0 and 60 seconds");
    }
    const auto& pts = source.framePts;
    const auto toTicks = [&](double seconds) {
        return std::int64_t(std::llround(seconds * source.timeBase.den / source.timeBase.num));
    };
    const std::int64_t segmentTicks = std::max<std::int64_t>(1, toTicks(segmentSeconds));
    const std::int64_t warmupTicks = toTicks(warmupSeconds);

    std::size_t start = 0;
    std::size_t last = pts.size(); // one past the last frame planned
    if (range) {
        const auto [first, end] = rangeFrames(source, *range);
        start = first;
        last = end;
    }
    std::vector<SegmentRecord> segments;
    while (start < last) {
        auto endIt = std::lower_bound(pts.begin() + std::ptrdiff_t(start), pts.begin() + std::ptrdiff_t(last),
            pts[start] + segmentTicks);
        std::size_t end = std::size_t(endIt - pts.begin());
        end = std::max(end, start + 1);
        // Fold a tail shorter than half a segment into this one rather than leave a sliver.
        if (end < last && pts[last - 1] - pts[end] < segmentTicks / 2) {
            end = last;
        }
        SegmentRecord s;
        s.index = int(segments.size());
        s.frameStart = std::int64_t(start);
        s.frameEnd = std::int64_t(end);
        s.ptsStart = pts[start];
        s.ptsEnd = end < pts.size() ? pts[end] : source.endPts;
        const auto warmIt
            = std::lower_bound(pts.begin(), pts.begin() + std::ptrdiff_t(start), pts[start] - warmupTicks);
        s.warmupFrameStart = std::int64_t(warmIt - pts.begin());
        s.warmupPtsStart = pts[std::size_t(s.warmupFrameStart)];
        segments.push_back(s);
        start = end;
    }
    return segments;
}

} // namespace passthrough
