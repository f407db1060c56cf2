#pragma once

#include <string>

namespace passthrough {

// How chunks are encoded. Every chunk of a job uses identical settings, which is what lets them
// join by stream copy. Resolved once when the job is created (see packing/outputencoding.h).
struct EncoderSettings {
    // libx265, libx264, hevc_nvenc, h264_nvenc, prores_ks, libvpx-vp9 or png
    std::string encoder = "libx265";
    int crf = 20;
    std::string preset = "fast";
    int bitDepth = 8; // 8 or 10; follows the source
    // Above 4K UHD, x265 keeps a 2-frame lookahead with no B-frames and one reference frame:
    // 1.1 GB less at 8192x4096 for about 5 % more bits at equal SSIM. Jobs written before
    // schema 4 were started without it and keep the earlier settings, so their chunks still join.
    bool lowMemory = true;

    bool operator==(const EncoderSettings&) const = default;
};

// Container of a job's chunk files: NUT keeps the source's exact time base; VP9's alpha lives in
// Matroska block additions, which NUT drops.
inline std::string chunkContainer(const EncoderSettings& settings)
{
    return settings.encoder == "libvpx-vp9" ? "matroska" : "nut";
}

inline std::string chunkExtension(const EncoderSettings& settings)
{
    return settings.encoder == "libvpx-vp9" ? ".mkv" : ".nut";
}

} // namespace passthrough
