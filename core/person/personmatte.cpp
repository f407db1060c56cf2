#include "person/personmatte.h"

#include "person/persondecisions.h"

#include <torch/types.h>

#include <algorithm>
#include <limits>

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

    // The box, grown for hair, fingers and loose clothes the keypoints do not reach; a body that
    // touches the bottom edge runs on below it.
    const float w = (p.right - p.left) * eyeW;
    const float h = (p.bottom - p.top) * eyeH;
    const float margin = 0.12F * std::max(w, h) + 0.02F * std::max(eyeW, eyeH);
    const float bottom = p.bottom >= 0.92F ? eyeH * 2 : p.bottom * eyeH + margin;
    const torch::Tensor x = points.select(1, 0);
    const torch::Tensor y = points.select(1, 1);
    const torch::Tensor inside = (x >= p.left * eyeW - margin) & (x <= p.right * eyeW + margin)
        & (y >= p.top * eyeH - margin) & (y <= bottom);
    return torch::where(inside, d, torch::full_like(d, std::numeric_limits<float>::infinity()));
}

} // namespace

torch::Tensor personMatteFactor(const FramePeople& frame, const std::array<std::vector<bool>, 2>& removed,
    const std::array<bool, 2>& outsideRemoved, int eyeCount, int height, int width, int eyeWidth,
    int eyeHeight, torch::Device device)
{
    bool any = false;
    for (int e = 0; e < eyeCount; ++e) {
        any = any || outsideRemoved[std::size_t(e)]
            || std::find(removed[std::size_t(e)].begin(), removed[std::size_t(e)].end(), true)
                != removed[std::size_t(e)].end();
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
        for (std::size_t i = 0; i < people.size(); ++i) {
            if (people[i].pose.score < kPersonScore) {
                continue;
            }
            distances.push_back(distanceToPerson(people[i].pose, points, eyeW, eyeH));
            keep.push_back(removed[std::size_t(e)][i] ? 0.0F : 1.0F);
        }
        torch::Tensor factor
            = outsideRemoved[std::size_t(e)] ? torch::zeros({ gh * gw }) : torch::ones({ gh * gw });
        if (!distances.empty()) {
            const torch::Tensor d = torch::stack(distances); // P x G
            const auto [nearest, owner] = d.min(0);
            const torch::Tensor keeps = torch::from_blob(keep.data(), { std::int64_t(keep.size()) }).clone();
            factor = torch::where(torch::isinf(nearest), factor, keeps.index_select(0, owner));
        }
        factors.push_back(factor.reshape({ 1, 1, gh, gw }));
    }
    const torch::Tensor grid = torch::cat(factors, 0).to(device);
    // Bilinear between values in [0, 1] stays in [0, 1].
    return torch::upsample_bilinear2d(grid, { height, width }, false);
}

torch::Tensor removePeople(
    const PeopleDecisions& people, std::int64_t pts, const torch::Tensor& alpha, int eyeWidth, int eyeHeight)
{
    const FramePeople* frame = people.timeline().at(pts);
    const auto* removed = people.removed(pts);
    if (frame == nullptr || removed == nullptr) {
        return alpha;
    }
    const torch::Tensor factor = personMatteFactor(*frame, *removed, people.outsideRemoved(pts),
        int(alpha.size(0)), int(alpha.size(2)), int(alpha.size(3)), eyeWidth, eyeHeight, alpha.device());
    return factor.defined() ? alpha * factor.to(alpha.scalar_type()) : alpha;
}

} // namespace passthrough::person
