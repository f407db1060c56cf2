#include "packing/pictureconverter.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

namespace passthrough {
struct PictureConverter::Scaler {
    ff::SwsContextPtr sws;
};

PictureConverter::PictureConverter(int width, int height, int format, bool fullRange)
    : m_width(width)
    , m_height(height)
    , m_format(format)
    , m_fullRange(fullRange)
    , m_sws(std::make_unique<Scaler>())
{
}

PictureConverter::~PictureConverter() = default;

FramePtr PictureConverter::convert(const AVFrame* source)
{
    const auto format = static_cast<AVPixelFormat>(m_format);
    ff::FramePtr frame = ff::makeVideoFrame(m_width, m_height, format);
    const bool sourceFull = source->color_range == AVCOL_RANGE_JPEG;
    if (source->format == m_format && source->width == m_width && source->height == m_height
        && sourceFull == m_fullRange) {
        av_frame_copy(frame.get(), source);
        return frame;
    }
    if (!m_sws->sws) {
        m_sws->sws.reset(sws_getContext(source->width, source->height,
            static_cast<AVPixelFormat>(source->format), m_width, m_height, format,
            SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr));
        if (!m_sws->sws) {
            throw Error(ErrorKind::Encode, "cannot convert the source's pixel format for packing");
        }
        // YUV -> RGB needs the source's matrix (swscale assumes BT.601); YUV -> YUV keeps the
        // code values unless the ranges differ.
        const int matrix = source->colorspace == AVCOL_SPC_UNSPECIFIED
            ? (source->height >= 720 ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M)
            : source->colorspace;
        const int srcFull = sourceFull ? 1 : 0;
        const int dstFull = ff::isRgbOrGray(format) || m_fullRange ? 1 : 0;
        sws_setColorspaceDetails(m_sws->sws.get(), sws_getCoefficients(matrix), srcFull,
            sws_getCoefficients(matrix), dstFull, 0, 1 << 16, 1 << 16);
    }
    sws_scale(
        m_sws->sws.get(), source->data, source->linesize, 0, source->height, frame->data, frame->linesize);
    return frame;
}

} // namespace passthrough
