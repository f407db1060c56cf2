#include "media/ffmpegptr.h"
#include "packing/fisheyealpha.h"
#include "packing/fisheyegeometry.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "util/error.h"

#include <torch/types.h>

#include <cstring>

namespace passthrough {
namespace {

// "matte only": luma carries the matte (limited range, so that any reader shows alpha 1 as
// white), chroma is neutral. 4:2:0 keeps the matte at full resolution in luma. A PNG sequence
// gets a full-range gray image instead.
class MattePacker final : public Packer {
public:
    MattePacker(int width, int height, int bitDepth, AVPixelFormat format)
        : m_width(width & ~1)
        , m_height(height & ~1)
        , m_bitDepth(bitDepth)
        , m_format(format)
    {
    }
    [[nodiscard]] int outputWidth() const override { return m_width; }
    [[nodiscard]] int outputHeight() const override { return m_height; }

    ff::FramePtr pack(const AVFrame*, const torch::Tensor& matte) override
    {
        ff::FramePtr frame = ff::makeVideoFrame(m_width, m_height, m_format);
        torch::Tensor alpha = matte.narrow(0, 0, m_height).narrow(1, 0, m_width);
        if (m_format == AV_PIX_FMT_GRAY8 || m_format == AV_PIX_FMT_GRAY16BE) {
            writeGray(frame.get(), alpha);
        } else if (m_bitDepth > 8) {
            writePlanes<uint16_t, torch::kInt16>(frame.get(), alpha, 64.0, 876.0, 512);
        } else {
            writePlanes<uint8_t, torch::kUInt8>(frame.get(), alpha, 16.0, 219.0, 128);
        }
        return frame;
    }

private:
    template <typename Sample, torch::ScalarType Type>
    void writePlanes(AVFrame* frame, const torch::Tensor& alpha, double black, double span, int neutral)
    {
        torch::Tensor luma = (alpha * span + black).round_().to(Type).contiguous();
        const auto* src = reinterpret_cast<const Sample*>(luma.data_ptr());
        for (int y = 0; y < m_height; ++y) {
            std::memcpy(frame->data[0] + std::ptrdiff_t(y) * frame->linesize[0],
                src + std::ptrdiff_t(y) * m_width, std::size_t(m_width) * sizeof(Sample));
        }
        for (int plane = 1; plane <= 2; ++plane) {
            for (int y = 0; y < m_height / 2; ++y) {
                auto* row = reinterpret_cast<Sample*>(
                    frame->data[plane] + std::ptrdiff_t(y) * frame->linesize[plane]);
                std::fill(row, row + m_width / 2, Sample(neutral));
            }
        }
    }

    void writeGray(AVFrame* frame, const torch::Tensor& alpha) const
    {
        const bool deep = m_format == AV_PIX_FMT_GRAY16BE;
        const std::int64_t bytesPerRow = std::int64_t(m_width) * (deep ? 2 : 1);
        torch::Tensor row = torch::from_blob(frame->data[0], { m_height, frame->linesize[0] }, torch::kUInt8)
                                .narrow(1, 0, bytesPerRow);
        if (!deep) {
            row.copy_((alpha * 255.0).round().to(torch::kUInt8));
            return;
        }
        const torch::Tensor value = (alpha * 65535.0).round().to(torch::kInt32);
        torch::Tensor bytes = row.view({ m_height, m_width, 2 });
        bytes.select(2, 0).copy_(value.div(256, "floor").to(torch::kUInt8)); // big-endian
        bytes.select(2, 1).copy_(value.remainder(256).to(torch::kUInt8));
    }

    int m_width;
    int m_height;
    int m_bitDepth;
    AVPixelFormat m_format;
};

} // namespace

std::unique_ptr<Packer> makeFisheyeAlphaPacker(const PackerConfig& config, AlphaChannel channel);
std::unique_ptr<Packer> makeGreenScreenPacker(const PackerConfig& config);
std::unique_ptr<Packer> makeAlphaChannelPacker(const PackerConfig& config);

int PackerConfig::format() const
{
    return pixelFormat >= 0 ? pixelFormat : bitDepth > 8 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
}

bool PackerConfig::keepsSourceRange(PackingKind kind) const
{
    // ProRes is video range by definition (editors expect it), so a full-range picture is
    // converted for it; the matte is always written in limited range.
    return fullRange
        && (isFisheyeAlpha(kind) || kind == PackingKind::GreenScreen || kind == PackingKind::Vp9Alpha);
}

PackerConfig packerConfigFor(
    PackingKind kind, const MediaInfo& source, const EncoderSettings& encoder, const std::string& keyColor)
{
    PackerConfig config;
    config.sourceWidth = source.width;
    config.sourceHeight = source.height;
    config.bitDepth = encoder.bitDepth;
    config.matrix = source.color.matrix;
    config.keyColor = keyColor;
    config.pixelFormat = encoderPixelFormat(kind, encoder);
    config.fullRange = source.isFullRange();
    return config;
}

ff::FramePtr Packer::packTiles(const AVFrame*, const torch::Tensor&)
{
    throw Error(ErrorKind::Usage, "this packing takes a full-size matte");
}

ff::FramePtr Packer::packWithForeground(
    const AVFrame* source, const torch::Tensor& matte, const torch::Tensor&)
{
    return pack(source, matte);
}

bool usesForeground(PackingKind kind)
{
    return kind == PackingKind::GreenScreen;
}

int matteTileSize(PackingKind kind, int sourceWidth, int sourceHeight)
{
    if (!isFisheyeAlpha(kind)) {
        return 0;
    }
    const PackedSize size = fisheyeAlphaOutputSize(sourceWidth, sourceHeight);
    return FisheyeAlphaGeometry(size.width, size.height).diameter();
}

FrameSize packedFrameSize(PackingKind kind, int sourceWidth, int sourceHeight)
{
    if (isFisheyeAlpha(kind)) {
        const PackedSize size = fisheyeAlphaOutputSize(sourceWidth, sourceHeight);
        return { size.width, size.height };
    }
    return { sourceWidth & ~1, sourceHeight & ~1 }; // 4:2:0 needs even sizes
}

std::unique_ptr<Packer> makePacker(PackingKind kind, const PackerConfig& config)
{
    switch (kind) {
    case PackingKind::Matte:
        return std::make_unique<MattePacker>(config.sourceWidth, config.sourceHeight, config.bitDepth,
            static_cast<AVPixelFormat>(config.format()));
    case PackingKind::FisheyeAlpha:
        return makeFisheyeAlphaPacker(config, AlphaChannel::Gray);
    case PackingKind::FisheyeAlphaRed:
        return makeFisheyeAlphaPacker(config, AlphaChannel::Red);
    case PackingKind::GreenScreen:
        return makeGreenScreenPacker(config);
    case PackingKind::ProRes4444:
    case PackingKind::Vp9Alpha:
    case PackingKind::PngAlpha:
        return makeAlphaChannelPacker(config);
    }
    throw Error(ErrorKind::Usage, "unknown packing");
}

} // namespace passthrough
