#pragma once

#include "media/frame.h"

#include <memory>

namespace passthrough {

// Converts side-by-side equirectangular 180 frames to side-by-side fisheye 180 frames of the same
// size and pixel format, eye by eye, with libavfilter's v360 (the reference players and the
// ffmpeg recipes use), so an equirect source gets the fisheye alpha packing. Outside each eye's
// image circle the frame is black, as in a camera's fisheye frame. Timestamps pass through.
class FisheyeConverter {
public:
    // `format` is the frames' AVPixelFormat.
    FisheyeConverter(int width, int height, int format);
    ~FisheyeConverter();
    FisheyeConverter(const FisheyeConverter&) = delete;
    FisheyeConverter& operator=(const FisheyeConverter&) = delete;

    FramePtr convert(const AVFrame* frame);

    // The v360 options used, for logs and tests that compare against the ffmpeg tool.
    static const char* filterDescription();

private:
    struct Graph;
    std::unique_ptr<Graph> m_graph;
};

// The conversion a decoder applies when the matte is made in another layout than the source's
// (an equirect source packed as fisheye): none when not `needed`, else a FisheyeConverter made
// from the first frame's size and format. Shared by the segments, the preview and the person pass.
class LayoutConversion {
public:
    explicit LayoutConversion(bool needed)
        : m_needed(needed)
    {
    }
    FramePtr operator()(FramePtr frame);

private:
    bool m_needed;
    std::unique_ptr<FisheyeConverter> m_converter;
};

} // namespace passthrough
