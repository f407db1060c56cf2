#pragma once

#include "matting/rvm/statedict.h"

#include <algorithm>
#include <cmath>
#include <numbers>

// How far the RVM network's outputs (alpha and foreground, in [0, 1]) may lie from float32's when
// it runs in a reduced-precision format, derived from the format and the network's depth, not from
// one machine's measurement: the same bound holds wherever the arithmetic is the format's.
//
// A format with p significand bits rounds to nearest with a relative error of at most u = 2^-p
// (bfloat16 p = 8, u = 1/256; half p = 11, u = 1/2048). The convolutions accumulate in float32
// (oneDNN on the CPU, cuDNN on the GPU), so each layer adds two roundings along the path: its
// input's and its output's; n = 2 x the convolutions in the network, counted from its weights
// (the longest path holds fewer, so n over-counts).
// - max: the first-order worst case, every rounding in the same direction and passed on unchanged:
//   n u of the value, at most 1 (the outputs are clamped to [0, 1]). For bfloat16 and RVM's 79
//   convolutions (83 with the deep guided filter) that is 0.62 (157/255): a pixel on a steep hair
//   edge moves with a small error in the features (57/255 seen on a CPU that emulates bfloat16).
// - mean: the roundings as independent errors, uniform in [-u, u] (variance u^2 / 3), adding up
//   as a random walk: sigma = u sqrt(n / 3), and the mean of |N(0, sigma)| is sigma sqrt(2 / pi),
//   on values of at most 1. bfloat16 with 79 convolutions: 0.0226 (5.8/255); half: 2.8e-3. A
//   mixed-up layout is far outside it: the golden picture read as channels-last gives an alpha
//   0.46 (117/255) off on average (tst_rvm reducedPrecisionBoundsCatchAMixedUpLayout).
struct PrecisionBounds {
    double max;
    double mean;
};

inline PrecisionBounds reducedPrecisionBounds(int significandBits, int convolutions)
{
    const double u = std::ldexp(1.0, -significandBits);
    const double n = 2.0 * convolutions;
    const double sigma = u * std::sqrt(n / 3.0);
    return { std::min(1.0, n * u), sigma * std::sqrt(2.0 / std::numbers::pi) };
}

// The convolutions in a state dict: its four-dimensional weights.
inline int countConvolutions(const passthrough::rvm::StateDict& weights)
{
    int convolutions = 0;
    for (const auto& [key, tensor] : weights) {
        if (tensor.dim() == 4 && key.ends_with(".weight")) {
            ++convolutions;
        }
    }
    return convolutions;
}
