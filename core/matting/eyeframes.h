#pragma once

#include "media/layout.h"
#include "media/mediainfo.h"

#include <torch/types.h>

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

    // Decoded frame -> N x 3 x h x w float32 RGB in [0, 1].
    torch::Tensor toEyes(const AVFrame* frame);
    // Decoded frame -> H x W x 3 uint8 RGB (preview).
    torch::Tensor toRgb(const AVFrame* frame);
    // N x 1 x h x w alpha -> H x W alpha in the source's layout; fisheye eyes get 0 outside
    // their image circle.
    torch::Tensor toFrameMatte(const torch::Tensor& eyeAlpha) const;

private:
    Layout m_layout;
    int m_width;
    int m_height;
    int m_eyeWidth;
    int m_eyeHeight;
    struct Converter;
    std::unique_ptr<Converter> m_toRgb;
    torch::Tensor m_circleMask; // h x w, only for fisheye
};

} // namespace passthrough
