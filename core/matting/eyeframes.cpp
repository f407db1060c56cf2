#include "matting/eyeframes.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

#include <torch/types.h>

namespace passthrough {
namespace {

bool sideBySide(StereoMode mode)
{
    return mode == StereoMode::LeftRight || mode == StereoMode::RightLeft;
}
bool leftEyeSecond(StereoMode mode)
{
    return mode == StereoMode::RightLeft || mode == StereoMode::BottomTop;
}

// Soft-edged disc inscribed in the eye: 1 inside, 0 outside, one pixel of ramp.
torch::Tensor circleMask(int width, int height)
{
    const double radius = std::min(width, height) / 2.0;
    auto ys = torch::arange(height, torch::kFloat32).add_(0.5 - height / 2.0).view({ height, 1 });
    auto xs = torch::arange(width, torch::kFloat32).add_(0.5 - width / 2.0).view({ 1, width });
    auto distance = (ys * ys + xs * xs).sqrt_();
    return (radius + 0.5 - distance).clamp_(0.0, 1.0);
}

} // namespace

struct EyeFrames::Converter {
    ff::SwsContextPtr sws;
};

EyeFrames::~EyeFrames() = default;

EyeFrames::EyeFrames(const MediaInfo& source, int decodedFormat)
    : m_layout(source.layout)
    , m_width(source.width)
    , m_height(source.height)
    , m_toRgb(std::make_unique<Converter>())
{
    m_eyeWidth = sideBySide(m_layout.stereo) ? m_width / 2 : m_width;
    m_eyeHeight = (m_layout.stereo == StereoMode::TopBottom || m_layout.stereo == StereoMode::BottomTop)
        ? m_height / 2
        : m_height;
    m_toRgb->sws.reset(sws_getContext(m_width, m_height, static_cast<AVPixelFormat>(decodedFormat), m_width,
        m_height, AV_PIX_FMT_RGB24, SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr,
        nullptr));
    if (!m_toRgb->sws) {
        throw Error(ErrorKind::Decode, "cannot convert the pixel format of " + source.path + " to RGB");
    }
    // Use the source's own matrix and range, so that BT.601 and BT.709 material both come out right.
    const int matrix = source.color.matrix == AVCOL_SPC_UNSPECIFIED
        ? (m_height >= 720 ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M)
        : source.color.matrix;
    const int srcFullRange = source.color.range == AVCOL_RANGE_JPEG ? 1 : 0;
    m_matrix = matrix;
    m_fullRange = srcFullRange;
    sws_setColorspaceDetails(m_toRgb->sws.get(), sws_getCoefficients(matrix), srcFullRange,
        sws_getCoefficients(AVCOL_SPC_BT709), 1, 0, 1 << 16, 1 << 16);
}

torch::Tensor EyeFrames::toRgb(const AVFrame* frame)
{
    if (frame->width != m_width || frame->height != m_height) {
        throw Error(ErrorKind::Decode,
            "the frame size changed mid-stream (" + std::to_string(frame->width) + "x"
                + std::to_string(frame->height) + "); sources must keep one size");
    }
    torch::Tensor rgb = torch::empty({ m_height, m_width, 3 }, torch::kUInt8);
    uint8_t* dst[1] = { rgb.data_ptr<uint8_t>() };
    const int dstStride[1] = { m_width * 3 };
    sws_scale(m_toRgb->sws.get(), frame->data, frame->linesize, 0, m_height, dst, dstStride);
    return rgb;
}

EyeBatch EyeFrames::toBatch(const AVFrame* frame, int tileSize)
{
    EyeBatch batch;
    const torch::Tensor rgb = toRgb(frame);
    const int64_t eyeRow = int64_t(m_eyeWidth) * 3;
    switch (m_layout.stereo) {
    case StereoMode::Mono:
        batch.rgb = rgb.unsqueeze(0);
        break;
    case StereoMode::LeftRight:
        // Both eyes as a strided view of the one picture: no copy.
        batch.rgb = rgb.as_strided({ 2, m_eyeHeight, m_eyeWidth, 3 }, { eyeRow, int64_t(m_width) * 3, 3, 1 });
        break;
    case StereoMode::TopBottom:
        batch.rgb = rgb.narrow(0, 0, 2 * int64_t(m_eyeHeight)).view({ 2, m_eyeHeight, m_width, 3 });
        break;
    case StereoMode::RightLeft:
        batch.rgb = torch::stack({ rgb.narrow(1, m_eyeWidth, m_eyeWidth), rgb.narrow(1, 0, m_eyeWidth) });
        break;
    case StereoMode::BottomTop:
        batch.rgb = torch::stack({ rgb.narrow(0, m_eyeHeight, m_eyeHeight), rgb.narrow(0, 0, m_eyeHeight) });
        break;
    }
    if (tileSize > 0) {
        batch.guide = toTiles(frame, tileSize);
    }
    return batch;
}

torch::Tensor EyeFrames::toTiles(const AVFrame* frame, int tileSize)
{
    if (!m_toTile || tileSize != m_tileSize) {
        m_tileSize = tileSize;
        m_toTile = std::make_unique<Converter>();
        // Area averaging, as shrinking a full-size matte did: each tile pixel sees the whole
        // patch of the eye it covers.
        m_toTile->sws.reset(sws_getContext(m_eyeWidth, m_eyeHeight, static_cast<AVPixelFormat>(frame->format),
            tileSize, tileSize, AV_PIX_FMT_RGB24, SWS_AREA | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr,
            nullptr, nullptr));
        if (!m_toTile->sws) {
            throw Error(ErrorKind::Decode, "cannot resize the eyes to " + std::to_string(tileSize) + " px");
        }
        sws_setColorspaceDetails(m_toTile->sws.get(), sws_getCoefficients(m_matrix), m_fullRange,
            sws_getCoefficients(AVCOL_SPC_BT709), 1, 0, 1 << 16, 1 << 16);
    }
    const int eyes = eyeCount();
    torch::Tensor tiles = torch::empty({ eyes, tileSize, tileSize, 3 }, torch::kUInt8);
    for (int eye = 0; eye < eyes; ++eye) {
        const bool second = (eye == 1) != leftEyeSecond(m_layout.stereo);
        // The eye's planes: a reference to the frame, cropped (no pixel is copied).
        ff::FramePtr crop = ff::makeFrame();
        if (av_frame_ref(crop.get(), frame) < 0) {
            throw Error(ErrorKind::OutOfMemory, "out of memory while resizing the eyes");
        }
        if (m_layout.stereo != StereoMode::Mono) {
            const bool across = sideBySide(m_layout.stereo);
            crop->crop_left = across && second ? size_t(m_eyeWidth) : 0;
            crop->crop_right = across ? size_t(m_width - m_eyeWidth - int(crop->crop_left)) : 0;
            crop->crop_top = !across && second ? size_t(m_eyeHeight) : 0;
            crop->crop_bottom = !across ? size_t(m_height - m_eyeHeight - int(crop->crop_top)) : 0;
            if (av_frame_apply_cropping(crop.get(), AV_FRAME_CROP_UNALIGNED) < 0) {
                throw Error(ErrorKind::Decode, "cannot split the frame into eyes");
            }
        }
        uint8_t* dst[1] = { tiles[eye].data_ptr<uint8_t>() };
        const int dstStride[1] = { tileSize * 3 };
        sws_scale(m_toTile->sws.get(), crop->data, crop->linesize, 0, m_eyeHeight, dst, dstStride);
    }
    return tiles;
}

torch::Tensor EyeFrames::toFrameForeground(const torch::Tensor& eyeForeground) const
{
    const torch::Tensor eyes = eyeForeground.permute({ 0, 2, 3, 1 }); // N x h x w x 3
    if (m_layout.stereo == StereoMode::Mono) {
        return eyes[0].contiguous();
    }
    const bool swap = leftEyeSecond(m_layout.stereo);
    return torch::cat({ eyes[swap ? 1 : 0], eyes[swap ? 0 : 1] }, sideBySide(m_layout.stereo) ? 1 : 0)
        .contiguous();
}

torch::Tensor EyeFrames::toFrameMatte(const torch::Tensor& eyeAlpha)
{
    torch::Tensor eyes = eyeAlpha.squeeze(1); // N x h x w
    if (m_layout.projection == Projection::Fisheye && !m_circleMask.defined()) {
        // Made on first use: a full-size float mask (67 MB at 8K) that the tile path never needs.
        m_circleMask = circleMask(m_eyeWidth, m_eyeHeight);
    }
    if (m_circleMask.defined()) {
        eyes = eyes * m_circleMask;
    }
    if (m_layout.stereo == StereoMode::Mono) {
        return eyes[0].contiguous();
    }
    torch::Tensor first = eyes[0];
    torch::Tensor second = eyes[1];
    if (leftEyeSecond(m_layout.stereo)) {
        std::swap(first, second);
    }
    torch::Tensor frame = torch::zeros({ m_height, m_width }, torch::kFloat32);
    const int dim = sideBySide(m_layout.stereo) ? 1 : 0;
    const int size = dim == 1 ? m_eyeWidth : m_eyeHeight;
    frame.narrow(dim, 0, size).copy_(first);
    frame.narrow(dim, size, size).copy_(second);
    return frame;
}

} // namespace passthrough
