#include "job/segmentplanner.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace passthrough {

std::vector<SegmentRecord> planSegments(const MediaInfo& source, double segmentSeconds, double warmupSeconds)
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

    std::vector<SegmentRecord> segments;
    std::size_t start = 0;
    while (start < pts.size()) {
        auto endIt
            = std::lower_bound(pts.begin() + std::ptrdiff_t(start), pts.end(), pts[start] + segmentTicks);
        std::size_t end = std::size_t(endIt - pts.begin());
        end = std::max(end, start + 1);
        // Fold a tail shorter than half a segment into this one rather than leave a sliver.
        if (end < pts.size() && pts.back() - pts[end] < segmentTicks / 2) {
            end = pts.size();
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
