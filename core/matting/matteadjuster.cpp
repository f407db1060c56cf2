#include "matting/matteadjuster.h"

#include <torch/nn/functional/conv.h>
#include <torch/nn/functional/padding.h>
#include <torch/nn/functional/pooling.h>
#include <torch/types.h>

#include <algorithm>
#include <cmath>

namespace passthrough {
namespace {

namespace F = torch::nn::functional;

// Smoothing leaves frame-to-frame changes of at least this much alpha alone (they are motion,
// which must not trail) and calms smaller ones (flicker) the more the smaller they are.
constexpr double kMotionStep = 0.25;

// Distance in eye pixels from each matte pixel's centre to a region (0 inside), h x w.
torch::Tensor distanceToRegion(
    const MatteRegion& region, int height, int width, double eyeWidth, double eyeHeight)
{
    const auto opts = torch::TensorOptions().dtype(torch::kFloat64);
    const torch::Tensor px = ((torch::arange(width, opts) + 0.5) * (eyeWidth / width)).view({ 1, width });
    const torch::Tensor py = ((torch::arange(height, opts) + 0.5) * (eyeHeight / height)).view({ height, 1 });
    if (region.shape == MatteRegion::Shape::Rectangle) {
        const double x0 = region.points[0].first * eyeWidth;
        const double y0 = region.points[0].second * eyeHeight;
        const double x1 = region.points[1].first * eyeWidth;
        const double y1 = region.points[1].second * eyeHeight;
        const torch::Tensor dx = torch::clamp_min(torch::maximum(x0 - px, px - x1), 0.0);
        const torch::Tensor dy = torch::clamp_min(torch::maximum(y0 - py, py - y1), 0.0);
        return torch::sqrt(dx * dx + dy * dy);
    }
    torch::Tensor inside = torch::zeros({ height, width }, torch::kBool);
    torch::Tensor nearest = torch::full({ height, width }, INFINITY, opts);
    const std::size_t n = region.points.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double ax = region.points[i].first * eyeWidth;
        const double ay = region.points[i].second * eyeHeight;
        const double bx = region.points[(i + 1) % n].first * eyeWidth;
        const double by = region.points[(i + 1) % n].second * eyeHeight;
        // Even-odd rule: count the edges a ray to the right of the pixel crosses.
        if (ay != by) {
            const torch::Tensor spans = (py >= std::min(ay, by)) & (py < std::max(ay, by));
            const torch::Tensor crossX = ax + (py - ay) * ((bx - ax) / (by - ay));
            inside ^= spans & (px < crossX);
        }
        const double lengthSq = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
        const torch::Tensor t = lengthSq > 0.0
            ? torch::clamp(((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / lengthSq, 0.0, 1.0)
            : torch::zeros({ height, width }, opts);
        const torch::Tensor dx = px - (ax + t * (bx - ax));
        const torch::Tensor dy = py - (ay + t * (by - ay));
        nearest = torch::minimum(nearest, torch::sqrt(dx * dx + dy * dy));
    }
    return torch::where(inside, torch::zeros_like(nearest), nearest);
}

// 1 inside, fading to 0 over `feather` eye pixels outside the edge.
torch::Tensor regionMask(
    const MatteRegion& region, int height, int width, double eyeWidth, double eyeHeight, double feather)
{
    const torch::Tensor distance = distanceToRegion(region, height, width, eyeWidth, eyeHeight);
    if (feather <= 0.0) {
        return (distance <= 0.0).to(torch::kFloat32);
    }
    return torch::clamp(1.0 - distance / feather, 0.0, 1.0).to(torch::kFloat32);
}

torch::Tensor gaussianKernel(int radius, double sigma)
{
    const torch::Tensor x = torch::arange(-radius, radius + 1, torch::kFloat32);
    const torch::Tensor k = torch::exp(-(x * x) / (2.0 * sigma * sigma));
    return k / k.sum();
}

// Separable Gaussian blur with the edge pixels repeated, so a matte touching the frame's edge
// does not fade there.
torch::Tensor blur(const torch::Tensor& alpha, double sigma)
{
    const int radius = int(std::ceil(2.0 * sigma));
    if (radius < 1) {
        return alpha;
    }
    const torch::Tensor k = gaussianKernel(radius, sigma).to(alpha.device());
    torch::Tensor x = F::pad(alpha, F::PadFuncOptions({ radius, radius, 0, 0 }).mode(torch::kReplicate));
    x = F::conv2d(x, k.view({ 1, 1, 1, -1 }));
    x = F::pad(x, F::PadFuncOptions({ 0, 0, radius, radius }).mode(torch::kReplicate));
    return F::conv2d(x, k.view({ 1, 1, -1, 1 }));
}

// Erodes (radius > 0) or dilates (radius < 0) by a square of |radius| pixels each side.
torch::Tensor chokeBy(const torch::Tensor& alpha, int radius)
{
    const int r = std::abs(radius);
    const auto options = F::MaxPool2dFuncOptions(2 * r + 1).stride(1).padding(r);
    return radius > 0 ? -F::max_pool2d(-alpha, options) : F::max_pool2d(alpha, options);
}

} // namespace

MatteAdjuster::MatteAdjuster(MatteControls controls, int eyeWidth, int eyeHeight)
    : m_controls(std::move(controls))
    , m_eyeWidth(eyeWidth)
    , m_eyeHeight(eyeHeight)
    , m_timedRegions(std::any_of(m_controls.regions.begin(), m_controls.regions.end(),
          [](const MatteRegion& r) { return !r.span.whole() || r.moves(); }))
{
}

void MatteAdjuster::reset()
{
    m_previous = torch::Tensor();
}

torch::Tensor MatteAdjuster::regionFactor(int eyeCount, int height, int width, double seconds)
{
    if (m_controls.regions.empty()) {
        return {};
    }
    // Regions that hold for the whole video and stand still give the same factor frame after
    // frame; only with a span or a moving region is what is in force looked up for each frame.
    std::vector<MatteRegion> inForce;
    if (m_timedRegions) {
        inForce = m_controls.regionsAt(seconds);
        if (inForce.empty()) {
            return {};
        }
    }
    const std::vector<MatteRegion>& regions = m_timedRegions ? inForce : m_controls.regions;
    if (m_factor.defined() && m_factor.size(0) == eyeCount && m_factor.size(2) == height
        && m_factor.size(3) == width && (!m_timedRegions || regions == m_factorRegions)) {
        return m_factor;
    }
    std::vector<torch::Tensor> eyes;
    for (int eye = 0; eye < eyeCount; ++eye) {
        torch::Tensor keep;
        torch::Tensor factor = torch::ones({ height, width });
        for (const MatteRegion& region : regions) {
            if (!region.appliesTo(eye, eyeCount)) {
                continue;
            }
            const torch::Tensor mask
                = regionMask(region, height, width, m_eyeWidth, m_eyeHeight, m_controls.regionFeather);
            if (region.action == MatteRegion::Action::Remove) {
                factor = factor * (1.0 - mask);
            } else {
                keep = keep.defined() ? torch::maximum(keep, mask) : mask;
            }
        }
        eyes.push_back(keep.defined() ? factor * keep : factor);
    }
    m_factor = torch::stack(eyes).unsqueeze(1).contiguous();
    if (m_timedRegions) {
        m_factorRegions = std::move(inForce);
    }
    return m_factor;
}

torch::Tensor MatteAdjuster::apply(const torch::Tensor& alpha, double seconds)
{
    const MatteControls& c = m_controls;
    if (c.changesNothing()) {
        return alpha;
    }
    // Eye pixels -> matte pixels (a fisheye alpha tile holds the whole eye in D x D).
    const double scale = double(alpha.size(2)) / m_eyeHeight;
    torch::Tensor a = alpha;
    if (c.black != 0.0 || c.white != 1.0) {
        a = torch::clamp((a - c.black) / (c.white - c.black), 0.0, 1.0);
    }
    if (const int radius = int(std::lround(c.choke * scale)); radius != 0) {
        a = chokeBy(a, radius);
    }
    if (c.feather > 0.0) {
        a = blur(a, c.feather * scale / 2.0);
    }
    if (c.smooth > 0.0) {
        if (m_previous.defined() && m_previous.sizes() == a.sizes()) {
            const torch::Tensor change = a - m_previous;
            const torch::Tensor follow
                = torch::clamp_min(torch::clamp_max(change.abs() / kMotionStep, 1.0), 1.0 - c.smooth);
            a = m_previous + follow * change;
        }
        m_previous = a;
    }
    if (const torch::Tensor factor = regionFactor(int(a.size(0)), int(a.size(2)), int(a.size(3)), seconds);
        factor.defined()) {
        a = a * factor.to(a.device());
    }
    return a.contiguous();
}

} // namespace passthrough
