#include "person/movenet.h"

#include "util/error.h"

#include <torch/types.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace passthrough::person {

std::string moveNetGraphPath(const std::string& path)
{
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        return (std::filesystem::path(path) / MoveNet::kGraphFile).string();
    }
    return path;
}

MoveNet::MoveNet(const std::string& path, torch::Device device)
    : m_executor(readTfjsGraph(moveNetGraphPath(path)), device, moveNetGraphPath(path))
{
}

torch::Tensor MoveNet::run(const torch::Tensor& nhwc) const
{
    if (nhwc.dim() != 4 || nhwc.size(0) != 1 || nhwc.size(3) != 3 || nhwc.size(1) % 32 != 0
        || nhwc.size(2) % 32 != 0 || nhwc.size(1) == 0 || nhwc.size(2) == 0) {
        throw Error(
            ErrorKind::Model, "The person model takes 1 x H x W x 3 images with H and W multiples of 32.");
    }
    const torch::Tensor out = m_executor.run(nhwc).to(torch::kCPU, torch::kFloat).contiguous();
    if (out.dim() != 3 || out.size(0) != 1 || out.size(2) != kRowValues) {
        throw Error(ErrorKind::Model,
            "The person model gave an output of an unexpected shape (1 x N x 56 expected).");
    }
    return out;
}

std::vector<Pose> MoveNet::detect(const torch::Tensor& rgb, int longSide) const
{
    if (rgb.dim() != 3 || rgb.size(2) != 3 || rgb.size(0) < 1 || rgb.size(1) < 1 || longSide < 32
        || longSide % 32 != 0) {
        throw Error(ErrorKind::Usage,
            "Person detection takes an H x W x 3 image and a long side that is a multiple of 32.");
    }
    torch::NoGradGuard noGrad;
    const std::int64_t height = rgb.size(0);
    const std::int64_t width = rgb.size(1);
    const double scale = double(longSide) / double(std::max(height, width));
    const std::int64_t scaledH = std::clamp<std::int64_t>(std::llround(double(height) * scale), 1, longSide);
    const std::int64_t scaledW = std::clamp<std::int64_t>(std::llround(double(width) * scale), 1, longSide);
    const std::int64_t inH = (scaledH + 31) / 32 * 32;
    const std::int64_t inW = (scaledW + 31) / 32 * 32;
    const std::int64_t padTop = (inH - scaledH) / 2;
    const std::int64_t padLeft = (inW - scaledW) / 2;

    // Area averaging when shrinking (a VR eye is 4-16 times the model's size: point sampling
    // would alias thin limbs away), bilinear when enlarging.
    torch::Tensor x = rgb.to(device()).permute({ 2, 0, 1 }).unsqueeze(0).to(torch::kFloat);
    if (scaledH <= height && scaledW <= width) {
        x = torch::adaptive_avg_pool2d(x, { scaledH, scaledW });
    } else {
        x = torch::upsample_bilinear2d(x, { scaledH, scaledW }, false);
    }
    torch::Tensor canvas = torch::zeros({ 1, 3, inH, inW }, x.options());
    canvas.narrow(2, padTop, scaledH).narrow(3, padLeft, scaledW).copy_(x.round().clamp(0, 255));
    const torch::Tensor out = run(canvas.permute({ 0, 2, 3, 1 }).to(torch::kInt));

    const float sy = float(scaledH) / float(height);
    const float sx = float(scaledW) / float(width);
    auto toX = [&](float v) { return (v * float(inW) - float(padLeft)) / sx; };
    auto toY = [&](float v) { return (v * float(inH) - float(padTop)) / sy; };
    std::vector<Pose> poses;
    const torch::Tensor candidates = out[0];
    const auto rows = candidates.accessor<float, 2>();
    for (std::int64_t r = 0; r < rows.size(0); ++r) {
        Pose p;
        for (int k = 0; k < KeypointCount; ++k) {
            p.keypoints[std::size_t(k)]
                = PosePoint { toX(rows[r][3 * k + 1]), toY(rows[r][3 * k]), rows[r][3 * k + 2] };
        }
        p.top = toY(rows[r][51]);
        p.left = toX(rows[r][52]);
        p.bottom = toY(rows[r][53]);
        p.right = toX(rows[r][54]);
        p.score = rows[r][55];
        poses.push_back(p);
    }
    std::stable_sort(
        poses.begin(), poses.end(), [](const Pose& a, const Pose& b) { return a.score > b.score; });
    return poses;
}

} // namespace passthrough::person
