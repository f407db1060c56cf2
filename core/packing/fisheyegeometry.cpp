#include "packing/fisheyegeometry.h"

#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>

#include <cmath>

namespace passthrough {

FisheyeAlphaGeometry::FisheyeAlphaGeometry(int frameWidth, int frameHeight)
    : m_width(frameWidth)
    , m_height(frameHeight)
    , m_diameter(int(std::lround(0.4 * frameHeight)))
{
    const double radius = m_diameter / 2.0;
    auto centred = torch::arange(m_diameter, torch::kFloat32).add_(0.5 - radius);
    auto distance = (centred.view({ -1, 1 }).pow(2) + centred.view({ 1, -1 }).pow(2)).sqrt_();
    m_disc = (radius + 0.5 - distance).clamp_(0.0, 1.0);
}

torch::Tensor FisheyeAlphaGeometry::rows() const
{
    return (torch::arange(m_diameter, torch::kInt64) - m_diameter / 2).remainder(m_height);
}

torch::Tensor FisheyeAlphaGeometry::columns(int eye) const
{
    const int64_t x0 = (eye == 0 ? m_width / 2 : 0) - m_diameter / 2;
    return (torch::arange(m_diameter, torch::kInt64) + x0).remainder(m_width);
}

torch::Tensor FisheyeAlphaGeometry::shrinkEyes(const torch::Tensor& frameMatte) const
{
    const int64_t eye = frameMatte.size(1) / 2;
    auto eyes = torch::stack({ frameMatte.narrow(1, 0, eye), frameMatte.narrow(1, eye, eye) }).unsqueeze(1);
    namespace F = torch::nn::functional;
    auto tiles = F::interpolate(eyes.to(torch::kFloat32),
        F::InterpolateFuncOptions().size(std::vector<int64_t> { m_diameter, m_diameter }).mode(torch::kArea));
    return tiles.squeeze(1);
}

torch::Tensor FisheyeAlphaGeometry::readTiles(const torch::Tensor& plane) const
{
    const auto r = rows().unsqueeze(1);
    return torch::stack(
        { plane.index({ r, columns(0).unsqueeze(0) }), plane.index({ r, columns(1).unsqueeze(0) }) });
}

PackedSize fisheyeAlphaOutputSize(int sourceWidth, int sourceHeight)
{
    const int height = std::max(32, int(std::lround(sourceHeight / 32.0)) * 32);
    const int width
        = std::max(64, int(std::lround(sourceWidth / 64.0)) * 64); // even eye width, multiple of 32
    return { width, height };
}

} // namespace passthrough
