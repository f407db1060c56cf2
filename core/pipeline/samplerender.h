#pragma once

#include "job/jobrecord.h"
#include "matting/mattingbackend.h"
#include "media/mediainfo.h"
#include "packing/packing.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace passthrough {

// A few seconds of the output, rendered through the real pipeline (warm-up, matte controls,
// packing, encoder) so that the user can judge the matte in motion before a full run.
struct SampleRequest {
    std::string sourcePath;
    std::filesystem::path output; // one file; never an existing one
    JobSettings settings; // as a job would have them
    double startSeconds = 0.0; // from the source's first frame
    double seconds = 5.0;
    // The source as already probed with its frame index (the window keeps it).
    std::optional<MediaInfo> probed;
    MattingBackend* backend = nullptr;
    const std::atomic<bool>* cancel = nullptr;
    // Frames written so far and the sample's frame count; called on the calling thread.
    std::function<void(std::int64_t written, std::int64_t total)> onFrames;
};

struct SampleResult {
    std::filesystem::path output;
    MediaInfo source; // as probed (or as given), for showing the sample beside its source
    PackingKind packing = PackingKind::FisheyeAlpha;
    bool packedFullRange = false; // the packed frames keep the source's full range
    std::int64_t firstFrame = 0; // the source frame the sample starts at
    std::int64_t frames = 0;
    // The output's size over its frames (0 for an image sequence): the rate the whole video's
    // size is estimated at (pipeline/jobestimate.h).
    double bytesPerFrame = 0.0;
    std::vector<double> sceneCuts; // seconds into the source
    std::vector<std::string> notes; // a sample cut short by the source's end, a changed size
};

// Renders frames [start, start + seconds) of the source with the warm-up before them into
// `output`, video only, its time starting at 0. Nothing is written beside the output but the
// output itself (the chunk lives in a temporary folder). Throws Error(Usage) for a start past
// the end, an existing output or settings that do not fit the source, and what a segment throws.
SampleResult renderSample(const SampleRequest& request);

} // namespace passthrough
