#include "media/ffmpegptr.h"
#include "packing/fisheyealpha.h"
#include "packing/packer.h"
#include "packing/pictureconverter.h"
#include "util/error.h"

#include <torch/nn/functional/pooling.h>
#include <torch/types.h>

namespace passthrough {
namespace {

// Green screen for players that key live: the source where alpha is 1, the pure key colour
// where it is 0, blended in between; in the source's own YUV so the subject is untouched.
// Given RVM's foreground, the blend in between takes the subject's colours from it instead of
// from the source, which still holds the old background there (less spill at hair and edges).
class GreenScreenPacker final : public Packer {
public:
    GreenScreenPacker(const PackerConfig& config, std::array<int, 3> keyRgb)
        : m_config(config)
        , m_width(config.sourceWidth & ~1)
        , m_height(config.sourceHeight & ~1)
        , m_converter(m_width, m_height, config.format(), config.fullRange)
    {
        const auto key
            = toYuv(torch::tensor({ keyRgb[0], keyRgb[1], keyRgb[2] }, torch::kFloat64).view({ 1, 1, 3 }));
        m_key = { key[0].item<double>(), key[1].item<double>(), key[2].item<double>() };
    }
    [[nodiscard]] int outputWidth() const override { return m_width; }
    [[nodiscard]] int outputHeight() const override { return m_height; }

    ff::FramePtr pack(const AVFrame* source, const torch::Tensor& matte) override
    {
        return blend(source, matte, {});
    }

    ff::FramePtr packWithForeground(
        const AVFrame* source, const torch::Tensor& matte, const torch::Tensor& foreground) override
    {
        return blend(source, matte, foreground);
    }

private:
    // H x W x 3 RGB in 0..255 -> three planes of Y'CbCr (8-bit code values) with the source's
    // matrix, in the range the picture keeps; in the input's precision when it is floating point
    // (the key colour, once, in double), else in float.
    [[nodiscard]] std::array<torch::Tensor, 3> toYuv(const torch::Tensor& rgb255) const
    {
        const auto k = lumaCoefficients(m_config.matrix);
        const YuvLevels levels = yuvLevels(m_config.fullRange);
        const torch::Tensor rgb = (rgb255.is_floating_point() ? rgb255 : rgb255.to(torch::kFloat32)) / 255.0;
        const torch::Tensor r = rgb.select(2, 0);
        const torch::Tensor g = rgb.select(2, 1);
        const torch::Tensor b = rgb.select(2, 2);
        const torch::Tensor y = k.kr * r + (1.0 - k.kr - k.kb) * g + k.kb * b;
        return { levels.black + levels.lumaSpan * y,
            128.0 + levels.chromaSpan * (b - y) / (2.0 * (1.0 - k.kb)),
            128.0 + levels.chromaSpan * (r - y) / (2.0 * (1.0 - k.kr)) };
    }

    ff::FramePtr blend(const AVFrame* source, const torch::Tensor& matte, const torch::Tensor& foreground)
    {
        ff::FramePtr frame = m_converter.convert(source);
        const bool deep = m_config.bitDepth > 8;
        const auto type = deep ? torch::kInt16 : torch::kUInt8;
        const int bytes = deep ? 2 : 1;
        std::array<torch::Tensor, 3> planes;
        for (int p = 0; p < 3; ++p) {
            const int64_t h = p == 0 ? m_height : m_height / 2;
            const int64_t w = p == 0 ? m_width : m_width / 2;
            planes[std::size_t(p)]
                = torch::from_blob(frame->data[p], { h, frame->linesize[p] / bytes }, type).narrow(1, 0, w);
        }
        // Bands of rows bound the float temporaries: an 8192x4096 frame in one piece took 1.9 GB
        // and ran at a fifth of the matte packing's pace. Bands start on even rows, so each
        // holds whole 2 x 2 chroma blocks.
        constexpr int64_t kBandRows = 64;
        for (int64_t first = 0; first < m_height; first += kBandRows) {
            const int64_t count = std::min(kBandRows, m_height - first);
            blendBand(planes, matte.narrow(0, first, count).narrow(1, 0, m_width),
                foreground.defined() ? foreground.narrow(0, first, count).narrow(1, 0, m_width)
                                     : torch::Tensor(),
                first, count, deep ? 4.0 : 1.0, type);
        }
        return frame;
    }

    void blendBand(std::array<torch::Tensor, 3>& planes, const torch::Tensor& alpha,
        const torch::Tensor& foreground, int64_t first, int64_t count, double scale,
        torch::ScalarType type) const
    {
        namespace F = torch::nn::functional;
        const torch::Tensor chromaAlpha
            = F::avg_pool2d(alpha.unsqueeze(0), F::AvgPool2dFuncOptions(2)).squeeze(0);
        std::array<torch::Tensor, 3> subject;
        if (foreground.defined()) {
            subject = toYuv(foreground);
            for (int p = 1; p < 3; ++p) {
                subject[std::size_t(p)]
                    = F::avg_pool2d(subject[std::size_t(p)].unsqueeze(0), F::AvgPool2dFuncOptions(2))
                          .squeeze(0);
            }
        }
        for (int p = 0; p < 3; ++p) {
            torch::Tensor plane = p == 0 ? planes[0].narrow(0, first, count)
                                         : planes[std::size_t(p)].narrow(0, first / 2, count / 2);
            const torch::Tensor& a = p == 0 ? alpha : chromaAlpha;
            torch::Tensor colour = plane.to(torch::kFloat32);
            if (foreground.defined()) {
                // Where the subject is whole the source stays exactly as it was.
                colour = torch::where(a < 1.0f, subject[std::size_t(p)] * scale, colour);
            }
            plane.copy_((colour * a + m_key[std::size_t(p)] * scale * (1.0 - a)).round().to(type));
        }
    }

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
