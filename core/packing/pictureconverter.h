#pragma once

#include "media/ffmpegptr.h"

namespace passthrough {

// Brings decoded source pictures to the encoder's format and size: a plain copy (bit-exact)
// when they already match, else one swscale pass with the source's own colour matrix. One
// instance per stream of frames.
class PictureConverter {
public:
    PictureConverter(int width, int height, AVPixelFormat format);
    ff::FramePtr convert(const AVFrame* source);

private:
    int m_width;
    int m_height;
    AVPixelFormat m_format;
    ff::SwsContextPtr m_sws;
};

} // namespace passthrough
