#include "pipeline/preview.h"

#include "matting/eyeframes.h"
#include "media/ffmpegptr.h"
#include "media/fisheyeconverter.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "media/pngwriter.h"
#include "packing/fisheyealpha.h"
#include "packing/fisheyegeometry.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "util/error.h"

#include <torch/torch.h>

#include <algorithm>

namespace passthrough {
namespace {

torch::Tensor checkerboard(int height, int width, int cell = 32)
{
    auto ys = torch::arange(height).div(cell, "floor").view({ height, 1 });
    auto xs = torch::arange(width).div(cell, "floor").view({ 1, width });
    auto light = ((ys + xs) % 2).to(torch::kFloat32);
    return (light * 50.0 + 150.0).unsqueeze(2).expand({ height, width, 3 });
}

torch::Tensor gray(const torch::Tensor& matte)
{
    return (matte * 255.0)
        .round()
        .clamp(0, 255)
        .to(torch::kUInt8)
        .unsqueeze(2)
        .expand({ -1, -1, 3 })
        .contiguous();
}

torch::Tensor scalePanel(const torch::Tensor& rgb, int width, int height)
{
    auto chw = rgb.permute({ 2, 0, 1 }).unsqueeze(0).to(torch::kFloat32);
    auto scaled = torch::nn::functional::interpolate(chw,
        torch::nn::functional::InterpolateFuncOptions()
            .size(std::vector<int64_t> { height, width })
            .mode(torch::kArea));
    return scaled.squeeze(0).permute({ 1, 2, 0 }).round().clamp(0, 255).to(torch::kUInt8);
}

torch::Tensor over(const torch::Tensor& rgb, const torch::Tensor& alpha)
{
    const torch::Tensor a = alpha.unsqueeze(2);
    return (rgb.to(torch::kFloat32) * a + checkerboard(int(rgb.size(0)), int(rgb.size(1))) * (1.0 - a))
        .round()
        .clamp(0, 255)
        .to(torch::kUInt8);
}

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
    return over(rgba.narrow(2, 0, 3), alpha);
}

torch::Tensor playerView(
    const AVFrame* source, const torch::Tensor& matte, const MediaInfo& info, const PreviewRequest& request)
{
    EncoderSettings encoder;
    encoder.encoder = request.packing == PackingKind::PngAlpha ? "png" : "libx265";
    const PackerConfig config = packerConfigFor(request.packing, info, encoder, request.keyColor);
    const auto packer = makePacker(request.packing, config);
    const ff::FramePtr packed = packer->pack(source, matte);
    const bool fullRange = config.keepsSourceRange(request.packing);
    if (isFisheyeAlpha(request.packing)) {
        return reconstructFisheyeAlpha(packed.get(), request.packing, info.color.matrix, fullRange);
    }
    const torch::Tensor rgba = toRgba(packed.get(), info.color.matrix, fullRange);
    if (hasAlphaChannel(request.packing)) {
        return over(rgba.narrow(2, 0, 3), rgba.select(2, 3).to(torch::kFloat32) / 255.0);
    }
    return rgba.narrow(2, 0, 3).contiguous();
}

} // namespace

PreviewImages renderPreview(const PreviewRequest& request)
{
    torch::NoGradGuard noGrad;
    MediaInfo info = request.probed && !request.probed->framePts.empty()
        ? *request.probed
        : probeMedia(request.sourcePath, request.layout, true, request.cancel);
    if (request.layout) {
        info.layout = *request.layout;
    }
    const bool convert = convertsToFisheye(request.packing, info.layout);
    if (const auto problem = packingLayoutProblem(request.packing, info.layout)) {
        throw Error(ErrorKind::Usage, *problem + "; " + request.sourcePath + " is " + describe(info.layout));
    }
    info.layout = processingLayout(request.packing, info.layout);
    if (request.frameIndex < 0 || request.frameIndex >= info.frameCount) {
        throw Error(ErrorKind::Usage,
            "frame " + std::to_string(request.frameIndex) + " is outside " + request.sourcePath + " (it has "
                + std::to_string(info.frameCount) + " frames, numbered from 0)");
    }
    const std::int64_t warmupTicks
        = std::llround(request.warmupSeconds * info.timeBase.den / info.timeBase.num);
    const std::int64_t targetPts = info.framePts[std::size_t(request.frameIndex)];
    const auto first = std::lower_bound(info.framePts.begin(), info.framePts.end(), targetPts - warmupTicks);

    FrameReader reader(request.sourcePath, info.videoStreamIndex);
    reader.seek(*first);
    std::unique_ptr<EyeFrames> eyes;
    std::unique_ptr<FisheyeConverter> converter;
    request.backend->resetState();
    for (;;) {
        if (request.cancel && request.cancel->load()) {
            throw Error(ErrorKind::Cancelled, "the preview of " + request.sourcePath + " was cancelled");
        }
        DecodedFrame decoded = reader.next();
        if (!decoded.frame) {
            throw Error(ErrorKind::Decode,
                "frame " + std::to_string(request.frameIndex) + " of " + request.sourcePath
                    + " could not be decoded");
        }
        if (convert) {
            if (!converter) {
                converter = std::make_unique<FisheyeConverter>(
                    decoded.frame->width, decoded.frame->height, decoded.frame->format);
            }
            decoded.frame = converter->convert(decoded.frame.get());
        }
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(info, decoded.frame->format);
        }
        const double ratio = request.downsampleRatio > 0.0
            ? request.downsampleRatio
            : autoDownsampleRatio(eyes->eyeWidth(), eyes->eyeHeight());
        torch::Tensor alpha = request.backend->step(eyes->toBatch(decoded.frame.get()), ratio);
        if (decoded.pts < targetPts) {
            continue;
        }
        PreviewImages images;
        images.source = eyes->toRgb(decoded.frame.get());
        const torch::Tensor matte = eyes->toFrameMatte(alpha);
        images.matte = gray(matte);
        images.composite = over(images.source, matte);
        images.packed = playerView(decoded.frame.get(), matte, info, request);
        return images;
    }
}

void writePreviewStrip(const PreviewImages& images, const std::filesystem::path& png, int panelWidth)
{
    const int width = std::min<int>(panelWidth, int(images.source.size(1)));
    // One height for all: a fisheye alpha output may be a few pixels larger (multiples of 32).
    const int height = std::max(1, int(images.source.size(0) * width / images.source.size(1)));
    std::vector<torch::Tensor> panels;
    for (const auto* panel : { &images.source, &images.matte, &images.composite, &images.packed }) {
        panels.push_back(scalePanel(*panel, width, height));
    }
    writePng(png, torch::cat(panels, 1));
}

} // namespace passthrough
