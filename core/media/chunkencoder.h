#pragma once

#include "media/encodersettings.h"
#include "media/ffmpegptr.h"
#include "media/mediainfo.h"

#include <cstdint>
#include <filesystem>

namespace passthrough {

// Encodes one segment into a chunk file (NUT container: it keeps any time base and the exact
// pts/dts the encoder gives, with no edit lists to undo at join time). Frames carry the source's
// own timestamps, so chunks need no offset arithmetic when they are joined.
class ChunkEncoder {
public:
    ChunkEncoder(const std::filesystem::path& path, int width, int height, const MediaInfo& source,
        const EncoderSettings& settings);
    ~ChunkEncoder();

    // Pixel format that frames passed to encode() must have.
    [[nodiscard]] AVPixelFormat pixelFormat() const { return m_encoder->pix_fmt; }
    void encode(AVFrame* frame, std::int64_t pts);
    // Flushes the encoder and writes the trailer. Without it the file is incomplete.
    void finish();
    [[nodiscard]] std::int64_t framesWritten() const { return m_framesWritten; }

private:
    void drain();

    std::filesystem::path m_path;
    ff::OutputFormatContextPtr m_muxer;
    ff::CodecContextPtr m_encoder;
    AVStream* m_stream = nullptr;
    ff::PacketPtr m_packet;
    std::int64_t m_framesWritten = 0;
    bool m_finished = false;
};

} // namespace passthrough
