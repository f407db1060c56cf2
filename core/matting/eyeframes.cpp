#include "matting/eyeframes.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

#include <torch/torch.h>

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
    sws_setColorspaceDetails(m_toRgb->sws.get(), sws_getCoefficients(matrix), srcFullRange,
        sws_getCoefficients(AVCOL_SPC_BT709), 1, 0, 1 << 16, 1 << 16);
    if (m_layout.projection == Projection::Fisheye) {
        m_circleMask = circleMask(m_eyeWidth, m_eyeHeight);
    }
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

torch::Tensor EyeFrames::toEyes(const AVFrame* frame)
{
    torch::Tensor chw = toRgb(frame).permute({ 2, 0, 1 }).to(torch::kFloat32).div_(255.0);
    if (m_layout.stereo == StereoMode::Mono) {
        return chw.unsqueeze(0).contiguous();
    }
    const int dim = sideBySide(m_layout.stereo) ? 2 : 1;
    const int size = dim == 2 ? m_eyeWidth : m_eyeHeight;
    torch::Tensor first = chw.narrow(dim, 0, size);
    torch::Tensor second = chw.narrow(dim, size, size);
    if (leftEyeSecond(m_layout.stereo)) {
        std::swap(first, second);
    }
    return torch::stack({ first, second }).contiguous();
}

torch::Tensor EyeFrames::toFrameMatte(const torch::Tensor& eyeAlpha) const
{
    torch::Tensor eyes = eyeAlpha.squeeze(1); // N x h x w
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
