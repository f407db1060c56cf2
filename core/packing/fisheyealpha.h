#pragma once

#include "matting/tensor.h"

namespace passthrough {

enum class AlphaChannel { Gray, Red };

// Luma/chroma coefficients of a colour matrix (libavutil's AVColorSpace value): Kr and Kb.
struct LumaCoefficients {
    double kr;
    double kb;
};
LumaCoefficients lumaCoefficients(int matrix);

// 8-bit code values of Y'CbCr: limited range (16 + 219 Y', 128 + 224 C) or full range (JPEG
// levels: 255 Y', 128 + 255 C). Higher bit depths scale them by 2^(depth - 8).
struct YuvLevels {
    double black;
    double lumaSpan;
    double chromaSpan;
};
YuvLevels yuvLevels(bool fullRange);

// Recovers both eyes' D x D mattes (0 outside each disc) from a decoded fisheye-alpha frame: `luma` H x W
// and, for the red variant, `cr` (H/2 x W/2), both in code values of `bitDepth` bits, in limited range
// unless `fullRange`. Used by the preview and the tests; players do the same on the GPU.
torch::Tensor unpackFisheyeAlpha(const torch::Tensor& luma, const torch::Tensor& cr, int bitDepth,
    AlphaChannel channel, int matrix, bool fullRange = false);

} // namespace passthrough
