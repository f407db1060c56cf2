#pragma once

#include "matting/tensor.h"

#include <filesystem>

namespace passthrough {

// Writes an H x W x 3 uint8 RGB tensor as a PNG (libavcodec's encoder), atomically.
void writePng(const std::filesystem::path& path, const torch::Tensor& rgb);

} // namespace passthrough
