#pragma once

#include "matting/tensor.h"
#include "media/encodersettings.h"
#include "media/frame.h"
#include "media/mediainfo.h"
#include "packing/packing.h"

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
    virtual FramePtr pack(const AVFrame* source, const torch::Tensor& matte) = 0;
    // Packs from each eye's matte at the size the packing stores (matteTileSize: N x D x D,
    // left eye first), for packings that store a smaller matte than the eye. The others throw.
    virtual FramePtr packTiles(const AVFrame* source, const torch::Tensor& tiles);
    // As pack(), with RVM's foreground (H x W x 3 uint8 RGB in the source's layout) for the
    // packings that use it (green screen: the colours where 0 < alpha < 1); the others ignore it.
    virtual FramePtr packWithForeground(
        const AVFrame* source, const torch::Tensor& matte, const torch::Tensor& foreground);
};

// The matte size per eye a packing stores when it is smaller than the eye (fisheye alpha: D x D
// tiles), or 0 when the packing takes a full-size matte in the source's layout. The matting
// stage refines straight to this size.
int matteTileSize(PackingKind kind, int sourceWidth, int sourceHeight);

// Whether a packing uses RVM's foreground (Packer::packWithForeground), so that the matting
// stage computes it for that packing only.
bool usesForeground(PackingKind kind);

struct PackerConfig {
    int sourceWidth = 0;
    int sourceHeight = 0;
    int bitDepth = 8; // of the output: 8 or 10
    int matrix = 2; // the source's colour matrix (AVColorSpace), for the red variant
    std::string keyColor = "#00B140"; // green screen
    int pixelFormat = -1; // AVPixelFormat the encoder takes; -1 = 4:2:0 of bitDepth
    // The source's YUV is full range (JPEG levels). Packings that carry the source picture keep
    // it so, and write the matte and key colours in full range too; the matte packing always
    // writes limited range.
    bool fullRange = false;

    // The AVPixelFormat value the packer produces.
    [[nodiscard]] int format() const;
    // Whether the encoded YUV of `kind` is full range (what the chunk must be tagged with).
    [[nodiscard]] bool keepsSourceRange(PackingKind kind) const;
};

std::unique_ptr<Packer> makePacker(PackingKind kind, const PackerConfig& config);

// The packer configuration of a job's chunks: the source's size, colours and range, the
// encoder's bit depth and pixel format.
PackerConfig packerConfigFor(
    PackingKind kind, const MediaInfo& source, const EncoderSettings& encoder, const std::string& keyColor);

// The size of the frames a packing encodes for a source of this size (what makePacker's packer
// reports), known before any packer exists.
struct FrameSize {
    int width;
    int height;
};
FrameSize packedFrameSize(PackingKind kind, int sourceWidth, int sourceHeight);

} // namespace passthrough
