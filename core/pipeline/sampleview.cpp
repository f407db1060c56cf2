#include "pipeline/sampleview.h"

#include "matting/eyeframes.h"
#include "media/chunkencoder.h"
#include "media/chunkjoiner.h"
#include "media/ffmpegptr.h"
#include "media/framereader.h"
#include "pipeline/playerview.h"
#include "util/error.h"

#include <QDir>
#include <QTemporaryDir>

#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>

namespace passthrough {
namespace {

torch::Tensor scaled(const torch::Tensor& rgb, int width, int height)
{
    namespace F = torch::nn::functional;
    auto chw = rgb.permute({ 2, 0, 1 }).unsqueeze(0).to(torch::kFloat32);
    auto out = F::interpolate(
        chw, F::InterpolateFuncOptions().size(std::vector<int64_t> { height, width }).mode(torch::kArea));
    return out.squeeze(0).permute({ 1, 2, 0 }).round().clamp(0, 255).to(torch::kUInt8).contiguous();
}

// H x W x 3 uint8 RGB -> a yuv420p frame (BT.709, limited range).
ff::FramePtr toYuv(const torch::Tensor& rgb)
{
    const int width = int(rgb.size(1));
    const int height = int(rgb.size(0));
    ff::FramePtr frame = ff::makeVideoFrame(width, height, AV_PIX_FMT_YUV420P);
    ff::SwsContextPtr sws(sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, AV_PIX_FMT_YUV420P,
        SWS_BILINEAR | SWS_ACCURATE_RND, nullptr, nullptr, nullptr));
    if (!sws) {
        throw Error(ErrorKind::Encode, "cannot convert the sample's view to YUV");
    }
    sws_setColorspaceDetails(sws.get(), sws_getCoefficients(SWS_CS_DEFAULT), 1,
        sws_getCoefficients(AVCOL_SPC_BT709), 0, 0, 1 << 16, 1 << 16);
    const uint8_t* src[4] = { rgb.data_ptr<uint8_t>(), nullptr, nullptr, nullptr };
    const int srcStride[4] = { width * 3, 0, 0, 0 };
    sws_scale(sws.get(), src, srcStride, 0, height, frame->data, frame->linesize);
    return frame;
}

} // namespace

void writeSampleView(const SampleViewRequest& request)
{
    torch::NoGradGuard noGrad;
    const MediaInfo& info = *request.source;
    if (request.firstFrame < 0 || request.firstFrame + request.frames > std::int64_t(info.framePts.size())) {
        throw Error(ErrorKind::Usage, "the sample lies outside " + info.path);
    }
    FrameReader source(info.path, info.videoStreamIndex);
    const std::int64_t firstPts = info.framePts[std::size_t(request.firstFrame)];
    source.seek(firstPts);
    FrameReader packed(request.packedSample.string(), 0);
    std::unique_ptr<EyeFrames> eyes;

    // Each half keeps the source's aspect, at most panelWidth wide, even sizes for 4:2:0.
    const int half = std::min(request.panelWidth, info.width) & ~1;
    const int height = std::max(2, int(std::llround(double(half) * info.height / info.width)) & ~1);

    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/passthrough-view-XXXXXX"));
    if (!scratch.isValid()) {
        throw Error(
            ErrorKind::DiskFull, "cannot create a temporary folder in " + QDir::tempPath().toStdString());
    }
    const std::filesystem::path chunk = std::filesystem::path(scratch.path().toStdString()) / "view.nut";
    MediaInfo viewInfo = info;
    viewInfo.color = ColorInfo {};
    viewInfo.color.range = 1; // limited, as toYuv writes
    viewInfo.color.primaries = 1; // BT.709
    viewInfo.color.transfer = 1;
    viewInfo.color.matrix = 1;
    EncoderSettings encoder;
    encoder.encoder = "libx264";
    encoder.crf = 18;
    encoder.preset = "veryfast";
    ChunkEncoder writer(
        chunk, ChunkFormat { 2 * half, height, AV_PIX_FMT_YUV420P, false }, viewInfo, encoder);
    std::int64_t written = 0;
    std::int64_t lastPts = firstPts;
    while (written < request.frames) {
        if (request.cancel && request.cancel->load()) {
            throw Error(ErrorKind::Cancelled, "the sample's view was cancelled");
        }
        DecodedFrame s = source.next();
        if (s.frame && s.pts < firstPts) {
            continue; // the frames before the sample that the seek landed on
        }
        DecodedFrame p = packed.next();
        if (!s.frame || !p.frame) {
            throw Error(ErrorKind::Decode,
                "the sample " + request.packedSample.string() + " ends after " + std::to_string(written)
                    + " of " + std::to_string(request.frames) + " frames");
        }
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(info, s.frame->format);
        }
        const torch::Tensor left = scaled(eyes->toRgb(s.frame.get()), half, height);
        const torch::Tensor right
            = scaled(playerViewOfPacked(p.frame.get(), request.packing, request.matrix, request.fullRange),
                half, height);
        const ff::FramePtr frame = toYuv(torch::cat({ left, right }, 1).contiguous());
        writer.encode(frame.get(), s.pts);
        lastPts = s.pts;
        ++written;
        if (request.onFrames) {
            request.onFrames(written);
        }
    }
    writer.finish();

    JoinRequest join;
    const std::int64_t endPts = request.firstFrame + request.frames < std::int64_t(info.framePts.size())
        ? info.framePts[std::size_t(request.firstFrame + request.frames)]
        : info.endPts;
    join.chunks.push_back(ChunkRef { chunk, 0, std::max(endPts, lastPts + 1) - firstPts });
    join.sourcePath = info.path;
    join.sourceVideoStreamIndex = info.videoStreamIndex;
    join.timeBaseNum = info.timeBase.num;
    join.timeBaseDen = info.timeBase.den;
    join.videoEndSeconds = double(endPts - firstPts) * info.timeBase.num / info.timeBase.den;
    join.output = request.output;
    join.copyOtherStreams = false;
    joinChunks(join);
}

} // namespace passthrough
