#pragma once

#include "matting/tensor.h"
#include "person/peopletimeline.h"
#include "person/persondecisions.h"

#include <array>
#include <vector>

namespace passthrough::person {

// Where the wearer's body lies in the matte (--pov auto), on the split's grid: the region of
// alpha above half that no person who stays explains, reached from the bottom rows of the eye
// (its bottom kPovSeedRows), at least kPovRegionShare of the eye.
inline constexpr double kPovSeedRows = 0.08;
inline constexpr double kPovRegionShare = 0.02;
// What --pov auto needs of a frame beside its people: its N-eye matte and, per eye, who stands
// upright nearby (PeopleDecisions::standingNear).
struct PovMatte {
    torch::Tensor alpha;
    std::array<std::vector<Pose>, 2> standingNear;
};
struct PovRegion {
    bool found = false;
    float left = 0, top = 0, right = 0, bottom = 0; // its box, normalised to the eye
};

// Splits the matte among a frame's people and takes out the removed ones: each matte pixel
// belongs to the person whose skeleton is nearest, among those whose enlarged box holds it (so a
// removed person's hair and edges go with them and a neighbour's stay); pixels no person explains
// keep their alpha, unless `outsideRemoved` says so for their eye. Returns the N x 1 x h x w
// factor (0 where a removed person is, 1 elsewhere, soft over a few pixels) to multiply an N-eye
// matte of h x w with, on `device`; undefined when the frame's matte stays as it is.
// `pov` (that N-eye matte and who stands nearby), when given: the wearer's body as the matte shows
// it goes too (PovRegion), and `povRegions` says where it was found.
torch::Tensor personMatteFactor(const FramePeople& frame, const std::array<std::vector<bool>, 2>& removed,
    const std::array<bool, 2>& outsideRemoved, int eyeCount, int height, int width, int eyeWidth,
    int eyeHeight, torch::Device device, const PovMatte* pov = nullptr,
    std::array<PovRegion, 2>* povRegions = nullptr);

// The decisions applied to an N-eye matte (N x 1 x h x w) of the frame with this pts: a pure
// function of the pts and the decisions, so it holds no state that a segment's start could change.
// Returns `alpha` itself when nobody in the frame is removed.
// With --pov auto the wearer's body as the matte shows it goes as well, a function of this
// frame's matte and the decisions (`povRegions`: where it was, for the preview's overlay).
torch::Tensor removePeople(const PeopleDecisions& people, std::int64_t pts, const torch::Tensor& alpha,
    int eyeWidth, int eyeHeight, std::array<PovRegion, 2>* povRegions = nullptr);

} // namespace passthrough::person
