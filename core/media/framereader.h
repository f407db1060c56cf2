#pragma once

#include "media/frame.h"

#include <cstdint>
#include <memory>
#include <string>

namespace passthrough {

struct DecodedFrame {
    FramePtr frame; // null at the end of the stream
    std::int64_t pts = 0; // in the video stream's time base
    bool damaged = false; // the decoder reported an error or concealment for this frame
};

// Decodes one video stream in presentation order with frame-exact seeking: after seek(pts) the
// next frame returned is the first frame whose pts >= pts, whatever the GOP structure (B-frames,
// open GOP, keyframes listed by dts). Not thread-safe; one reader per thread.
class FrameReader {
public:
    FrameReader(const std::string& path, int videoStreamIndex);
    ~FrameReader();
    FrameReader(const FrameReader&) = delete;
    FrameReader& operator=(const FrameReader&) = delete;

    void seek(std::int64_t pts);
    DecodedFrame next();

    // The decoder's last complaint, for messages. A damaged packet may produce no frame at all,
    // so callers compare the frames they got with the frames they expected.
    [[nodiscard]] std::string lastDecodeError() const;
    [[nodiscard]] const std::string& path() const;
    // What decodes, in words: "software", "cuda (hardware)", or "software (vaapi: why not)"
    // (media/hwdecode.h chooses).
    [[nodiscard]] const std::string& decoding() const;
    // The video stream's time base as num/den.
    [[nodiscard]] int timeBaseNum() const;
    [[nodiscard]] int timeBaseDen() const;

    // A decoder that fails this many times in a row without giving a frame has given up on the
    // stream; the reader then reports the error instead of asking again forever.
    static constexpr int kMaxConsecutiveErrors = 64;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace passthrough
