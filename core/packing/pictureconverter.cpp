#include "packing/pictureconverter.h"

#include "util/error.h"

namespace passthrough {

PictureConverter::PictureConverter(int width, int height, int bitDepth)
    : m_width(width)
    , m_height(height)
    , m_format(bitDepth > 8 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P)
{
}

ff::FramePtr PictureConverter::convert(const AVFrame* source)
{
    ff::FramePtr frame = ff::makeFrame();
    frame->width = m_width;
    frame->height = m_height;
    frame->format = m_format;
    if (av_frame_get_buffer(frame.get(), 0) < 0) {
        throw Error(ErrorKind::Encode,
            "out of memory for a " + std::to_string(m_width) + "x" + std::to_string(m_height) + " frame");
    }
    if (source->format == m_format && source->width == m_width && source->height == m_height) {
        av_frame_copy(frame.get(), source);
        return frame;
    }
    if (!m_sws) {
        m_sws.reset(sws_getContext(source->width, source->height, static_cast<AVPixelFormat>(source->format),
            m_width, m_height, m_format, SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr));
        if (!m_sws) {
            throw Error(ErrorKind::Encode, "cannot convert the source's pixel format for packing");
        }
    }
    sws_scale(m_sws.get(), source->data, source->linesize, 0, source->height, frame->data, frame->linesize);
    return frame;
}

} // namespace passthrough
