#include "person/personmatte.h"

#include "person/persondecisions.h"

#include <torch/types.h>

#include <algorithm>
#include <limits>
#include <optional>

namespace passthrough::person {
namespace {

// COCO's skeleton: the bones between MoveNet's keypoints.
constexpr std::array<std::pair<Keypoint, Keypoint>, 16> kBones { {
    { Nose, LeftEye },
    { Nose, RightEye },
    { LeftEye, LeftEar },
    { RightEye, RightEar },
    { LeftShoulder, RightShoulder },
    { LeftShoulder, LeftElbow },
    { LeftElbow, LeftWrist },
    { RightShoulder, RightElbow },
    { RightElbow, RightWrist },
    { LeftShoulder, LeftHip },
    { RightShoulder, RightHip },
    { LeftHip, RightHip },
    { LeftHip, LeftKnee },
    { LeftKnee, LeftAnkle },
    { RightHip, RightKnee },
    { RightKnee, RightAnkle },
} };
constexpr float kBoneSeen = 0.2F;
// The grid the split is computed on: this many cells along the matte's long side (8 eye pixels
// at 1024). Skeletons carry no finer detail, the split's border mostly falls where alpha is low,
// and the cost stays a few ms per frame (a quarter-size grid took 38 ms per 1280x720 frame).
constexpr std::int64_t kGridCells = 128;

// Whether each grid point lies in the person's box, grown for hair, fingers and loose clothes the
// keypoints do not reach; a body that touches the bottom edge runs on below it.
torch::Tensor insideGrownBox(const Pose& p, const torch::Tensor& points, float eyeW, float eyeH)
{
    const float w = (p.right - p.left) * eyeW;
    const float h = (p.bottom - p.top) * eyeH;
    const float margin = 0.12F * std::max(w, h) + 0.02F * std::max(eyeW, eyeH);
    const float bottom = p.bottom >= 0.92F ? eyeH * 2 : p.bottom * eyeH + margin;
    const torch::Tensor x = points.select(1, 0);
    const torch::Tensor y = points.select(1, 1);
    return (x >= p.left * eyeW - margin) & (x <= p.right * eyeW + margin) & (y >= p.top * eyeH - margin)
        & (y <= bottom);
}

// Distance (eye pixels) from each grid point to the person's skeleton, +inf outside the
// person's enlarged box. `points` is G x 2 (x, y) in eye pixels.
torch::Tensor distanceToPerson(const Pose& p, const torch::Tensor& points, float eyeW, float eyeH)
{
    std::vector<float> ends;
    for (const auto& [a, b] : kBones) {
        const PosePoint& u = p.keypoints[std::size_t(a)];
        const PosePoint& v = p.keypoints[std::size_t(b)];
        if (u.score > kBoneSeen && v.score > kBoneSeen) {
            ends.insert(ends.end(), { u.x * eyeW, u.y * eyeH, v.x * eyeW, v.y * eyeH });
        }
    }
    for (int k = 0; k < KeypointCount; ++k) { // keypoints seen on no bone count as points
        const PosePoint& u = p.keypoints[std::size_t(k)];
        const bool onBone = std::any_of(kBones.begin(), kBones.end(), [&](const auto& bone) {
            return (bone.first == k || bone.second == k)
                && p.keypoints[std::size_t(bone.first)].score > kBoneSeen
                && p.keypoints[std::size_t(bone.second)].score > kBoneSeen;
        });
        if (u.score > kBoneSeen && !onBone) {
            ends.insert(ends.end(), { u.x * eyeW, u.y * eyeH, u.x * eyeW, u.y * eyeH });
        }
    }
    if (ends.empty()) { // no keypoint seen: the box's centre line
        const float cx = 0.5F * (p.left + p.right) * eyeW;
        ends.insert(ends.end(), { cx, p.top * eyeH, cx, p.bottom * eyeH });
    }
    const torch::Tensor segments
        = torch::from_blob(ends.data(), { std::int64_t(ends.size() / 4), 4 }).clone();
    const torch::Tensor a = segments.narrow(1, 0, 2).unsqueeze(0); // 1 x S x 2
    const torch::Tensor ab = segments.narrow(1, 2, 2).unsqueeze(0) - a;
    const torch::Tensor ap = points.unsqueeze(1) - a; // G x S x 2
    const torch::Tensor t = ((ap * ab).sum(2) / (ab * ab).sum(2).clamp_min(1e-6)).clamp(0, 1);
    const torch::Tensor d = (ap - t.unsqueeze(2) * ab).norm(2, 2).amin(1); // G

    const torch::Tensor inside = insideGrownBox(p, points, eyeW, eyeH);
    return torch::where(inside, d, torch::full_like(d, std::numeric_limits<float>::infinity()));
}

// A flat uint8 tensor's values.
std::vector<std::uint8_t> bytesOf(const torch::Tensor& t)
{
    const torch::Tensor flat = t.to(torch::kCPU, torch::kUInt8).contiguous().flatten();
    return { flat.data_ptr<std::uint8_t>(), flat.data_ptr<std::uint8_t>() + flat.numel() };
}

// The region of `candidates` (gh x gw, row-major) reached from its bottom rows, grown by one cell
// into `grow` (its soft edges); empty when it is smaller than kPovRegionShare of the grid.
// `body`: cells a POV body found by the person model owns, from which the region spreads too (a
// hand or a foot that reaches past the body's box goes with it).
std::vector<std::uint8_t> regionFromBottom(const std::vector<std::uint8_t>& candidates,
    const std::vector<std::uint8_t>& grow, const std::vector<std::uint8_t>& body, std::int64_t gh,
    std::int64_t gw)
{
    std::vector<std::uint8_t> region(candidates.size(), 0);
    std::vector<std::int64_t> stack;
    const auto firstSeedRow = std::int64_t(double(gh) * (1.0 - kPovSeedRows));
    for (std::int64_t y = 0; y < gh; ++y) {
        for (std::int64_t x = 0; x < gw; ++x) {
            const auto cell = std::size_t(y * gw + x);
            if (candidates[cell] && (y >= firstSeedRow || body[cell])) {
                region[cell] = 1;
                stack.push_back(y * gw + x);
            }
        }
    }
    std::size_t area = 0;
    while (!stack.empty()) {
        const std::int64_t cell = stack.back();
        stack.pop_back();
        ++area;
        const std::int64_t y = cell / gw;
        const std::int64_t x = cell % gw;
        for (const auto& [dy, dx] : { std::pair { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 } }) {
            const std::int64_t ny = y + dy;
            const std::int64_t nx = x + dx;
            if (ny < 0 || ny >= gh || nx < 0 || nx >= gw) {
                continue;
            }
            const auto next = std::size_t(ny * gw + nx);
            if (candidates[next] && !region[next]) {
                region[next] = 1;
                stack.push_back(std::int64_t(next));
            }
        }
    }
    if (double(area) < kPovRegionShare * double(gh * gw)) {
        return {};
    }
    std::vector<std::uint8_t> grown = region;
    for (std::int64_t y = 0; y < gh; ++y) {
        for (std::int64_t x = 0; x < gw; ++x) {
            const auto cell = std::size_t(y * gw + x);
            if (region[cell] || !grow[cell]) {
                continue;
            }
            const bool touches = (y > 0 && region[cell - std::size_t(gw)])
                || (y + 1 < gh && region[cell + std::size_t(gw)]) || (x > 0 && region[cell - 1])
                || (x + 1 < gw && region[cell + 1]);
            grown[cell] = touches ? 1 : 0;
        }
    }
    return grown;
}

} // namespace

torch::Tensor personMatteFactor(const FramePeople& frame, const std::array<std::vector<bool>, 2>& removed,
    const std::array<bool, 2>& outsideRemoved, int eyeCount, int height, int width, int eyeWidth,
    int eyeHeight, torch::Device device, const PovMatte* pov, std::array<PovRegion, 2>* povRegions)
{
    bool any = pov != nullptr;
    for (int e = 0; e < eyeCount; ++e) {
        any = any || outsideRemoved[std::size_t(e)]
            || std::find(removed[std::size_t(e)].begin(), removed[std::size_t(e)].end(), true)
                != removed[std::size_t(e)].end();
    }
    if (povRegions) {
        *povRegions = {};
    }
    if (!any) {
        return {};
    }
    torch::NoGradGuard noGrad;
    const std::int64_t longSide = std::max(height, width);
    const std::int64_t cells = std::min<std::int64_t>(kGridCells, longSide);
    const std::int64_t gh
        = std::max<std::int64_t>(1, (std::int64_t(height) * cells + longSide / 2) / longSide);
    const std::int64_t gw
        = std::max<std::int64_t>(1, (std::int64_t(width) * cells + longSide / 2) / longSide);
    const auto eyeW = float(eyeWidth);
    const auto eyeH = float(eyeHeight);
    // Grid cell centres in eye pixels.
    const torch::Tensor ys = (torch::arange(gh, torch::kFloat) + 0.5F) * (eyeH / float(gh));
    const torch::Tensor xs = (torch::arange(gw, torch::kFloat) + 0.5F) * (eyeW / float(gw));
    const std::vector<torch::Tensor> mesh = torch::meshgrid({ ys, xs }, "ij");
    const torch::Tensor points = torch::stack({ mesh[1].flatten(), mesh[0].flatten() }, 1);

    std::vector<torch::Tensor> factors;
    for (int e = 0; e < eyeCount; ++e) {
        const auto& people = frame.eyes[std::size_t(e)];
        std::vector<torch::Tensor> distances;
        std::vector<float> keep;
        std::vector<float> isBody;
        // Beside the wearer's body, someone standing upright counts even where the model scores
        // them low: else the body, which the split does count, would take their part.
        const bool bodyHere
            = std::any_of(people.begin(), people.end(), [](const EyePerson& p) { return p.povBody; });
        for (std::size_t i = 0; i < people.size(); ++i) {
            const Pose& pose = people[i].pose;
            const bool weakButStanding = bodyHere && pose.score >= kStoredPersonScore && standsUpright(pose);
            if (pose.score < kPersonScore && !weakButStanding) {
                continue;
            }
            distances.push_back(distanceToPerson(people[i].pose, points, eyeW, eyeH));
            keep.push_back(removed[std::size_t(e)][i] ? 0.0F : 1.0F);
            isBody.push_back(people[i].povBody && removed[std::size_t(e)][i] ? 1.0F : 0.0F);
        }
        torch::Tensor factor
            = outsideRemoved[std::size_t(e)] ? torch::zeros({ gh * gw }) : torch::ones({ gh * gw });
        torch::Tensor keptOwner = torch::zeros({ gh * gw }, torch::kBool); // a person who stays owns it
        torch::Tensor bodyOwner = torch::zeros({ gh * gw }, torch::kBool); // a POV body owns it
        if (!distances.empty()) {
            const torch::Tensor d = torch::stack(distances); // P x G
            const auto [nearest, owner] = d.min(0);
            const torch::Tensor keeps = torch::from_blob(keep.data(), { std::int64_t(keep.size()) }).clone();
            const torch::Tensor bodies
                = torch::from_blob(isBody.data(), { std::int64_t(isBody.size()) }).clone();
            const torch::Tensor owned = ~torch::isinf(nearest);
            factor = torch::where(owned, keeps.index_select(0, owner), factor);
            keptOwner = owned & (keeps.index_select(0, owner) > 0.5F);
            bodyOwner = owned & (bodies.index_select(0, owner) > 0.5F);
        }
        if (pov) {
            // The wearer's body as the matte shows it: alpha above half that no person who stays
            // explains, connected to the bottom of the eye; its soft edges (alpha above a tenth) go
            // with it.
            const torch::Tensor cellAlpha = torch::adaptive_avg_pool2d(
                pov->alpha[e].to(torch::kCPU, torch::kFloat).unsqueeze(0), { gh, gw })
                                                .flatten();
            torch::Tensor free = ~keptOwner;
            for (const Pose& standing : pov->standingNear[std::size_t(e)]) {
                free = free & ~insideGrownBox(standing, points, eyeW, eyeH);
            }
            const std::vector<std::uint8_t> region = regionFromBottom(bytesOf((cellAlpha > 0.5F) & free),
                bytesOf((cellAlpha > 0.1F) & free), bytesOf(bodyOwner), gh, gw);
            if (!region.empty()) {
                const torch::Tensor inRegion
                    = torch::from_blob(const_cast<std::uint8_t*>(region.data()), { gh * gw }, torch::kUInt8)
                          .to(torch::kBool);
                factor = torch::where(inRegion, torch::zeros_like(factor), factor);
                if (povRegions) {
                    const torch::Tensor cells = inRegion.nonzero().flatten();
                    const torch::Tensor rows = cells.div(gw, "floor");
                    const torch::Tensor cols = cells.remainder(gw);
                    (*povRegions)[std::size_t(e)]
                        = { true, float(cols.min().item<std::int64_t>()) / float(gw),
                              float(rows.min().item<std::int64_t>()) / float(gh),
                              float(cols.max().item<std::int64_t>() + 1) / float(gw),
                              float(rows.max().item<std::int64_t>() + 1) / float(gh) };
                }
            }
        }
        factors.push_back(factor.reshape({ 1, 1, gh, gw }));
    }
    const torch::Tensor grid = torch::cat(factors, 0).to(device);
    // Bilinear between values in [0, 1] stays in [0, 1].
    return torch::upsample_bilinear2d(grid, { height, width }, false);
}

torch::Tensor removePeople(const PeopleDecisions& people, std::int64_t pts, const torch::Tensor& alpha,
    int eyeWidth, int eyeHeight, std::array<PovRegion, 2>* povRegions)
{
    const FramePeople* frame = people.timeline().at(pts);
    const auto* removed = people.removed(pts);
    if (frame == nullptr || removed == nullptr) {
        return alpha;
    }
    std::optional<PovMatte> pov;
    if (people.povAuto()) {
        pov = PovMatte { alpha, people.standingNear(pts) };
    }
    const torch::Tensor factor = personMatteFactor(*frame, *removed, people.outsideRemoved(pts),
        int(alpha.size(0)), int(alpha.size(2)), int(alpha.size(3)), eyeWidth, eyeHeight, alpha.device(),
        pov ? &*pov : nullptr, povRegions);
    return factor.defined() ? alpha * factor.to(alpha.scalar_type()) : alpha;
}

} // namespace passthrough::person
