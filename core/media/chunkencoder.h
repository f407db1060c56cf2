#pragma once

#include "media/encodersettings.h"
#include "media/ffmpegptr.h"
#include "media/mediainfo.h"

#include <cstdint>
#include <filesystem>

namespace passthrough {

// Encodes one segment into a chunk file (NUT container: it keeps any time base and the exact
// pts/dts the encoder gives, with no edit lists to undo at join time; Matroska for VP9, whose
// alpha NUT drops). Frames carry the source's own timestamps, so chunks need no offset
// arithmetic when they are joined.
class ChunkEncoder {
public:
    // Frames given to encode() have `format`; an encoder that takes another layout of the same
    // samples (NVENC wants P010 for 10-bit) gets them converted here.
    ChunkEncoder(const std::filesystem::path& path, int width, int height, AVPixelFormat format,
        const MediaInfo& source, const EncoderSettings& settings);
    ~ChunkEncoder();

    void encode(AVFrame* frame, std::int64_t pts);
    // Flushes the encoder and writes the trailer. Without it the file is incomplete.
    void finish();
    [[nodiscard]] std::int64_t framesWritten() const { return m_framesWritten; }

private:
    void drain();
    void configure(const EncoderSettings& settings);

    ff::SwsContextPtr m_toEncoder; // only when the encoder takes another pixel format

    std::filesystem::path m_path;
    ff::OutputFormatContextPtr m_muxer;
    ff::CodecContextPtr m_encoder;
    AVStream* m_stream = nullptr;
    ff::PacketPtr m_packet;
    std::int64_t m_framesWritten = 0;
    bool m_finished = false;
};

} // namespace passthrough
