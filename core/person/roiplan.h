#pragma once

#include "person/persondecisions.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace passthrough::person {

// Where the people who are small to the model get matted again, at a size where they are not
// (--roi auto): squares of the eyes that follow the person pass's people, planned once from the
// whole timeline, so that a segment, a sample and a farm worker crop the same frames alike.

// A square of one eye, in the eye's pixels.
struct RoiSquare {
    int x = 0;
    int y = 0;
    int side = 0;
    bool operator==(const RoiSquare&) const = default;
};

// One crop: the same people in both eyes, in squares of one size, held still from its first
// frame to its last, so that its own recurrent state sees one steady picture. It is matted from
// warmPts on (its warm-up, as a segment has one) and replaces the whole eye's matte from firstPts
// until endPts (exclusive).
struct RoiCrop {
    std::int64_t warmPts = 0;
    std::int64_t firstPts = 0;
    std::int64_t endPts = 0;
    std::array<RoiSquare, 2> eyes; // eyes[1] unused for a mono source
    int modelSide = 0; // the side the model sees it at (at most the square's)
    bool operator==(const RoiCrop&) const = default;
};

// The rules, exposed for tests and the README.
// Someone is small when the model would see them under this many pixels tall (or wide) at the
// job's ratio: at auto, under 192 px in a 1024 px eye, under 768 px in a 4096 px one.
inline constexpr double kRoiSmallModelPixels = 128.0;
// A crop's side is this many times the person's larger extent, at least kRoiMinSide eye pixels,
// and the model sees it at most at kRoiModelSide (a 128 px person at full resolution).
inline constexpr double kRoiMargin = 1.6;
inline constexpr int kRoiMinSide = 160;
inline constexpr int kRoiModelSide = 256;
// A crop is held while someone is in it, nobody whose middle is in it comes nearer than this
// share of its side to one of its edges, and nobody in it has grown past the crop's own rule by
// more than a quarter.
inline constexpr double kRoiInnerMargin = 0.08;
// Seconds a crop is matted before its matte is used (its state settles, as a segment's does), and
// seconds a crop is held with nobody seen in it (the person model misses a small person now and
// then).
inline constexpr double kRoiWarmupSeconds = 0.5;
inline constexpr double kRoiHoldSeconds = 0.5;
// A new crop is placed where its person will be over the next second, as far as one square holds.
inline constexpr double kRoiLookAheadSeconds = 1.0;
// People share a crop when one square at most this much larger than the largest of theirs holds
// them all.
inline constexpr double kRoiShareGrowth = 1.35;
// The pixels the model sees in crops per frame and eye, at most (warm-ups included): two crops at
// kRoiModelSide, half what the whole eye costs at auto (512 x 512). Crops past it wait.
inline constexpr std::int64_t kRoiModelPixelBudget = 2 * std::int64_t(kRoiModelSide) * kRoiModelSide;

class RoiPlan {
public:
    // `baseRatio`: the ratio the whole eye is matted at (the job's, or auto's for the timeline's eye
    // size); `secondsPerPts`: the source's time base. Everyone the person pass stored counts, even
    // under the score the decisions ask for (a crop around a wrong guess costs time, never
    // quality: the crop's matte is the same model's, sharper); people the decisions remove do not.
    // A person seen in one eye only is cropped in both (the other eye's square shifted by the
    // frame's disparity).
    RoiPlan(const PeopleDecisions& people, double baseRatio, double secondsPerPts);

    [[nodiscard]] const std::vector<RoiCrop>& crops() const { return m_crops; }
    [[nodiscard]] int eyeCount() const { return m_eyeCount; }
    // The crops matted at this pts (warming up or in use), by index into crops(), in order.
    [[nodiscard]] std::vector<std::size_t> matted(std::int64_t pts) const;
    // Model pixels per eye of the busiest frame (warm-ups included): at most kRoiModelPixelBudget.
    [[nodiscard]] std::int64_t peakModelPixels() const { return m_peakModelPixels; }
    // Crop frames (a crop in one frame, warm-ups included) over the whole timeline, for the estimate.
    [[nodiscard]] std::int64_t cropFrames() const { return m_cropFrames; }
    // Model pixels per eye over the whole timeline (warm-ups included).
    [[nodiscard]] std::int64_t modelPixels() const { return m_modelPixels; }

private:
    int m_eyeCount = 1;
    std::vector<RoiCrop> m_crops; // by warmPts
    std::int64_t m_longest = 0; // the longest crop's endPts - warmPts
    std::int64_t m_peakModelPixels = 0;
    std::int64_t m_cropFrames = 0;
    std::int64_t m_modelPixels = 0;
};

// What --roi auto will do over a whole timeline, in words for the job log: the crops, the frames
// with one, the busiest frame's model pixels against the budget. `ratio` 0 is auto.
std::string describeRoi(const PeopleDecisions& people, double ratio, double secondsPerPts);

// The side of the square for a person (or people) of this extent in eye pixels, and the side
// the model sees it at.
int roiSide(double extent, int eyeWidth, int eyeHeight);
int roiModelSide(int side);

} // namespace passthrough::person
