#include "person/personpass.h"

#include "matting/eyeframes.h"
#include "media/fisheyeconverter.h"
#include "media/framereader.h"
#include "util/error.h"

#include <torch/types.h>

extern "C" {
#include <libavutil/frame.h>
}

#include <algorithm>
#include <cmath>
#include <limits>

namespace passthrough::person {
namespace {

// The torso's colours (between shoulders and hips when they are seen, else the middle of the
// box), as a 4 x 4 x 4 histogram: what tells two people apart when one leaves the view and comes
// back. `small` is the eye area-reduced to h x w x 3 uint8.
Appearance appearanceOf(const Pose& p, const torch::Tensor& small)
{
    const std::int64_t h = small.size(0);
    const std::int64_t w = small.size(1);
    float left = p.left + 0.25F * (p.right - p.left);
    float right = p.right - 0.25F * (p.right - p.left);
    float top = p.top + 0.2F * (p.bottom - p.top);
    float bottom = p.top + 0.6F * (p.bottom - p.top);
    const auto& k = p.keypoints;
    const float seen = 0.3F;
    if (k[LeftShoulder].score > seen && k[RightShoulder].score > seen && k[LeftHip].score > seen
        && k[RightHip].score > seen) {
        left = std::min({ k[LeftShoulder].x, k[RightShoulder].x, k[LeftHip].x, k[RightHip].x });
        right = std::max({ k[LeftShoulder].x, k[RightShoulder].x, k[LeftHip].x, k[RightHip].x });
        top = std::min(k[LeftShoulder].y, k[RightShoulder].y);
        bottom = std::max(k[LeftHip].y, k[RightHip].y);
    }
    const auto x0 = std::clamp<std::int64_t>(std::int64_t(left * float(w)), 0, w - 1);
    const auto x1 = std::clamp<std::int64_t>(std::int64_t(right * float(w)) + 1, x0 + 1, w);
    const auto y0 = std::clamp<std::int64_t>(std::int64_t(top * float(h)), 0, h - 1);
    const auto y1 = std::clamp<std::int64_t>(std::int64_t(bottom * float(h)) + 1, y0 + 1, h);
    const torch::Tensor patch
        = small.slice(0, y0, y1).slice(1, x0, x1).reshape({ -1, 3 }).to(torch::kLong).div(64, "floor");
    const torch::Tensor bins = patch.select(1, 0) * 16 + patch.select(1, 1) * 4 + patch.select(1, 2);
    const torch::Tensor counts = torch::bincount(bins, {}, kAppearanceBins).to(torch::kFloat);
    const torch::Tensor normalised = (counts / counts.sum().clamp_min(1)).contiguous();
    Appearance a {};
    std::copy_n(normalised.data_ptr<float>(), kAppearanceBins, a.begin());
    return a;
}

// The people in the lower part of an eye (H x W x 3) turned upside down, in the eye's normalised
// coordinates. A camera at the wearer's eyes sees their own body from above: chest or lap at the
// bottom of the image circle, the legs running up toward the horizon, no head. Turned upside down
// that is an upright, headless person, which the model knows. Only the lower part is looked at
// (the body lies between the bottom of the circle and a little above its centre), which halves
// the cost of the second look.
std::vector<Pose> detectFromBelow(const MoveNet& model, const torch::Tensor& eye, int detectionSize)
{
    const std::int64_t h = eye.size(0);
    const std::int64_t top = h - h * kFromBelowShare / 8;
    const torch::Tensor turned = eye.slice(0, top, h).flip({ 0, 1 }).contiguous();
    const auto w = float(turned.size(1));
    const auto partH = float(turned.size(0));
    const float topShare = float(top) / float(h);
    const float partShare = partH / float(h);
    std::vector<Pose> found;
    for (Pose pose : model.detect(turned, detectionSize)) {
        if (pose.score < kStoredPersonScore) {
            continue;
        }
        // Back to the eye: x' = 1 - x, y' = top + (1 - y) x part, and the box's sides swap.
        for (PosePoint& k : pose.keypoints) {
            k.x = 1.0F - k.x / w;
            k.y = topShare + (1.0F - k.y / partH) * partShare;
        }
        const float left = 1.0F - pose.right / w;
        const float right = 1.0F - pose.left / w;
        const float upper = topShare + (1.0F - pose.bottom / partH) * partShare;
        const float lower = topShare + (1.0F - pose.top / partH) * partShare;
        pose.left = left;
        pose.right = right;
        pose.top = upper;
        pose.bottom = lower;
        found.push_back(pose);
    }
    return found;
}

PosePoint mix(const PosePoint& a, const PosePoint& b, float t)
{
    return { a.x + t * (b.x - a.x), a.y + t * (b.y - a.y), a.score + t * (b.score - a.score) };
}

// Every decoded frame, with the people of the detection frames around it: a person whose track
// is detected before and after is interpolated, anyone else is held from the detection before.
PeopleTimeline fillBetweenDetections(const PeopleTimeline& detected, const std::vector<std::int64_t>& allPts)
{
    PeopleTimeline full = detected;
    full.frames.clear();
    std::size_t next = 0; // the first detection frame at or after the current frame
    for (std::int64_t pts : allPts) {
        while (next < detected.frames.size() && detected.frames[next].pts < pts) {
            ++next;
        }
        if (next < detected.frames.size() && detected.frames[next].pts == pts) {
            full.frames.push_back(detected.frames[next]);
            continue;
        }
        FramePeople frame;
        frame.pts = pts;
        if (next > 0) {
            const FramePeople& before = detected.frames[next - 1];
            frame.fromBelow = before.fromBelow; // untracked: held from the detection before
            const FramePeople* after = next < detected.frames.size() ? &detected.frames[next] : nullptr;
            const float t = after ? float(pts - before.pts) / float(after->pts - before.pts) : 0.0F;
            for (int e = 0; e < 2; ++e) {
                for (EyePerson person : before.eyes[std::size_t(e)]) {
                    const EyePerson* later = nullptr;
                    if (after && person.track >= 0) {
                        for (const EyePerson& q : after->eyes[std::size_t(e)]) {
                            later = q.track == person.track ? &q : later;
                        }
                    }
                    if (later) {
                        Pose& p = person.pose;
                        for (int k = 0; k < KeypointCount; ++k) {
                            p.keypoints[std::size_t(k)]
                                = mix(p.keypoints[std::size_t(k)], later->pose.keypoints[std::size_t(k)], t);
                        }
                        p.left += t * (later->pose.left - p.left);
                        p.top += t * (later->pose.top - p.top);
                        p.right += t * (later->pose.right - p.right);
                        p.bottom += t * (later->pose.bottom - p.bottom);
                        p.score += t * (later->pose.score - p.score);
                    }
                    frame.eyes[std::size_t(e)].push_back(person);
                }
            }
        }
        full.frames.push_back(std::move(frame));
    }
    return full;
}

} // namespace

std::string peopleSourceKey(
    const MediaInfo& source, const Layout& layout, int detectionSize, const std::string& fingerprint)
{
    return fingerprint + "|" + std::to_string(source.frameCount) + "|" + layoutTag(layout) + "|"
        + std::to_string(detectionSize);
}

PeopleTimeline findPeople(const MediaInfo& source, const Layout& layout, const MoveNet& model,
    int detectionSize, const std::atomic<bool>* cancel,
    const std::function<void(std::int64_t, std::int64_t)>& onProgress,
    const std::vector<std::pair<std::int64_t, std::int64_t>>& ranges)
{
    torch::NoGradGuard noGrad;
    FrameReader reader(source.path, source.videoStreamIndex);
    MediaInfo seen = source;
    seen.layout = layout;
    LayoutConversion convertLayout(layout.projection != source.layout.projection);
    std::unique_ptr<EyeFrames> eyes;
    PeopleTimeline detected; // the frames the model looked at
    PeopleTimeline& timeline = detected;
    timeline.detectionSize = detectionSize;
    std::vector<std::int64_t> allPts;
    std::int64_t lastTick = std::numeric_limits<std::int64_t>::min();
    std::size_t lastSpan = 0;
    std::int64_t done = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> spans = ranges;
    if (spans.empty()) {
        spans.emplace_back(
            std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
    }
    std::sort(spans.begin(), spans.end());
    std::size_t span = 0;
    std::int64_t lastPts = std::numeric_limits<std::int64_t>::min();
    std::int64_t total = 0;
    for (const auto& [from, to] : spans) {
        total += ranges.empty() ? source.frameCount
                                : std::int64_t(double(to - from) * source.ptsToSeconds(1)
                                    * double(source.frameRate.num) / std::max(1, source.frameRate.den));
    }
    if (!ranges.empty()) {
        reader.seek(spans[0].first);
    }
    for (;;) {
        if (cancel && cancel->load()) {
            throw Error(ErrorKind::Cancelled, "finding the people in " + source.path + " was interrupted");
        }
        DecodedFrame decoded = reader.next();
        if (!decoded.frame) {
            break;
        }
        while (span < spans.size() && decoded.pts >= spans[span].second) {
            ++span;
            if (span < spans.size() && !ranges.empty() && spans[span].first > decoded.pts) {
                reader.seek(spans[span].first);
            }
        }
        if (span == spans.size()) {
            break;
        }
        if (decoded.pts < spans[span].first || decoded.pts <= lastPts) {
            continue; // before the span after a seek, or a frame already looked at (overlapping spans)
        }
        lastPts = decoded.pts;
        // The model runs kDetectionsPerSecond times a second (the first frame of each tick, and
        // the first of each span); the frames between get the people of the detections around
        // them, interpolated per track.
        const auto tick = std::int64_t(std::floor(source.ptsToSeconds(decoded.pts) * kDetectionsPerSecond));
        const bool detect = tick != lastTick || detected.frames.empty() || lastSpan != span;
        lastTick = tick;
        lastSpan = span;
        allPts.push_back(decoded.pts);
        if (!detect) {
            ++done;
            continue;
        }
        decoded.frame = convertLayout(std::move(decoded.frame));
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(seen, decoded.frame->format);
            timeline.eyeCount = eyes->eyeCount();
            timeline.eyeWidth = eyes->eyeWidth();
            timeline.eyeHeight = eyes->eyeHeight();
        }
        // Square eyes (fisheye, equirect 180) come straight from the decoded planes at the
        // model's size (area-averaged by swscale); other eyes at full size, letterboxed by detect.
        const bool square = timeline.eyeWidth == timeline.eyeHeight;
        const torch::Tensor tiles
            = square ? eyes->toTiles(decoded.frame.get(), detectionSize) : torch::Tensor();
        const torch::Tensor full = square ? torch::Tensor() : eyes->toBatch(decoded.frame.get()).rgb;
        FramePeople frame;
        frame.pts = decoded.pts;
        for (int e = 0; e < timeline.eyeCount; ++e) {
            const torch::Tensor eye = square ? tiles[e] : full[e];
            // The eye at about twice the model's size at most, for the appearance histograms.
            const double shrink = double(2 * detectionSize) / double(std::max(eye.size(0), eye.size(1)));
            const torch::Tensor small = shrink < 1.0
                ? torch::adaptive_avg_pool2d(eye.permute({ 2, 0, 1 }).to(torch::kFloat).unsqueeze(0),
                    { std::max<std::int64_t>(1, std::int64_t(double(eye.size(0)) * shrink)),
                        std::max<std::int64_t>(1, std::int64_t(double(eye.size(1)) * shrink)) })
                      .squeeze(0)
                      .permute({ 1, 2, 0 })
                      .round()
                      .to(torch::kUInt8)
                : eye.contiguous();
            const torch::Tensor smallOnCpu = small.to(torch::kCPU); // once per eye, not per person
            // Coordinates come back in the pixels of the image detected on.
            const auto w = float(eye.size(1));
            const auto h = float(eye.size(0));
            for (Pose pose : model.detect(eye, detectionSize)) {
                if (pose.score < kStoredPersonScore) {
                    continue;
                }
                for (PosePoint& k : pose.keypoints) {
                    k.x /= w;
                    k.y /= h;
                }
                pose.left /= w;
                pose.right /= w;
                pose.top /= h;
                pose.bottom /= h;
                EyePerson person;
                person.pose = pose;
                person.appearance = appearanceOf(pose, smallOnCpu);
                frame.eyes[std::size_t(e)].push_back(person);
            }
            for (const Pose& pose : detectFromBelow(model, eye, detectionSize)) {
                EyePerson person;
                person.pose = pose;
                person.appearance = appearanceOf(pose, smallOnCpu);
                frame.fromBelow[std::size_t(e)].push_back(person);
            }
        }
        detected.frames.push_back(std::move(frame));
        ++done;
        if (onProgress) {
            onProgress(done, total);
        }
    }
    trackPeople(detected, kDetectionsPerSecond, source.ptsToSeconds(1));
    return fillBetweenDetections(detected, allPts);
}

} // namespace passthrough::person
