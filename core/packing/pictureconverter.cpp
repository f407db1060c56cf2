#include "packing/pictureconverter.h"

#include "util/error.h"

namespace passthrough {
PictureConverter::PictureConverter(int width, int height, AVPixelFormat format)
    : m_width(width)
    , m_height(height)
    , m_format(format)
{
}

ff::FramePtr PictureConverter::convert(const AVFrame* source)
{
    ff::FramePtr frame = ff::makeVideoFrame(m_width, m_height, m_format);
    if (source->format == m_format && source->width == m_width && source->height == m_height) {
        av_frame_copy(frame.get(), source);
        return frame;
    }
    if (!m_sws) {
        m_sws.reset(sws_getContext(source->width, source->height, static_cast<AVPixelFormat>(source->format),
            m_width, m_height, m_format, SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr,
            nullptr, nullptr));
        if (!m_sws) {
            throw Error(ErrorKind::Encode, "cannot convert the source's pixel format for packing");
        }
        // YUV -> RGB needs the source's matrix (swscale assumes BT.601); YUV -> YUV keeps the
        // code values and limited range as they are.
        const int matrix = source->colorspace == AVCOL_SPC_UNSPECIFIED
            ? (source->height >= 720 ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M)
            : source->colorspace;
        const int srcFull = source->color_range == AVCOL_RANGE_JPEG ? 1 : 0;
        const int dstFull = ff::isRgbOrGray(m_format) ? 1 : srcFull;
        sws_setColorspaceDetails(m_sws.get(), sws_getCoefficients(matrix), srcFull,
            sws_getCoefficients(matrix), dstFull, 0, 1 << 16, 1 << 16);
    }
    sws_scale(m_sws.get(), source->data, source->linesize, 0, source->height, frame->data, frame->linesize);
    return frame;
}

} // namespace passthrough
