#pragma once

#include "media/ffmpegptr.h"

#include <cstdint>
#include <string>

namespace passthrough {

struct DecodedFrame {
    ff::FramePtr frame; // null at the end of the stream
    std::int64_t pts = 0; // in the video stream's time base
    bool damaged = false; // the decoder reported an error or concealment for this frame
};

// Decodes one video stream in presentation order with frame-exact seeking: after seek(pts) the
// next frame returned is the first frame whose pts >= pts, whatever the GOP structure (B-frames,
// open GOP, keyframes listed by dts). Not thread-safe; one reader per thread.
class FrameReader {
public:
    FrameReader(const std::string& path, int videoStreamIndex);

    void seek(std::int64_t pts);
    DecodedFrame next();

    // The decoder's last complaint, for messages. A damaged packet may produce no frame at all,
    // so callers compare the frames they got with the frames they expected.
    [[nodiscard]] std::string lastDecodeError() const { return m_lastError; }
    [[nodiscard]] const AVStream* stream() const { return m_stream; }
    [[nodiscard]] const std::string& path() const { return m_path; }

private:
    DecodedFrame decodeNext();
    void seekContainer(std::int64_t pts);

    std::string m_path;
    ff::InputFormatContextPtr m_format;
    AVStream* m_stream = nullptr;
    ff::CodecContextPtr m_decoder;
    ff::PacketPtr m_packet;
    DecodedFrame m_pending; // a frame read ahead by seek()
    bool m_flushed = false;
    bool m_fresh = true; // nothing read since open
    std::string m_lastError;
};

} // namespace passthrough
