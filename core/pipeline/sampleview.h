#pragma once

#include "media/mediainfo.h"
#include "packing/packing.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>

namespace passthrough {

// What the window plays after rendering a sample: the source frames and the packed sample as a
// player reconstructs them (playerview.h), side by side, as an ordinary H.264 MP4 that any
// media player opens.
struct SampleViewRequest {
    const MediaInfo* source = nullptr; // with its frame index
    std::int64_t firstFrame = 0; // the sample's first source frame
    std::int64_t frames = 0;
    std::filesystem::path packedSample; // what renderSample wrote
    PackingKind packing = PackingKind::Matte;
    int matrix = 1; // the packed frames' YUV matrix and range
    bool fullRange = false;
    std::filesystem::path output; // an .mp4 that does not exist yet
    int panelWidth = 960; // each half at most this wide
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(std::int64_t written)> onFrames;
};

// Throws Error naming the file that cannot be read or written, or Error(Cancelled).
void writeSampleView(const SampleViewRequest& request);

} // namespace passthrough
