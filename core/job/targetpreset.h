#pragma once

#include "job/jobrecord.h"

#include <optional>
#include <string>
#include <vector>

namespace passthrough {

// What a job is for, in the user's words. Each target is a preset of the settings a user would
// otherwise pick by codec name (packing, key colour, encoder); the choice is stored in the job so
// that the window and `status` can say it back.
enum class OutputTarget {
    Headset, // Quest / Pico / Vision Pro in HereSphere or DeoVR: fisheye alpha packing, gray
    Skybox, // Skybox / 4XVR: no packed alpha known to be read; they key a colour
    GreenScreen, // any player that keys a colour live
    Editing, // editing software: a real alpha channel (ProRes 4444; VP9 alpha under Advanced)
    MatteOnly, // the matte alone, for one's own compositing
};

// How hard the job works: the refiner, the encoder's CRF and speed preset.
enum class OutputQuality { Fast, Balanced, Best };

const std::vector<OutputTarget>& allTargets();
std::string targetName(OutputTarget target); // "headset", "skybox", "greenscreen", "editing", "matte"
std::string targetTitle(OutputTarget target); // "Quest / Pico / Vision Pro in HereSphere or DeoVR"
std::string targetDescription(OutputTarget target); // one line: what it writes and why
// Throws Error(Usage) naming the value and the known names.
OutputTarget requireTarget(const std::string& name);

const std::vector<OutputQuality>& allQualities();
std::string qualityName(OutputQuality quality); // "fast", "balanced", "best"
std::string qualityDescription(OutputQuality quality);
OutputQuality requireQuality(const std::string& name);

// The target's and quality's values written over `settings` (packing, key colour, encoder,
// CRF, encoder preset, refiner) and recorded in it; every other field (segments, device, model
// resolution, matte controls, layout) is kept.
void applyTarget(JobSettings& settings, OutputTarget target, OutputQuality quality);

// The settings that `packing` uses, so that a form shows only those.
[[nodiscard]] bool usesKeyColor(const std::string& packing);
[[nodiscard]] bool usesVideoEncoder(const std::string& packing); // encoder, CRF and preset

} // namespace passthrough
