#pragma once

#include "media/frame.h"

#include <memory>

namespace passthrough {

// Brings decoded source pictures to the encoder's format, size and range: a plain copy
// (bit-exact) when they already match, else one swscale pass with the source's own colour
// matrix. One instance per stream of frames.
class PictureConverter {
public:
    // `format` is an AVPixelFormat value; `fullRange` says which range YUV output is in (a source
    // in the other range is converted; RGB is full range by nature).
    PictureConverter(int width, int height, int format, bool fullRange = false);
    ~PictureConverter();
    PictureConverter(const PictureConverter&) = delete;
    PictureConverter& operator=(const PictureConverter&) = delete;
    FramePtr convert(const AVFrame* source);

private:
    int m_width;
    int m_height;
    int m_format;
    bool m_fullRange;
    struct Scaler;
    std::unique_ptr<Scaler> m_sws;
};

} // namespace passthrough
