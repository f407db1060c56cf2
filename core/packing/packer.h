#pragma once

#include "media/ffmpegptr.h"
#include "packing/packing.h"

#include <torch/types.h>

#include <array>
#include <memory>
#include <string>

namespace passthrough {

// Turns a source frame and its matte into the frame that gets encoded. Runs in-process on every
// frame before encoding, so the matte and the picture can never drift out of sync.
class Packer {
public:
    virtual ~Packer() = default;
    [[nodiscard]] virtual int outputWidth() const = 0;
    [[nodiscard]] virtual int outputHeight() const = 0;
    // `matte` is H x W float32 in [0, 1] in the source's layout. The returned frame has the
    // encoder's pixel format (PackerConfig::format()).
    virtual ff::FramePtr pack(const AVFrame* source, const torch::Tensor& matte) = 0;
};

struct PackerConfig {
    int sourceWidth = 0;
    int sourceHeight = 0;
    int bitDepth = 8; // of the output: 8 or 10
    int matrix = 2; // the source's colour matrix (AVColorSpace), for the red variant
    std::string keyColor = "#00B140"; // green screen
    int pixelFormat = -1; // AVPixelFormat the encoder takes; -1 = 4:2:0 of bitDepth

    [[nodiscard]] AVPixelFormat format() const
    {
        return pixelFormat >= 0 ? static_cast<AVPixelFormat>(pixelFormat)
            : bitDepth > 8      ? AV_PIX_FMT_YUV420P10LE
                                : AV_PIX_FMT_YUV420P;
    }
};

// "#RRGGBB" -> {r, g, b}; throws Error(Usage) for anything else.
std::array<int, 3> parseKeyColor(const std::string& text);

std::unique_ptr<Packer> makePacker(PackingKind kind, const PackerConfig& config);

// The size of the frames a packing encodes for a source of this size (what makePacker's packer
// reports), known before any packer exists.
struct FrameSize {
    int width;
    int height;
};
FrameSize packedFrameSize(PackingKind kind, int sourceWidth, int sourceHeight);

} // namespace passthrough
