#include "person/roiplan.h"

#include "matting/mattingbackend.h"

#include <algorithm>
#include <cmath>

namespace passthrough::person {
namespace {

// A box in eye pixels.
struct Box {
    double left = 0, top = 0, right = 0, bottom = 0;
    [[nodiscard]] double extent() const { return std::max(right - left, bottom - top); }
    [[nodiscard]] double centreX() const { return (left + right) / 2; }
    [[nodiscard]] double centreY() const { return (top + bottom) / 2; }
    [[nodiscard]] Box unite(const Box& o) const
    {
        return { std::min(left, o.left), std::min(top, o.top), std::max(right, o.right),
            std::max(bottom, o.bottom) };
    }
};

// One person of one frame, in both eyes (the eye the model missed them in filled in by the
// frame's disparity: the pairing decides the crop in both eyes).
struct Target {
    std::array<Box, 2> eyes;
    [[nodiscard]] double extent() const { return std::max(eyes[0].extent(), eyes[1].extent()); }
};

struct OpenCrop {
    std::size_t index = 0; // into the plan's crops
    std::int64_t lastSeen = 0; // pts of the last frame someone was in it
};

double iou(const Box& a, const Box& b)
{
    const double w = std::min(a.right, b.right) - std::max(a.left, b.left);
    const double h = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
    if (w <= 0 || h <= 0) {
        return 0.0;
    }
    const double shared = w * h;
    return shared
        / ((a.right - a.left) * (a.bottom - a.top) + (b.right - b.left) * (b.bottom - b.top) - shared);
}

Box shifted(Box box, double by)
{
    box.left += by;
    box.right += by;
    return box;
}

// The frame's people as targets: paired across the eyes by track where the tracker paired them,
// else by overlap once the right eye's shift is taken out: the median of the frame's tracked
// pairs, or where it has none the last frame's (`shift`, updated).
std::vector<Target> targetsOf(const FramePeople& frame, const std::array<std::vector<bool>, 2>* removed,
    int eyeCount, int eyeWidth, int eyeHeight, double& shift)
{
    std::array<std::vector<std::pair<Box, int>>, 2> seen; // per eye: box, track
    for (int eye = 0; eye < eyeCount; ++eye) {
        const auto& people = frame.eyes[std::size_t(eye)];
        for (std::size_t i = 0; i < people.size(); ++i) {
            const EyePerson& p = people[i];
            const bool gone
                = removed && i < (*removed)[std::size_t(eye)].size() && (*removed)[std::size_t(eye)][i];
            if (p.pose.score < kStoredPersonScore || gone || p.povBody) {
                continue;
            }
            seen[std::size_t(eye)].emplace_back(Box { p.pose.left * eyeWidth, p.pose.top * eyeHeight,
                                                    p.pose.right * eyeWidth, p.pose.bottom * eyeHeight },
                p.track);
        }
    }
    std::vector<Target> targets;
    if (eyeCount == 1) {
        for (const auto& [box, track] : seen[0]) {
            targets.push_back({ { box, box } });
        }
        return targets;
    }
    std::vector<double> shifts;
    for (const auto& [left, lt] : seen[0]) {
        for (const auto& [right, rt] : seen[1]) {
            if (lt >= 0 && lt == rt) {
                shifts.push_back(right.centreX() - left.centreX());
            }
        }
    }
    if (!shifts.empty()) {
        std::nth_element(shifts.begin(), shifts.begin() + std::ptrdiff_t(shifts.size() / 2), shifts.end());
        shift = shifts[shifts.size() / 2];
    }
    std::vector<bool> pairedRight(seen[1].size(), false);
    for (const auto& [left, lt] : seen[0]) {
        std::ptrdiff_t best = -1;
        double bestOverlap = 0.3; // at least this much, when the tracker did not pair them
        for (std::size_t r = 0; r < seen[1].size(); ++r) {
            if (pairedRight[r]) {
                continue;
            }
            const double overlap
                = lt >= 0 && lt == seen[1][r].second ? 2.0 : iou(shifted(left, shift), seen[1][r].first);
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = std::ptrdiff_t(r);
            }
        }
        if (best >= 0) {
            pairedRight[std::size_t(best)] = true;
        }
        targets.push_back({ { left, best >= 0 ? seen[1][std::size_t(best)].first : shifted(left, shift) } });
    }
    for (std::size_t r = 0; r < seen[1].size(); ++r) {
        if (!pairedRight[r]) {
            targets.push_back({ { shifted(seen[1][r].first, -shift), seen[1][r].first } });
        }
    }
    return targets;
}

RoiSquare squareAround(const Box& box, int side, int eyeWidth, int eyeHeight)
{
    RoiSquare square;
    square.side = side;
    square.x = std::clamp(int(std::lround(box.centreX() - side / 2.0)), 0, eyeWidth - side);
    square.y = std::clamp(int(std::lround(box.centreY() - side / 2.0)), 0, eyeHeight - side);
    return square;
}

// Whether the box lies inside the square's inner part (a side on the eye's own edge has no
// margin: nobody can come nearer to it than the picture lets them).
bool holds(const RoiSquare& s, const Box& box, int eyeWidth, int eyeHeight)
{
    const double margin = kRoiInnerMargin * s.side;
    const double left = s.x == 0 ? -1e9 : s.x + margin;
    const double top = s.y == 0 ? -1e9 : s.y + margin;
    const double right = s.x + s.side == eyeWidth ? 1e9 : s.x + s.side - margin;
    const double bottom = s.y + s.side == eyeHeight ? 1e9 : s.y + s.side - margin;
    return box.left >= left && box.top >= top && box.right <= right && box.bottom <= bottom;
}

// Whether the box's middle lies in the square: whose crop it is.
bool centred(const RoiSquare& s, const Box& box)
{
    return box.centreX() >= s.x && box.centreX() < s.x + s.side && box.centreY() >= s.y
        && box.centreY() < s.y + s.side;
}

bool fits(const RoiCrop& crop, const Target& t, int eyeCount, int eyeWidth, int eyeHeight)
{
    if (roiSide(t.extent(), eyeWidth, eyeHeight) > crop.eyes[0].side * 1.25) {
        return false; // grown (come nearer): the crop would see them at too few pixels each
    }
    for (int eye = 0; eye < eyeCount; ++eye) {
        if (!holds(crop.eyes[std::size_t(eye)], t.eyes[std::size_t(eye)], eyeWidth, eyeHeight)) {
            return false;
        }
    }
    return true;
}

// Where one person starting at frame `f` in `boxes` goes next: the boxes joined with theirs in the
// frames after (the nearest small person each frame, no further than their own size from where
// they were), for as long as a square of `side` still holds them all within its inner margins
// and at most kRoiLookAheadSeconds. A crop centred on that is held about twice as long as one
// centred where they stand, and costs half the warm-ups.
std::array<Box, 2> wayAhead(const std::vector<std::vector<Target>>& all, const PeopleTimeline& timeline,
    std::size_t f, std::array<Box, 2> boxes, int side, std::int64_t hold, std::int64_t lookAhead)
{
    const double room = side * (1.0 - 2.0 * kRoiInnerMargin);
    const std::int64_t until = timeline.frames[f].pts + lookAhead;
    Box last = boxes[0];
    for (std::size_t g = f + 1; g < all.size() && timeline.frames[g].pts <= until; ++g) {
        if (timeline.frames[g].pts - timeline.frames[g - 1].pts > hold) {
            break;
        }
        const Target* next = nullptr;
        double nearest = last.extent();
        for (const Target& t : all[g]) {
            const double d
                = std::hypot(t.eyes[0].centreX() - last.centreX(), t.eyes[0].centreY() - last.centreY());
            if (d <= nearest) {
                nearest = d;
                next = &t;
            }
        }
        if (!next) {
            continue;
        }
        const std::array<Box, 2> joined { boxes[0].unite(next->eyes[0]), boxes[1].unite(next->eyes[1]) };
        if (std::max(joined[0].extent(), joined[1].extent()) > room) {
            break;
        }
        boxes = joined;
        last = next->eyes[0];
    }
    return boxes;
}

} // namespace

