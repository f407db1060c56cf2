#pragma once

#include "media/layout.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace passthrough {

struct Rational {
    int num = 0;
    int den = 1;
    [[nodiscard]] double value() const { return den == 0 ? 0.0 : double(num) / double(den); }
    bool operator==(const Rational&) const = default;
};

// Colour tags as libavutil's enum values (AVColorRange etc.), kept as plain ints so that no
// public header needs FFmpeg; copied to every encoded output.
struct ColorInfo {
    int range = 0;
    int primaries = 2; // unspecified
    int transfer = 2;
    int matrix = 2;
    bool operator==(const ColorInfo&) const = default;
};

// Everything the pipeline needs to know about a source, read once at planning time.
struct MediaInfo {
    std::string path;
    std::string containerName;
    double durationSeconds = 0.0;

    int videoStreamIndex = -1;
    std::string codecName;
    int width = 0;
    int height = 0;
    std::string pixelFormat;
    int bitDepth = 8;
    ColorInfo color;
    Rational timeBase; // of the video stream; all pts below are in it
    Rational frameRate; // average
    bool variableFrameRate = false;

    // Presentation timestamps of every frame in display order, from a demux pass over the whole
    // stream (packets only, nothing decoded). frameCount == framePts.size().
    std::vector<std::int64_t> framePts;
    std::int64_t frameCount = 0;
    std::int64_t endPts = 0; // pts just after the last frame (last pts + its duration)

    bool hasAudio = false;
    std::string audioCodecName;
    int audioChannels = 0;
    int audioSampleRate = 0;

    StreamLayoutHints layoutHints;
    Layout layout;

    // Full-range (JPEG levels) YUV: tagged so, or one of the yuvj pixel formats.
    [[nodiscard]] bool isFullRange() const { return color.range == 2 || pixelFormat.starts_with("yuvj"); }

    [[nodiscard]] double ptsToSeconds(std::int64_t pts) const
    {
        return double(pts) * timeBase.num / double(timeBase.den);
    }
};

// Opens the source, reads its streams and indexes every video frame. Throws Error(InputUnusable)
// with a sentence naming the file for anything that makes it unusable: missing, not a video, no
// video stream, truncated data.
// With `indexFrames` false only the stream headers are read (framePts stays empty): enough for a
// worker whose segments already carry their timestamps. A set `cancel` flag stops the reading
// (an index of a long file takes a while) with Error(Cancelled).
MediaInfo probeMedia(const std::string& path, const std::optional<Layout>& userLayout = std::nullopt,
    bool indexFrames = true, const std::atomic<bool>* cancel = nullptr);

// Pictures of more pixels than 4096 x 2304 (8K and up), for which the decoder and the encoder
// trade a little speed or compression for holding fewer whole pictures in memory.
inline bool isAboveUhd(std::int64_t width, std::int64_t height)
{
    return width * height > std::int64_t(4096) * 2304;
}

} // namespace passthrough
