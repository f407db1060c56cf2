#include "matting/scenecutdetector.h"

#include <torch/types.h>

namespace passthrough {
namespace {

constexpr int kGrid = 64;
constexpr int kBins = 16;
// Both must be exceeded. Measured on the shared clips (tst_mattecontrols): within one shot
// the largest changes are 0.17 / 0.05 (a car crossing the asphalt clip; walking people and
// signing stay below 0.04 / 0.03); the cut from the office clip to the plaza clip measures
// 0.26 / 0.25, the join of two signing takes 0.26 / 0.09.
constexpr double kHistogramThreshold = 0.15;
constexpr double kPixelThreshold = 0.08;

// The first eye (H x W x 3 uint8, any strides) sampled on a kGrid x kGrid grid, as luma in [0, 1].
torch::Tensor thumbnail(const torch::Tensor& rgb)
{
    const torch::Tensor eye = rgb[0].to(torch::kCPU);
    const auto rows = torch::linspace(0, double(eye.size(0) - 1), kGrid).round().to(torch::kLong);
    const auto cols = torch::linspace(0, double(eye.size(1) - 1), kGrid).round().to(torch::kLong);
    const torch::Tensor grid = eye.index_select(0, rows).index_select(1, cols).to(torch::kFloat32);
    return (grid.select(2, 0) * 0.299 + grid.select(2, 1) * 0.587 + grid.select(2, 2) * 0.114) / 255.0;
}

torch::Tensor lumaHistogram(const torch::Tensor& luma)
{
    return torch::histc(luma, kBins, 0.0, 1.0) / double(luma.numel());
}

} // namespace

bool SceneCutDetector::isCut(const EyeBatch& eyes)
{
    const torch::Tensor luma = thumbnail(eyes.rgb);
    const bool first = !m_previous.defined();
    if (!first) {
        m_histogramDistance
            = (lumaHistogram(luma) - lumaHistogram(m_previous)).abs().sum().item<double>() / 2.0;
        m_pixelDifference = (luma - m_previous).abs().mean().item<double>();
    }
    m_previous = luma;
    return !first && m_histogramDistance > kHistogramThreshold && m_pixelDifference > kPixelThreshold;
}

void SceneCutDetector::reset()
{
    m_previous = torch::Tensor();
    m_histogramDistance = 0.0;
    m_pixelDifference = 0.0;
}

} // namespace passthrough
