#pragma once

#include "matting/tensor.h"
#include "person/graphexecutor.h"
#include "person/pose.h"

#include <array>
#include <string>
#include <vector>

namespace passthrough::person {

// MoveNet MultiPose Lightning (TF.js graph model: movenet-multipose.json + .bin) run natively.
// Up to 6 people per image; the graph does its own normalisation and decoding.
class MoveNet {
public:
    static constexpr const char* kGraphFile = "movenet-multipose.json";
    static constexpr const char* kWeightsFile = "movenet-multipose.bin";
    static constexpr int kRowValues = 56; // 17 x (y, x, score), ymin, xmin, ymax, xmax, score

    // `path`: the graph's JSON or the folder that holds it. Throws Error(Model).
    MoveNet(const std::string& path, torch::Device device);

    // The graph's own output for a [1, H, W, 3] int32 RGB tensor (H and W multiples of 32):
    // [1, 6, 56] float32 on the CPU, coordinates normalised to H and W.
    [[nodiscard]] torch::Tensor run(const torch::Tensor& nhwc) const;

    // The people in an H x W x 3 uint8 RGB image, scaled (aspect kept) so that its long side is
    // `longSide` (a multiple of 32) and padded with black to multiples of 32, centred. Every
    // candidate row is returned, highest score first; callers choose their threshold.
    [[nodiscard]] std::vector<Pose> detect(const torch::Tensor& rgb, int longSide) const;

    [[nodiscard]] torch::Device device() const { return m_executor.device(); }

private:
    GraphExecutor m_executor;
};

// The graph's JSON in `path` (a file, or the folder holding kGraphFile).
std::string moveNetGraphPath(const std::string& path);

} // namespace passthrough::person