std::string describeRoi(const PeopleDecisions& people, double ratio, double secondsPerPts)
{
    const PeopleTimeline& timeline = people.timeline();
    const double base = ratio > 0.0 ? ratio : autoDownsampleRatio(timeline.eyeWidth, timeline.eyeHeight);
    const RoiPlan plan(people, base, secondsPerPts);
    std::int64_t used = 0;
    for (const FramePeople& frame : timeline.frames) {
        for (std::size_t index : plan.matted(frame.pts)) {
            if (frame.pts >= plan.crops()[index].firstPts) {
                ++used;
                break;
            }
        }
    }
    return std::to_string(plan.crops().size()) + " crops, in use in " + std::to_string(used) + " of "
        + std::to_string(timeline.frames.size()) + " frames (" + std::to_string(plan.cropFrames())
        + " crop frames with their warm-ups); the busiest frame has " + std::to_string(plan.peakModelPixels())
        + " model pixels per eye in crops (at most " + std::to_string(kRoiModelPixelBudget) + ")";
}

int roiSide(double extent, int eyeWidth, int eyeHeight)
{
    const int wanted = std::max(kRoiMinSide, int(std::ceil(kRoiMargin * extent)));
    // Multiples of 16: crops of similar people share sizes, and the model's strides divide them.
    const int rounded = (wanted + 15) / 16 * 16;
    return std::min(rounded, std::min(eyeWidth, eyeHeight));
}

