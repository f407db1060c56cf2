#pragma once

#include "matting/mattecontrols.h"
#include "matting/mattingbackend.h"
#include "matting/tensor.h"
#include "media/layout.h"
#include "media/mediainfo.h"
#include "packing/packing.h"
#include "pipeline/previewperson.h"

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace passthrough {

struct PreviewRequest {
    std::string sourcePath;
    std::int64_t frameIndex = 0;
    double warmupSeconds = 1.0; // the model runs over the frames before, as a segment would
    double downsampleRatio = 0.0; // 0 = auto
    std::optional<Layout> layout;
    // The source as already probed with its frame index (the window keeps it): given, the file
    // is not read through again for every frame the user steps to.
    std::optional<MediaInfo> probed;
    PackingKind packing = PackingKind::Matte; // decides the fourth view
    std::string keyColor = "#00B140";
    MatteControls matte; // regions, edge and time controls, scene cuts: as the job would apply them
    // Find the people of the frame even when no person choice is on (the window's overlay).
    bool findPeople = false;
    MattingBackend* backend = nullptr;
    const std::atomic<bool>* cancel = nullptr; // a newer request in the GUI stops an older one
};

// The four views the user checks before rendering; each H x W x 3 uint8 RGB. An equirect 180
// source bound for a fisheye packing is shown converted, as the model and the packing see it.
struct PreviewImages {
    torch::Tensor source;
    torch::Tensor matte;
    torch::Tensor composite; // the subject over a checkerboard
    // The output as a player reconstructs it: for fisheye alpha the picture with the matte read
    // back from the six blocks (the unpacker), composited over the checkerboard; green screen as
    // encoded; alpha exports composited with their own alpha channel; matte only as the matte.
    torch::Tensor packed;
    double seconds = 0.0; // the frame's source time, as a person pick names it
    // Frames per second of decoding and matting over the warm-up and the frame (the part of a
    // job that costs most; packing and encoding come on top): the window's time estimate.
    double matteFramesPerSecond = 0.0;
    // With findPeople or a person choice: everyone found in the frame, both eyes.
    std::vector<PreviewPerson> people;
};

PreviewImages renderPreview(const PreviewRequest& request);

// Lays the four views side by side, each scaled to `panelWidth`, and writes a PNG.
void writePreviewStrip(const PreviewImages& images, const std::filesystem::path& png, int panelWidth = 960);

} // namespace passthrough
