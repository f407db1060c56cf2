#pragma once

#include <memory>

// A decoded or packed picture crosses core's public headers only as this owning pointer to an
// opaque libavutil frame: no public header includes FFmpeg (media/ffmpegptr.h is private to
// core's .cpp files).
struct AVFrame;

namespace passthrough {

struct FrameDeleter {
    void operator()(AVFrame* frame) const;
};
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;

} // namespace passthrough
