#include "person/roimatte.h"

#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>

#include <algorithm>
#include <cmath>

namespace passthrough::person {
namespace {

namespace F = torch::nn::functional;

// The ratio that shrinks `side` to exactly `modelSide` pixels (the backend floors side x ratio).
double cropRatio(int side, int modelSide)
{
    double ratio = double(modelSide) / side;
    while (std::floor(side * ratio) < modelSide) {
        ratio = std::nextafter(ratio, 2.0);
    }
    return std::min(ratio, 1.0);
}

} // namespace

torch::Tensor roiBlendWeight(const RoiSquare& square, int eyeWidth, int eyeHeight)
{
    const double feather = std::max(1.0, square.side / 8.0);
    // Distance inward from each side, in pixels from the pixel's centre; a side on the eye's
    // edge counts as far away.
    const auto ramp = [&](bool atLowEdge, bool atHighEdge) {
        const torch::Tensor at = torch::arange(square.side, torch::kFloat32).add_(0.5);
        const torch::Tensor low = atLowEdge ? torch::full_like(at, 1e9) : at.clone();
        const torch::Tensor high = atHighEdge ? torch::full_like(at, 1e9) : at.neg().add_(square.side);
        return torch::minimum(low, high).div_(feather).clamp_(0.0, 1.0);
    };
    const torch::Tensor columns = ramp(square.x == 0, square.x + square.side >= eyeWidth);
    const torch::Tensor rows = ramp(square.y == 0, square.y + square.side >= eyeHeight);
    return torch::minimum(rows.view({ square.side, 1 }), columns.view({ 1, square.side }));
}

std::unique_ptr<RoiMatting> makeRoiMatting(const PeopleDecisions& people, MattingBackend& backend,
    int eyeWidth, int eyeHeight, double ratio, double secondsPerPts,
    const std::function<void(const std::string&)>& warn)
{
    const auto say = [&](const std::string& line) {
        if (warn) {
            warn(line);
        }
    };
    const PeopleTimeline& timeline = people.timeline();
    if (timeline.eyeWidth != eyeWidth || timeline.eyeHeight != eyeHeight) {
        say("--roi auto: the people were found in eyes of " + std::to_string(timeline.eyeWidth) + "x"
            + std::to_string(timeline.eyeHeight) + " px, not " + std::to_string(eyeWidth) + "x"
            + std::to_string(eyeHeight) + "; the whole eye's matte is used alone");
        return nullptr;
    }
    auto roi = std::make_unique<RoiMatting>(
        std::make_shared<const RoiPlan>(people, ratio, secondsPerPts), backend);
    if (!roi->available()) {
        say("--roi auto: the " + backend.name()
            + " model cannot matte crops beside the whole eye; the whole "
              "eye's matte is used alone");
        return nullptr;
    }
    return roi;
}

RoiMatting::RoiMatting(std::shared_ptr<const RoiPlan> plan, MattingBackend& backend)
    : m_plan(std::move(plan))
    , m_backend(backend)
{
    m_available = m_backend.newStream() != nullptr;
}

void RoiMatting::reset()
{
    for (auto& [index, stream] : m_streams) {
        stream->resetState();
    }
}

torch::Tensor RoiMatting::apply(const EyeBatch& eyes, std::int64_t pts, torch::Tensor alpha)
{
    if (!m_available) {
        return alpha;
    }
    const std::vector<std::size_t> now = m_plan->matted(pts);
    // A crop that ended lets its state go; one that starts gets a fresh one.
    std::erase_if(m_streams,
        [&](const auto& entry) { return !std::binary_search(now.begin(), now.end(), entry.first); });
    const int eyeCount = int(eyes.rgb.size(0));
    const int eyeHeight = int(eyes.rgb.size(1));
    const int eyeWidth = int(eyes.rgb.size(2));
    const int64_t height = alpha.size(2);
    const int64_t width = alpha.size(3);
    const double scaleX = double(width) / eyeWidth;
    const double scaleY = double(height) / eyeHeight;
    bool copied = false;
    for (std::size_t index : now) {
        const RoiCrop& crop = m_plan->crops()[index];
        auto& stream = m_streams[index];
        if (!stream) {
            stream = m_backend.newStream();
        }
        std::vector<torch::Tensor> pieces;
        for (int eye = 0; eye < eyeCount; ++eye) {
            const RoiSquare& s = crop.eyes[std::size_t(eye)];
            pieces.push_back(eyes.rgb[eye].narrow(0, s.y, s.side).narrow(1, s.x, s.side));
        }
        EyeBatch batch;
        batch.rgb = torch::stack(pieces);
        const int side = crop.eyes[0].side;
        const torch::Tensor matte = stream->step(batch, cropRatio(side, crop.modelSide)); // N x 1 x s x s
        if (pts < crop.firstPts) {
            continue; // warming up
        }
        if (!copied) {
            alpha = alpha.clone(); // the caller's matte stays as it was
            copied = true;
        }
        for (int eye = 0; eye < eyeCount; ++eye) {
            const RoiSquare& s = crop.eyes[std::size_t(eye)];
            torch::Tensor cropAlpha = matte[eye]; // 1 x s x s
            torch::Tensor weight = roiBlendWeight(s, eyeWidth, eyeHeight).unsqueeze(0);
            // Where the matte is stored smaller than the eye (fisheye alpha), the square's
            // pixels there, each an average of the eye pixels it covers.
            const int64_t x0 = std::lround(s.x * scaleX);
            const int64_t y0 = std::lround(s.y * scaleY);
            const int64_t x1 = std::min<int64_t>(width, std::lround((s.x + s.side) * scaleX));
            const int64_t y1 = std::min<int64_t>(height, std::lround((s.y + s.side) * scaleY));
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            if (x1 - x0 != s.side || y1 - y0 != s.side) {
                const auto area = F::InterpolateFuncOptions()
                                      .size(std::vector<int64_t> { y1 - y0, x1 - x0 })
                                      .mode(torch::kArea);
                cropAlpha = F::interpolate(cropAlpha.unsqueeze(0), area).squeeze(0);
                weight = F::interpolate(weight.unsqueeze(0), area).squeeze(0);
            }
            torch::Tensor under = alpha[eye].narrow(1, y0, y1 - y0).narrow(2, x0, x1 - x0);
            under.add_(weight * (cropAlpha - under));
        }
    }
    return alpha;
}

} // namespace passthrough::person
