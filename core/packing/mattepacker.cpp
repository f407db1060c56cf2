#include "packing/fisheyealpha.h"
#include "packing/packer.h"
#include "util/error.h"

#include <torch/torch.h>

#include <cstring>

namespace passthrough {
namespace {

// "matte only": luma carries the matte (limited range, so that any reader shows alpha 1 as
// white), chroma is neutral. 4:2:0 keeps the matte at full resolution in luma.
class MattePacker final : public Packer {
public:
    MattePacker(int width, int height, int bitDepth)
        : m_width(width & ~1)
        , m_height(height & ~1)
        , m_bitDepth(bitDepth)
    {
    }
    [[nodiscard]] int outputWidth() const override { return m_width; }
    [[nodiscard]] int outputHeight() const override { return m_height; }

    ff::FramePtr pack(const AVFrame*, const torch::Tensor& matte) override
    {
        ff::FramePtr frame = ff::makeFrame();
        frame->width = m_width;
        frame->height = m_height;
        frame->format = m_bitDepth > 8 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
        if (av_frame_get_buffer(frame.get(), 0) < 0) {
            throw Error(ErrorKind::Encode,
                "out of memory for a " + std::to_string(m_width) + "x" + std::to_string(m_height) + " frame");
        }
        torch::Tensor alpha = matte.narrow(0, 0, m_height).narrow(1, 0, m_width);
        if (m_bitDepth > 8) {
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

    int m_width;
    int m_height;
    int m_bitDepth;
};

} // namespace

std::unique_ptr<Packer> makeFisheyeAlphaPacker(const PackerConfig& config, AlphaChannel channel);
std::unique_ptr<Packer> makeGreenScreenPacker(const PackerConfig& config);

std::unique_ptr<Packer> makePacker(PackingKind kind, const PackerConfig& config)
{
    switch (kind) {
    case PackingKind::Matte:
        return std::make_unique<MattePacker>(config.sourceWidth, config.sourceHeight, config.bitDepth);
    case PackingKind::FisheyeAlpha:
        return makeFisheyeAlphaPacker(config, AlphaChannel::Gray);
    case PackingKind::FisheyeAlphaRed:
        return makeFisheyeAlphaPacker(config, AlphaChannel::Red);
    case PackingKind::GreenScreen:
        return makeGreenScreenPacker(config);
    }
    throw Error(ErrorKind::Usage, "unknown packing");
}

} // namespace passthrough
