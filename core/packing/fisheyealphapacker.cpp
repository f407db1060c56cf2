#include "media/ffmpegptr.h"
#include "packing/fisheyealpha.h"
#include "packing/fisheyegeometry.h"
#include "packing/packer.h"
#include "packing/pictureconverter.h"
#include "util/error.h"

#include <torch/types.h>

#include <array>

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
        , m_converter(m_size.width, m_size.height, config.format(), config.fullRange)
    {
        const LumaCoefficients k = lumaCoefficients(config.matrix);
        const bool gray = channel == AlphaChannel::Gray;
        m_levels = yuvLevels(config.fullRange);
        m_yGain = gray ? m_levels.lumaSpan : m_levels.lumaSpan * k.kr;
        m_cbGain = gray ? 0.0 : -m_levels.chromaSpan * k.kr / (2.0 * (1.0 - k.kb));
        m_crGain = gray ? 0.0 : m_levels.chromaSpan / 2.0;
        planChroma();
    }
    [[nodiscard]] int outputWidth() const override { return m_size.width; }
    [[nodiscard]] int outputHeight() const override { return m_size.height; }

    ff::FramePtr pack(const AVFrame* source, const torch::Tensor& matte) override
    {
        return packTiles(source, m_geometry.shrinkEyes(matte));
    }

    ff::FramePtr packTiles(const AVFrame* source, const torch::Tensor& eyeTiles) override
    {
        ff::FramePtr frame = m_converter.convert(source);
        const torch::Tensor tiles
            = eyeTiles.view({ 2, m_geometry.diameter(), m_geometry.diameter() }) * m_geometry.discMask();
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

        const torch::Tensor& disc = m_geometry.discMask();
        torch::Tensor chromaAlpha = torch::zeros({ m_chromaCoverage.size(0) });
        for (int eye = 0; eye < 2; ++eye) {
            const torch::Tensor alpha = tiles[eye];
            // Luma: blend towards the matte over the disc's soft edge; nothing outside it.
            const torch::Tensor old = luma.index({ m_rows, m_columns[std::size_t(eye)] }).to(torch::kFloat32);
            const torch::Tensor target = (m_levels.black + m_yGain * alpha) * scale;
            luma.index_put_({ m_rows, m_columns[std::size_t(eye)] },
                (old * (1.0 - disc) + target * disc).round().to(type));
            chromaAlpha.index_add_(0, m_tileToChroma[std::size_t(eye)], (disc * alpha / 4.0).flatten());
        }
        // Chroma (4:2:0): every chroma sample averages the 2x2 luma pixels it covers.
        const torch::Tensor a = chromaAlpha / m_chromaCoverage;
        for (auto [plane, gain] : { std::pair { &cb, m_cbGain }, std::pair { &cr, m_crGain } }) {
            const torch::Tensor old = plane->index({ m_chromaRows, m_chromaColumns }).to(torch::kFloat32);
            const torch::Tensor target = (128.0 + gain * a) * scale;
            plane->index_put_({ m_chromaRows, m_chromaColumns },
                (old * (1.0 - m_chromaBlend) + target * m_chromaBlend).round().to(type));
        }
        return frame;
    }

private:
    // Which chroma samples the discs touch, and how much, depends only on the geometry: worked
    // out once here, so that each frame only sums the matte into those samples.
    void planChroma()
    {
        m_rows = m_geometry.rows().unsqueeze(1);
        auto half = [](const torch::Tensor& index) { return torch::div(index, 2, "floor"); };
        const int64_t chromaWidth = m_size.width / 2;
        torch::Tensor coverage = torch::zeros({ m_size.height / 2, chromaWidth });
        for (int eye = 0; eye < 2; ++eye) {
            m_columns[std::size_t(eye)] = m_geometry.columns(eye).unsqueeze(0);
            coverage.index_put_(
                { half(m_rows), half(m_columns[std::size_t(eye)]) }, m_geometry.discMask() / 4.0, true);
        }
        const torch::Tensor touched = coverage.nonzero();
        m_chromaRows = touched.select(1, 0);
        m_chromaColumns = touched.select(1, 1);
        m_chromaCoverage = coverage.index({ m_chromaRows, m_chromaColumns });
        m_chromaBlend = m_chromaCoverage.clamp(0.0, 1.0);
        // Tile pixel -> its chroma sample's place in the touched list (pixels outside the disc
        // point at entry 0 and add nothing, their weight being 0).
        torch::Tensor place = torch::zeros({ coverage.numel() }, torch::kInt64);
        place.index_put_({ m_chromaRows * chromaWidth + m_chromaColumns }, torch::arange(touched.size(0)));
        for (int eye = 0; eye < 2; ++eye) {
            m_tileToChroma[std::size_t(eye)]
                = place.index({ (half(m_rows) * chromaWidth + half(m_columns[std::size_t(eye)])).flatten() });
        }
    }

    PackerConfig m_config;
    PackedSize m_size;
    FisheyeAlphaGeometry m_geometry;
    PictureConverter m_converter;
    YuvLevels m_levels {};
    double m_yGain = 0.0;
    double m_cbGain = 0.0;
    double m_crGain = 0.0;
    torch::Tensor m_rows; // D x 1 frame rows of both eyes' tiles
    std::array<torch::Tensor, 2> m_columns; // 1 x D frame columns per eye
    torch::Tensor m_chromaRows; // the chroma samples the discs touch
    torch::Tensor m_chromaColumns;
    torch::Tensor m_chromaCoverage; // their summed disc weight (each luma pixel counts 1/4)
    torch::Tensor m_chromaBlend; // the coverage clamped to 1
    std::array<torch::Tensor, 2> m_tileToChroma; // per eye, D*D places in the touched list
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
