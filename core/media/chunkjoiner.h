#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace passthrough {

struct ChunkRef {
    std::filesystem::path path;
    std::int64_t firstPts = 0; // pts of the segment's first frame, in the source's time base
    std::int64_t endPts = 0; // pts just after its last frame
};

struct JoinRequest {
    std::vector<ChunkRef> chunks; // in order
    std::string sourcePath; // audio, stereo/spherical metadata come from here
    int sourceVideoStreamIndex = 0;
    int timeBaseNum = 1; // the source video's time base: the output keeps it
    int timeBaseDen = 1;
    double videoEndSeconds = 0.0; // audio is trimmed to this
    std::filesystem::path output; // final name; written as a temporary file, then renamed
};

struct JoinResult {
    std::int64_t videoPackets = 0;
    std::int64_t audioPackets = 0;
    std::string audioNote; // why the source's audio is not in the output, when it is not
};

// Joins encoded chunks by stream copy (no re-encode) and copies the source's audio in sync.
// The output appears under its final name only when complete. An image-sequence output
// (out/%06d.png) is written into "out.partial/" and that folder renamed to "out/" at the end.
JoinResult joinChunks(const JoinRequest& request);

// Number of video packets in a chunk, or -1 if it cannot be read (a missing or damaged chunk).
std::int64_t countChunkFrames(const std::filesystem::path& chunk);

} // namespace passthrough
