#pragma once

#include "matting/tensor.h"
#include "person/peopletimeline.h"
#include "person/persondecisions.h"

#include <array>
#include <vector>

namespace passthrough::person {

// Splits the matte among a frame's people and takes out the removed ones: each matte pixel
// belongs to the person whose skeleton is nearest, among those whose enlarged box holds it (so a
// removed person's hair and edges go with them and a neighbour's stay); pixels no person explains
// keep their alpha, unless `outsideRemoved` says so for their eye. Returns the N x 1 x h x w
// factor (0 where a removed person is, 1 elsewhere, soft over a few pixels) to multiply an N-eye
// matte of h x w with, on `device`; undefined when the frame's matte stays as it is.
torch::Tensor personMatteFactor(const FramePeople& frame, const std::array<std::vector<bool>, 2>& removed,
    const std::array<bool, 2>& outsideRemoved, int eyeCount, int height, int width, int eyeWidth,
    int eyeHeight, torch::Device device);

// The decisions applied to an N-eye matte (N x 1 x h x w) of the frame with this pts: a pure
// function of the pts and the decisions, so it holds no state that a segment's start could change.
// Returns `alpha` itself when nobody in the frame is removed.
torch::Tensor removePeople(
    const PeopleDecisions& people, std::int64_t pts, const torch::Tensor& alpha, int eyeWidth, int eyeHeight);

} // namespace passthrough::person
