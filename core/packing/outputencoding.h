#pragma once

#include "media/encodersettings.h"
#include "packing/packing.h"

#include <string>
#include <vector>

namespace passthrough {

// What the user asked for; "auto" picks per packing and machine.
struct EncoderRequest {
    std::string encoder = "auto"; // auto, libx265, libx264, hevc_nvenc, h264_nvenc
    int crf = 20;
    std::string preset = "fast";
    bool imageSequence = false; // the output is a PNG pattern: the png encoder, whatever the packing
};

// Widest frame H.264 is used for: above it levels run out and players fall back to software.
inline constexpr int kMaxH264Width = 4096;

// Resolves the encoder for a packing, once, when the job is created (every chunk of a job must
// come from the same encoder to join by stream copy):
//  - video packings: auto = HEVC on NVENC when it opens on this machine, else libx265; H.264
//    (libx264, h264_nvenc) only up to kMaxH264Width;
//  - prores4444 -> prores_ks, vp9-alpha -> libvpx-vp9, png-alpha -> png (auto or that name).
// Throws Error(Usage) with the reason for a combination that cannot work.
EncoderSettings chooseEncoder(
    PackingKind packing, const EncoderRequest& request, int outputWidth, int bitDepth);

// Every encoder name a job may hold.
const std::vector<std::string>& knownEncoders();
// The encoders a user may choose for the video packings (besides "auto"), in menu order.
const std::vector<std::string>& videoEncoders();
// Speed presets in x264/x265 names, fastest first (NVENC maps them onto p1..p7).
const std::vector<std::string>& encoderPresets();

// Whether FFmpeg has the encoder and it opens here (NVENC needs a GPU and its driver). Cached.
bool encoderUsable(const std::string& name);

// Pixel format (libavutil's AVPixelFormat value) the encoder receives for a packing.
int encoderPixelFormat(PackingKind packing, const EncoderSettings& settings);

} // namespace passthrough
