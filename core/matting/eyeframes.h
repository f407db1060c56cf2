#pragma once

#include "matting/mattingbackend.h"
#include "matting/tensor.h"
#include "media/layout.h"
#include "media/mediainfo.h"

#include <memory>

struct AVFrame;

namespace passthrough {

// Where each eye sits in the frame, and the conversions between decoded frames and the model's
// batch of eyes. Eye 0 is always the left eye. Pixel formats are converted once, here.
class EyeFrames {
public:
    // `decodedFormat` is the frames' AVPixelFormat.
    EyeFrames(const MediaInfo& source, int decodedFormat);
    ~EyeFrames();
    EyeFrames(const EyeFrames&) = delete;
    EyeFrames& operator=(const EyeFrames&) = delete;

    [[nodiscard]] int eyeCount() const { return m_layout.eyeCount(); }
    [[nodiscard]] int eyeWidth() const { return m_eyeWidth; }
    [[nodiscard]] int eyeHeight() const { return m_eyeHeight; }

    // Decoded frame -> the eyes as uint8 RGB for a backend. With `tileSize` > 0 each eye also
    // comes area-resized to tileSize x tileSize (straight from the decoded planes), the size
    // the fisheye alpha packing stores, so the matte is refined to that size and no larger.
    EyeBatch toBatch(const AVFrame* frame, int tileSize = 0);
    // Decoded frame -> N x tileSize x tileSize x 3 uint8: each eye area-resized straight from the
    // decoded planes, without the full-size RGB picture (the person pass's input).
    torch::Tensor toTiles(const AVFrame* frame, int tileSize);
    // Decoded frame -> H x W x 3 uint8 RGB (preview).
    torch::Tensor toRgb(const AVFrame* frame);
    // N x 1 x h x w alpha -> H x W alpha in the source's layout; fisheye eyes get 0 outside
    // their image circle.
    torch::Tensor toFrameMatte(const torch::Tensor& eyeAlpha);
    // N x 3 x h x w uint8 foreground -> H x W x 3 uint8 RGB in the source's layout.
    torch::Tensor toFrameForeground(const torch::Tensor& eyeForeground) const;

private:
    Layout m_layout;
    int m_width;
    int m_height;
    int m_eyeWidth;
    int m_eyeHeight;
    struct Converter;
    std::unique_ptr<Converter> m_toRgb;
    std::unique_ptr<Converter> m_toTile;
    int m_tileSize = 0;
    int m_matrix = 0; // the source's colour matrix and range, for every conversion to RGB
    int m_fullRange = 0;
    torch::Tensor m_circleMask; // h x w, only for fisheye, made when first needed
};

} // namespace passthrough
