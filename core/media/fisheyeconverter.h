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

} // namespace passthrough
