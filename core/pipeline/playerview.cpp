#include "pipeline/playerview.h"

#include "media/ffmpegptr.h"
#include "packing/fisheyealpha.h"
#include "packing/fisheyegeometry.h"
#include "util/error.h"

#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>

namespace passthrough {
namespace {

torch::Tensor checkerboard(int height, int width, int cell = 32)
{
    auto ys = torch::arange(height).div(cell, "floor").view({ height, 1 });
    auto xs = torch::arange(width).div(cell, "floor").view({ 1, width });
    auto light = ((ys + xs) % 2).to(torch::kFloat32);
    return (light * 50.0 + 150.0).unsqueeze(2).expand({ height, width, 3 });
}

} // namespace

torch::Tensor overCheckerboard(const torch::Tensor& rgb, const torch::Tensor& alpha)
{
    const torch::Tensor a = alpha.unsqueeze(2);
    return (rgb.to(torch::kFloat32) * a + checkerboard(int(rgb.size(0)), int(rgb.size(1))) * (1.0 - a))
        .round()
        .clamp(0, 255)
        .to(torch::kUInt8);
}

namespace {

// Any packed frame -> H x W x 4 uint8 RGBA (alpha 255 where the format has none).
torch::Tensor toRgba(const AVFrame* frame, int matrix, bool fullRange)
{
    ff::SwsContextPtr sws(sws_getContext(frame->width, frame->height,
        static_cast<AVPixelFormat>(frame->format), frame->width, frame->height, AV_PIX_FMT_RGBA,
        SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr));
    if (!sws) {
        throw Error(ErrorKind::Encode, "cannot show the packed frame");
    }
    if (!ff::isRgbOrGray(static_cast<AVPixelFormat>(frame->format))) {
        sws_setColorspaceDetails(sws.get(), sws_getCoefficients(matrix), fullRange ? 1 : 0,
            sws_getCoefficients(matrix), 1, 0, 1 << 16, 1 << 16);
    }
    torch::Tensor rgba = torch::empty({ frame->height, frame->width, 4 }, torch::kUInt8);
    uint8_t* dst[4] = { rgba.data_ptr<uint8_t>(), nullptr, nullptr, nullptr };
    int dstStride[4] = { frame->width * 4, 0, 0, 0 };
    sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    return rgba;
}

// The fisheye alpha frame as a player shows it: each eye's matte read back from the six
// blocks, scaled up to the eye, applied to the picture.
torch::Tensor reconstructFisheyeAlpha(const AVFrame* packed, PackingKind packing, int matrix, bool fullRange)
{
    const bool deep = packed->format == AV_PIX_FMT_YUV420P10LE;
    const auto type = deep ? torch::kInt16 : torch::kUInt8;
    const int bytes = deep ? 2 : 1;
    auto plane = [&](int index, int64_t h, int64_t w) {
        return torch::from_blob(packed->data[index], { h, packed->linesize[index] / bytes }, type)
            .narrow(1, 0, w)
            .clone();
    };
    const int w = packed->width;
    const int h = packed->height;
    const torch::Tensor tiles = unpackFisheyeAlpha(plane(0, h, w), plane(2, h / 2, w / 2), deep ? 10 : 8,
        packing == PackingKind::FisheyeAlphaRed ? AlphaChannel::Red : AlphaChannel::Gray, matrix, fullRange);
    namespace F = torch::nn::functional;
    const torch::Tensor eyes = F::interpolate(tiles.unsqueeze(1),
        F::InterpolateFuncOptions()
            .size(std::vector<int64_t> { h, w / 2 })
            .mode(torch::kBilinear)
            .align_corners(false));
    const torch::Tensor alpha = torch::cat({ eyes[0][0], eyes[1][0] }, 1);
    const torch::Tensor rgba = toRgba(packed, matrix, fullRange);
    return overCheckerboard(rgba.narrow(2, 0, 3), alpha);
}

} // namespace

torch::Tensor playerViewOfPacked(const AVFrame* packed, PackingKind packing, int matrix, bool fullRange)
{
    if (isFisheyeAlpha(packing)) {
        return reconstructFisheyeAlpha(packed, packing, matrix, fullRange);
    }
    const torch::Tensor rgba = toRgba(packed, matrix, fullRange);
    if (hasAlphaChannel(packing)) {
        return overCheckerboard(rgba.narrow(2, 0, 3), rgba.select(2, 3).to(torch::kFloat32) / 255.0);
    }
    return rgba.narrow(2, 0, 3).contiguous();
}

} // namespace passthrough
