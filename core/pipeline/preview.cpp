#include "pipeline/preview.h"

#include "matting/eyeframes.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "media/pngwriter.h"
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

torch::Tensor scalePanel(const torch::Tensor& rgb, int width)
{
    const int height = std::max(1, int(rgb.size(0) * width / rgb.size(1)));
    auto chw = rgb.permute({ 2, 0, 1 }).unsqueeze(0).to(torch::kFloat32);
    auto scaled = torch::nn::functional::interpolate(chw,
        torch::nn::functional::InterpolateFuncOptions()
            .size(std::vector<int64_t> { height, width })
            .mode(torch::kArea));
    return scaled.squeeze(0).permute({ 1, 2, 0 }).round().clamp(0, 255).to(torch::kUInt8);
}

} // namespace

PreviewImages renderPreview(const PreviewRequest& request)
{
    torch::NoGradGuard noGrad;
    const MediaInfo info = probeMedia(request.sourcePath, request.layout);
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
    request.backend->resetState();
    for (;;) {
        DecodedFrame decoded = reader.next();
        if (!decoded.frame) {
            throw Error(ErrorKind::Decode,
                "frame " + std::to_string(request.frameIndex) + " of " + request.sourcePath
                    + " could not be decoded");
        }
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(info, static_cast<AVPixelFormat>(decoded.frame->format));
        }
        const double ratio = request.downsampleRatio > 0.0
            ? request.downsampleRatio
            : autoDownsampleRatio(eyes->eyeWidth(), eyes->eyeHeight());
        torch::Tensor alpha = request.backend->step(eyes->toEyes(decoded.frame.get()), ratio);
        if (decoded.pts < targetPts) {
            continue;
        }
        PreviewImages images;
        images.source = eyes->toRgb(decoded.frame.get());
        const torch::Tensor matte = eyes->toFrameMatte(alpha);
        images.matte = gray(matte);
        const torch::Tensor a = matte.unsqueeze(2);
        images.composite
            = (images.source.to(torch::kFloat32) * a + checkerboard(info.height, info.width) * (1.0 - a))
                  .round()
                  .clamp(0, 255)
                  .to(torch::kUInt8);
        // "matte only" output: what a player shows is the matte itself.
        images.packed = images.matte;
        return images;
    }
}

void writePreviewStrip(const PreviewImages& images, const std::filesystem::path& png, int panelWidth)
{
    const int width = std::min<int>(panelWidth, int(images.source.size(1)));
    std::vector<torch::Tensor> panels;
    for (const auto* panel : { &images.source, &images.matte, &images.composite, &images.packed }) {
        panels.push_back(scalePanel(*panel, width));
    }
    writePng(png, torch::cat(panels, 1));
}

} // namespace passthrough
