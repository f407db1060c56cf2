#pragma once

#include "matting/mattingbackend.h"
#include "media/layout.h"

#include <torch/types.h>

#include <filesystem>
#include <optional>
#include <string>

namespace passthrough {

struct PreviewRequest {
    std::string sourcePath;
    std::int64_t frameIndex = 0;
    double warmupSeconds = 1.0; // the model runs over the frames before, as a segment would
    double downsampleRatio = 0.0; // 0 = auto
    std::optional<Layout> layout;
    MattingBackend* backend = nullptr;
};

// The four views the user checks before rendering; each H x W x 3 uint8 RGB at source size.
struct PreviewImages {
    torch::Tensor source;
    torch::Tensor matte;
    torch::Tensor composite; // the subject over a checkerboard
    torch::Tensor packed; // the output as a player reconstructs it
};

PreviewImages renderPreview(const PreviewRequest& request);

// Lays the four views side by side, each scaled to `panelWidth`, and writes a PNG.
void writePreviewStrip(const PreviewImages& images, const std::filesystem::path& png, int panelWidth = 960);

} // namespace passthrough
