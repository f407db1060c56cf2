#pragma once

#include "media/encodersettings.h"
#include "media/mediainfo.h"

#include <cstdint>
#include <filesystem>
#include <memory>

struct AVFrame;

namespace passthrough {

// How the encoder is set up for a job's chunks, besides EncoderSettings: the frame size and
// pixel format the packer produces (an AVPixelFormat value) and the colour tags.
struct ChunkFormat {
    int width = 0;
    int height = 0;
    int pixelFormat = 0; // AVPixelFormat
    bool fullRange = false; // YUV samples in full range (a full-range source's picture kept as is)
};

// Encodes one segment into a chunk file (NUT container: it keeps any time base and the exact
// pts/dts the encoder gives, with no edit lists to undo at join time; Matroska for VP9, whose
// alpha NUT drops). Frames carry the source's own timestamps, so chunks need no offset
// arithmetic when they are joined.
class ChunkEncoder {
public:
    // Frames given to encode() have `format.pixelFormat`; an encoder that takes another layout
    // of the same samples (NVENC wants P010 for 10-bit) gets them converted here. Throws
    // Error(EncoderUnavailable) when the encoder does not open on this machine.
    ChunkEncoder(const std::filesystem::path& path, const ChunkFormat& format, const MediaInfo& source,
        const EncoderSettings& settings);
    ~ChunkEncoder();
    ChunkEncoder(const ChunkEncoder&) = delete;
    ChunkEncoder& operator=(const ChunkEncoder&) = delete;

    void encode(AVFrame* frame, std::int64_t pts);
    // Flushes the encoder and writes the trailer. Without it the file is incomplete.
    void finish();
    [[nodiscard]] std::int64_t framesWritten() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

// Opens the job's encoder as a chunk would (size, pixel format, options) without writing
// anything, so that a job whose encoder does not open here stops before its first segment.
// Throws Error(EncoderUnavailable) naming the encoder and what to do.
void requireEncoderOpens(const ChunkFormat& format, const MediaInfo& source, const EncoderSettings& settings);

} // namespace passthrough
