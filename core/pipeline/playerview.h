#pragma once

#include "matting/tensor.h"
#include "packing/packing.h"

struct AVFrame;

namespace passthrough {

// H x W x 3 uint8 RGB over a checkerboard, through H x W float alpha in [0, 1].
torch::Tensor overCheckerboard(const torch::Tensor& rgb, const torch::Tensor& alpha);

// A packed frame as a player shows it, H x W x 3 uint8 RGB: for fisheye alpha the picture with
// the matte read back from the six blocks (the unpacker), over a checkerboard; green screen as
// encoded; alpha exports over the checkerboard through their own alpha; matte only as the matte.
// `matrix` and `fullRange` are the packed frame's YUV colours.
torch::Tensor playerViewOfPacked(const AVFrame* packed, PackingKind packing, int matrix, bool fullRange);

} // namespace passthrough
