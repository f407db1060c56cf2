#pragma once

#include "matting/tensor.h"

#include <cstdint>

namespace passthrough {

// Bilinear resampling by PyTorch's rule (align_corners = false: source = scale * (dst + 0.5) - 0.5,
// clamped at 0), computed by gathering only the rows and columns each output pixel reads. So it
//  - takes uint8 input and converts to float only what it reads (x / 255), never the whole image;
//  - computes any band of output rows on its own, equal to the same rows of the whole result,
//    which bounds the memory of a full-size refine by the band instead of the picture.
// Matches torch::upsample_bilinear2d to float rounding (tests/tst_rvm.cpp checks it).
struct BilinearAxis {
    std::int64_t inSize = 0;
    std::int64_t outSize = 0;
    // Input pixels per output pixel; 0 = inSize / outSize (interpolate to a size), else the
    // reciprocal of the scale factor the caller gave (interpolate by a factor).
    double scale = 0.0;
};

// Resamples `image` (N x C x H x W, float, or uint8 read as value / 255) to output rows
// [firstRow, firstRow + rowCount) of an `rows.outSize` x `columns.outSize` picture. The result is
// N x C x rowCount x columns.outSize float32 on the image's device.
torch::Tensor resampleBilinear(const torch::Tensor& image, const BilinearAxis& rows,
    const BilinearAxis& columns, std::int64_t firstRow, std::int64_t rowCount);

// The two passes on their own, for callers that take many bands of one enlargement: the columns
// of the whole (small) image once, then any band of rows from that.
torch::Tensor resampleColumns(const torch::Tensor& image, const BilinearAxis& columns);
torch::Tensor resampleRows(
    const torch::Tensor& blended, const BilinearAxis& rows, std::int64_t firstRow, std::int64_t rowCount);

// The whole picture.
torch::Tensor resampleBilinear(
    const torch::Tensor& image, const BilinearAxis& rows, const BilinearAxis& columns);

} // namespace passthrough
