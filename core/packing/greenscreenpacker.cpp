#include "media/ffmpegptr.h"
#include "packing/fisheyealpha.h"
#include "packing/packer.h"
#include "packing/pictureconverter.h"
#include "util/error.h"

#include <torch/torch.h>

namespace passthrough {
namespace {

// Green screen for players that key live: the source where alpha is 1, the pure key colour
// where it is 0, blended in between; in the source's own YUV so the subject is untouched.
class GreenScreenPacker final : public Packer {
public:
    GreenScreenPacker(const PackerConfig& config, std::array<int, 3> keyRgb)
        : m_config(config)
        , m_width(config.sourceWidth & ~1)
        , m_height(config.sourceHeight & ~1)
        , m_converter(m_width, m_height, config.format(), config.fullRange)
    {
        // RGB -> Y'CbCr with the source's matrix, in the range the picture keeps.
        const auto k = lumaCoefficients(config.matrix);
        const YuvLevels levels = yuvLevels(config.fullRange);
        const double r = keyRgb[0] / 255.0, g = keyRgb[1] / 255.0, b = keyRgb[2] / 255.0;
        const double y = k.kr * r + (1.0 - k.kr - k.kb) * g + k.kb * b;
        m_key = { levels.black + levels.lumaSpan * y,
            128.0 + levels.chromaSpan * (b - y) / (2.0 * (1.0 - k.kb)),
            128.0 + levels.chromaSpan * (r - y) / (2.0 * (1.0 - k.kr)) };
    }
    [[nodiscard]] int outputWidth() const override { return m_width; }
    [[nodiscard]] int outputHeight() const override { return m_height; }

    ff::FramePtr pack(const AVFrame* source, const torch::Tensor& matte) override
    {
        ff::FramePtr frame = m_converter.convert(source);
        const bool deep = m_config.bitDepth > 8;
        const auto type = deep ? torch::kInt16 : torch::kUInt8;
        const int bytes = deep ? 2 : 1;
        const double scale = deep ? 4.0 : 1.0;
        const torch::Tensor alpha = matte.narrow(0, 0, m_height).narrow(1, 0, m_width);
        namespace F = torch::nn::functional;
        const torch::Tensor chromaAlpha
            = F::avg_pool2d(alpha.unsqueeze(0), F::AvgPool2dFuncOptions(2)).squeeze(0);
        for (int p = 0; p < 3; ++p) {
            const int64_t h = p == 0 ? m_height : m_height / 2;
            const int64_t w = p == 0 ? m_width : m_width / 2;
            torch::Tensor plane
                = torch::from_blob(frame->data[p], { h, frame->linesize[p] / bytes }, type).narrow(1, 0, w);
            const torch::Tensor& a = p == 0 ? alpha : chromaAlpha;
            plane.copy_(
                (plane.to(torch::kFloat32) * a + m_key[std::size_t(p)] * scale * (1.0 - a)).round().to(type));
        }
        return frame;
    }

private:
    PackerConfig m_config;
    int m_width;
    int m_height;
    std::array<double, 3> m_key {};
    PictureConverter m_converter;
};

} // namespace

std::unique_ptr<Packer> makeGreenScreenPacker(const PackerConfig& config)
{
    return std::make_unique<GreenScreenPacker>(config, parseKeyColor(config.keyColor));
}

} // namespace passthrough