int roiModelSide(int side)
{
    return std::min(side, kRoiModelSide);
}

RoiPlan::RoiPlan(const PeopleDecisions& people, double baseRatio, double secondsPerPts)
{
    const PeopleTimeline& timeline = people.timeline();
    const int eyeCount = timeline.eyeCount;
    m_eyeCount = eyeCount;
    const int eyeWidth = timeline.eyeWidth;
    const int eyeHeight = timeline.eyeHeight;
    if (timeline.frames.empty() || eyeWidth <= 0 || eyeHeight <= 0 || baseRatio <= 0) {
        return;
    }
    const auto hold = std::int64_t(std::llround(kRoiHoldSeconds / secondsPerPts));
    const auto warm = std::int64_t(std::llround(kRoiWarmupSeconds / secondsPerPts));
    const auto lookAhead = std::int64_t(std::llround(kRoiLookAheadSeconds / secondsPerPts));
    const std::size_t frameCount = timeline.frames.size();
    std::vector<std::int64_t> load(frameCount, 0); // model pixels per eye, per frame
    std::vector<OpenCrop> open;
    // Every frame's small people first: a new crop looks ahead (wayAhead).
    std::vector<std::vector<Target>> all(frameCount);
    double shift = 0; // the right eye's, in pixels (targetsOf)
    for (std::size_t f = 0; f < frameCount; ++f) {
        const FramePeople& frame = timeline.frames[f];
        all[f] = targetsOf(frame, people.removed(frame.pts), eyeCount, eyeWidth, eyeHeight, shift);
        std::erase_if(
            all[f], [&](const Target& t) { return t.extent() * baseRatio >= kRoiSmallModelPixels; });
    }

    const auto close = [&](OpenCrop& c, std::int64_t endPts) { m_crops[c.index].endPts = endPts; };
    for (std::size_t f = 0; f < frameCount; ++f) {
        const FramePeople& frame = timeline.frames[f];
        const std::int64_t pts = frame.pts;
        // A gap in the timeline (a sample's separate ranges) ends every crop.
        if (f > 0 && pts - timeline.frames[f - 1].pts > hold) {
            for (OpenCrop& c : open) {
                close(c, timeline.frames[f - 1].pts + 1);
            }
            open.clear();
        }
        const std::vector<Target>& targets = all[f];
        std::vector<bool> covered(targets.size(), false);

        // Held crops: each goes on while someone is in it (or was, within kRoiHoldSeconds) and
        // everyone whose middle is in it still fits it.
        std::vector<OpenCrop> kept;
        for (OpenCrop& c : open) {
            const RoiCrop& crop = m_crops[c.index];
            bool ok = true;
            std::vector<std::size_t> inside;
            for (std::size_t i = 0; i < targets.size() && ok; ++i) {
                if (centred(crop.eyes[0], targets[i].eyes[0])) {
                    ok = fits(crop, targets[i], eyeCount, eyeWidth, eyeHeight);
                    inside.push_back(i);
                }
            }
            if (ok && !inside.empty()) {
                c.lastSeen = pts;
            }
            if (!ok || pts - c.lastSeen > hold) {
                close(c, pts);
                continue;
            }
            for (std::size_t i : inside) {
                covered[i] = true;
            }
            load[f] += std::int64_t(crop.modelSide) * crop.modelSide;
            kept.push_back(c);
        }
        open = std::move(kept);

        // The rest of the small people, smallest first (they gain the most), grouped where one
        // square holds several.
        std::vector<std::size_t> waiting;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if (!covered[i]) {
                waiting.push_back(i);
            }
        }
        std::stable_sort(waiting.begin(), waiting.end(),
            [&](std::size_t a, std::size_t b) { return targets[a].extent() < targets[b].extent(); });
        struct Group {
            std::array<Box, 2> eyes;
            int side = 0;
            int members = 1;
        };
        std::vector<Group> groups;
        // A square holds its people while they stay within its inner part.
        const auto room = [](int side) { return side * (1.0 - 2.0 * kRoiInnerMargin); };
        for (std::size_t i : waiting) {
            const Target& t = targets[i];
            const int own = roiSide(t.extent(), eyeWidth, eyeHeight);
            if (t.extent() > room(own)) {
                continue; // as large as the eye: no square of it holds them
            }
            bool joined = false;
            for (Group& g : groups) {
                const std::array<Box, 2> both { g.eyes[0].unite(t.eyes[0]), g.eyes[1].unite(t.eyes[1]) };
                const double extent = std::max(both[0].extent(), both[1].extent());
                const int side = roiSide(extent, eyeWidth, eyeHeight);
                if (side <= kRoiShareGrowth * std::max(g.side, own) && extent <= room(side)) {
                    g.eyes = both;
                    g.side = side;
                    ++g.members;
                    joined = true;
                    break;
                }
            }
            if (!joined) {
                groups.push_back({ t.eyes, own });
            }
        }
        // The crop's warm-up: the timeline's frames within kRoiWarmupSeconds before this one.
        std::size_t warmFrom = f;
        while (warmFrom > 0 && pts - timeline.frames[warmFrom - 1].pts <= warm
            && timeline.frames[warmFrom].pts - timeline.frames[warmFrom - 1].pts <= hold) {
            --warmFrom;
        }
        for (Group& g : groups) {
            if (g.members == 1) {
                g.eyes = wayAhead(all, timeline, f, g.eyes, g.side, hold, lookAhead);
            }
            const int modelSide = roiModelSide(g.side);
            // Only where the crop shows the model more than the whole eye does.
            if (double(modelSide) / g.side < baseRatio * 1.25) {
                continue;
            }
            const std::int64_t pixels = std::int64_t(modelSide) * modelSide;
            if (load[f] + pixels > kRoiModelPixelBudget) {
                continue; // waits for a frame with room
            }
            // Warmed up over the frames before with room (all of kRoiWarmupSeconds unless the
            // crop it replaces still takes the budget there: better a shorter warm-up than a
            // person without a crop).
            std::size_t from = f;
            while (from > warmFrom && load[from - 1] + pixels <= kRoiModelPixelBudget) {
                --from;
            }
            for (std::size_t w = from; w <= f; ++w) {
                load[w] += pixels;
            }
            RoiCrop crop;
            crop.warmPts = from == warmFrom ? pts - warm : timeline.frames[from].pts;
            crop.firstPts = pts;
            crop.endPts = pts + 1;
            crop.modelSide = modelSide;
            for (int eye = 0; eye < 2; ++eye) {
                crop.eyes[std::size_t(eye)]
                    = squareAround(g.eyes[std::size_t(eye)], g.side, eyeWidth, eyeHeight);
            }
            OpenCrop c { m_crops.size(), pts };
            m_crops.push_back(std::move(crop));
            open.push_back(std::move(c));
        }
    }
    for (OpenCrop& c : open) {
        close(c, timeline.frames.back().pts + 1);
    }
    std::stable_sort(m_crops.begin(), m_crops.end(),
        [](const RoiCrop& a, const RoiCrop& b) { return a.warmPts < b.warmPts; });
    for (std::size_t f = 0; f < frameCount; ++f) {
        m_peakModelPixels = std::max(m_peakModelPixels, load[f]);
        m_modelPixels += load[f];
    }
    for (const RoiCrop& crop : m_crops) {
        m_longest = std::max(m_longest, crop.endPts - crop.warmPts);
        const std::size_t first = std::size_t(timeline.nearest(crop.warmPts));
        for (std::size_t f = first; f < frameCount && timeline.frames[f].pts < crop.endPts; ++f) {
            m_cropFrames += timeline.frames[f].pts >= crop.warmPts ? 1 : 0;
        }
    }
}

std::vector<std::size_t> RoiPlan::matted(std::int64_t pts) const
{
    std::vector<std::size_t> found;
    // Crops are ordered by warmPts: only those that began within the longest crop's time of pts
    // can still be matted.
    const auto from = std::lower_bound(m_crops.begin(), m_crops.end(), pts - m_longest,
        [](const RoiCrop& c, std::int64_t at) { return c.warmPts < at; });
    for (auto i = std::size_t(from - m_crops.begin()); i < m_crops.size() && m_crops[i].warmPts <= pts; ++i) {
        if (pts < m_crops[i].endPts) {
            found.push_back(i);
        }
    }
    return found;
}

} // namespace passthrough::person
