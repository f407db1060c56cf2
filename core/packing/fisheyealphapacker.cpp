#include "packing/fisheyealpha.h"
#include "packing/fisheyegeometry.h"
#include "packing/packer.h"
#include "packing/pictureconverter.h"
#include "util/error.h"

#include <torch/torch.h>

namespace passthrough {
namespace {

// The source picture, converted once to the encoder's format (and size, when it is rounded
// to multiples of 32), with each eye's shrunk, disc-masked matte written into the six
// blocks. Every pixel outside the blocks is the source's own (bit-exact when no conversion
// is needed).
class FisheyeAlphaPacker final : public Packer {
public:
    FisheyeAlphaPacker(const PackerConfig& config, AlphaChannel channel)
        : m_config(config)
        , m_size(fisheyeAlphaOutputSize(config.sourceWidth, config.sourceHeight))
        , m_geometry(m_size.width, m_size.height)
        , m_channel(channel)
        , m_coefficients(lumaCoefficients(config.matrix))
        , m_converter(m_size.width, m_size.height, config.bitDepth)
    {
    }
    [[nodiscard]] int outputWidth() const override { return m_size.width; }
    [[nodiscard]] int outputHeight() const override { return m_size.height; }

    ff::FramePtr pack(const AVFrame* source, const torch::Tensor& matte) override
    {
        ff::FramePtr frame = m_converter.convert(source);
        const torch::Tensor tiles = m_geometry.shrinkEyes(matte); // 2 x D x D, already disc-masked
        const bool deep = m_config.bitDepth > 8;
        const auto type = deep ? torch::kInt16 : torch::kUInt8;
        const int bytes = deep ? 2 : 1;
        const double scale = deep ? 4.0 : 1.0;
        auto planeOf = [&](int plane, int64_t h) {
            return torch::from_blob(frame->data[plane], { h, frame->linesize[plane] / bytes }, type);
        };
        torch::Tensor luma = planeOf(0, m_size.height);
        torch::Tensor cb = planeOf(1, m_size.height / 2);
        torch::Tensor cr = planeOf(2, m_size.height / 2);
        const double yGain = m_channel == AlphaChannel::Gray ? 219.0 : 219.0 * m_coefficients.kr;
        const double cbGain = m_channel == AlphaChannel::Gray
            ? 0.0
            : -224.0 * m_coefficients.kr / (2.0 * (1.0 - m_coefficients.kb));
        const double crGain = m_channel == AlphaChannel::Gray ? 0.0 : 112.0;

        torch::Tensor chromaMask = torch::zeros({ m_size.height / 2, m_size.width / 2 });
        torch::Tensor chromaAlpha = torch::zeros({ m_size.height / 2, m_size.width / 2 });
        const torch::Tensor rows = m_geometry.rows().unsqueeze(1);
        auto half = [](const torch::Tensor& index) { return torch::div(index, 2, "floor"); };
        const torch::Tensor& disc = m_geometry.discMask();
        for (int eye = 0; eye < 2; ++eye) {
            const torch::Tensor cols = m_geometry.columns(eye).unsqueeze(0);
            const torch::Tensor alpha = tiles[eye];
            // Luma: blend towards the matte over the disc's soft edge; nothing outside it.
            const torch::Tensor old = luma.index({ rows, cols }).to(torch::kFloat32);
            const torch::Tensor target = (16.0 + yGain * alpha) * scale;
            luma.index_put_({ rows, cols }, (old * (1.0 - disc) + target * disc).round().to(type));
            // Chroma (4:2:0): every chroma sample averages the 2x2 luma pixels it covers.
            chromaMask.index_put_({ half(rows), half(cols) }, disc / 4.0, true);
            chromaAlpha.index_put_({ half(rows), half(cols) }, disc * alpha / 4.0, true);
        }
        const torch::Tensor touched = chromaMask.nonzero();
        const auto cy = touched.select(1, 0);
        const auto cx = touched.select(1, 1);
        const torch::Tensor m = chromaMask.index({ cy, cx }).clamp(0.0, 1.0);
        const torch::Tensor a = chromaAlpha.index({ cy, cx }) / chromaMask.index({ cy, cx });
        for (auto [plane, gain] : { std::pair { &cb, cbGain }, std::pair { &cr, crGain } }) {
            const torch::Tensor old = plane->index({ cy, cx }).to(torch::kFloat32);
            const torch::Tensor target = (128.0 + gain * a) * scale;
            plane->index_put_({ cy, cx }, (old * (1.0 - m) + target * m).round().to(type));
        }
        return frame;
    }

private:
    PackerConfig m_config;
    PackedSize m_size;
    FisheyeAlphaGeometry m_geometry;
    AlphaChannel m_channel;
    LumaCoefficients m_coefficients;
    PictureConverter m_converter;
};

} // namespace

std::unique_ptr<Packer> makeFisheyeAlphaPacker(const PackerConfig& config, AlphaChannel channel)
{
    if (config.sourceWidth != 2 * config.sourceHeight) {
        throw Error(ErrorKind::Usage,
            "the fisheye alpha packing needs side-by-side fisheye eyes in a 2:1 frame, not "
                + std::to_string(config.sourceWidth) + "x" + std::to_string(config.sourceHeight));
    }
    return std::make_unique<FisheyeAlphaPacker>(config, channel);
}

} // namespace passthrough
