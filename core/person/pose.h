#pragma once

#include <algorithm>
#include <array>

// What MoveNet finds, without LibTorch: the window and the job file read poses too.
namespace passthrough::person {

// COCO's 17 keypoints in MoveNet's order; "left" is the person's own left.
enum Keypoint {
    Nose,
    LeftEye,
    RightEye,
    LeftEar,
    RightEar,
    LeftShoulder,
    RightShoulder,
    LeftElbow,
    RightElbow,
    LeftWrist,
    RightWrist,
    LeftHip,
    RightHip,
    LeftKnee,
    RightKnee,
    LeftAnkle,
    RightAnkle,
    KeypointCount
};

struct PosePoint {
    float x = 0;
    float y = 0;
    float score = 0;
};

// One person as MoveNet sees them, in the pixels of the image it was given.
struct Pose {
    std::array<PosePoint, KeypointCount> keypoints;
    float left = 0, top = 0, right = 0, bottom = 0;
    float score = 0;
};

// The area of a pose's box (0 for an empty box).
inline float boxArea(const Pose& p)
{
    return std::max(0.0F, p.right - p.left) * std::max(0.0F, p.bottom - p.top);
}

// The area two boxes share (0 when they do not meet).
inline float boxIntersection(const Pose& a, const Pose& b)
{
    const float w = std::min(a.right, b.right) - std::max(a.left, b.left);
    const float h = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
    return w <= 0 || h <= 0 ? 0.0F : w * h;
}

// Two boxes' intersection over their union (0 when they do not meet).
inline float boxOverlap(const Pose& a, const Pose& b)
{
    const float shared = boxIntersection(a, b);
    return shared <= 0 ? 0.0F : shared / std::max(1e-12F, boxArea(a) + boxArea(b) - shared);
}

} // namespace passthrough::person
