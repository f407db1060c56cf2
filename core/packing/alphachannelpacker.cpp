#include "media/ffmpegptr.h"
#include "packing/packer.h"
#include "packing/pictureconverter.h"
#include "util/error.h"

#include <torch/types.h>

namespace passthrough {
namespace {

// A real alpha channel for editors: the source picture, untouched in its colours, with the matte
// as alpha (full range, 1 = keep). Planar YUVA (ProRes 4444, VP9) gets the matte as its A
// plane; packed RGBA (PNG) as every fourth sample.
class AlphaChannelPacker final : public Packer {
public:
    explicit AlphaChannelPacker(const PackerConfig& config)
        : m_width(config.sourceWidth & ~1)
        , m_height(config.sourceHeight & ~1)
        , m_format(static_cast<AVPixelFormat>(config.format()))
        , m_converter(m_width, m_height, m_format, config.fullRange && m_format == AV_PIX_FMT_YUVA420P)
    {
        switch (m_format) {
        case AV_PIX_FMT_YUVA444P10LE:
        case AV_PIX_FMT_YUVA420P:
        case AV_PIX_FMT_RGBA:
        case AV_PIX_FMT_RGBA64BE:
            break;
        default:
            throw Error(ErrorKind::Encode, "no alpha channel packing for this pixel format");
        }
    }
    [[nodiscard]] int outputWidth() const override { return m_width; }
    [[nodiscard]] int outputHeight() const override { return m_height; }

    ff::FramePtr pack(const AVFrame* source, const torch::Tensor& matte) override
    {
        ff::FramePtr frame = m_converter.convert(source);
        const torch::Tensor alpha = matte.narrow(0, 0, m_height).narrow(1, 0, m_width).clamp(0.0, 1.0);
        switch (m_format) {
        case AV_PIX_FMT_YUVA444P10LE:
            plane(frame.get(), 3, torch::kInt16, 2).copy_((alpha * 1023.0).round().to(torch::kInt16));
            break;
        case AV_PIX_FMT_YUVA420P:
            plane(frame.get(), 3, torch::kUInt8, 1).copy_((alpha * 255.0).round().to(torch::kUInt8));
            break;
        case AV_PIX_FMT_RGBA:
            interleaved(frame.get(), torch::kUInt8, 1, 4)
                .select(2, 3)
                .copy_((alpha * 255.0).round().to(torch::kUInt8));
            break;
        default: { // RGBA64BE: write the 16-bit alpha as its high and low bytes
            const torch::Tensor value = (alpha * 65535.0).round().to(torch::kInt32);
            torch::Tensor bytes = interleaved(frame.get(), torch::kUInt8, 1, 8);
            bytes.select(2, 6).copy_(value.div(256, "floor").to(torch::kUInt8));
            bytes.select(2, 7).copy_(value.remainder(256).to(torch::kUInt8));
            break;
        }
        }
        return frame;
    }

private:
    torch::Tensor plane(AVFrame* frame, int index, torch::ScalarType type, int bytes) const
    {
        return torch::from_blob(frame->data[index], { m_height, frame->linesize[index] / bytes }, type)
            .narrow(1, 0, m_width);
    }
    torch::Tensor interleaved(AVFrame* frame, torch::ScalarType type, int bytes, int samples) const
    {
        return torch::from_blob(frame->data[0], { m_height, frame->linesize[0] / bytes }, type)
            .narrow(1, 0, std::int64_t(m_width) * samples)
            .view({ m_height, m_width, samples });
    }

    int m_width;
    int m_height;
    AVPixelFormat m_format;
    PictureConverter m_converter;
};

} // namespace

std::unique_ptr<Packer> makeAlphaChannelPacker(const PackerConfig& config)
{
    return std::make_unique<AlphaChannelPacker>(config);
}

} // namespace passthrough
