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
    std::string sourcePath; // audio, subtitles, chapters, metadata come from here
    int sourceVideoStreamIndex = 0;
    int timeBaseNum = 1; // the source video's time base: the output keeps it
    int timeBaseDen = 1;
    double videoEndSeconds = 0.0; // output time: everything copied is trimmed to this
    // The source time the output's time 0 shows (a job's range): the copied streams are taken
    // from there on and moved back by it, chapters clipped and moved with them. The chunks'
    // ChunkRef times are output times already.
    double sourceStartSeconds = 0.0;
    std::filesystem::path output; // final name; written as a temporary file, then renamed
    // The file (or sequence folder) at `output` may be replaced: it is this job's own earlier
    // output. Otherwise an existing output is never touched.
    bool mayReplaceOutput = false;
    // Audio, subtitles, chapters and metadata of the source go along (a sample taken from the
    // middle of the source leaves them out: they would not be in sync).
    bool copyOtherStreams = true;
};

struct JoinResult {
    std::int64_t videoPackets = 0;
    int copiedStreams = 0; // audio and subtitle tracks taken from the source
    std::int64_t copiedPackets = 0;
    std::vector<std::string> notes; // source streams the output could not take, and why
};

// Joins encoded chunks by stream copy (no re-encode) and copies the source's other streams in
// sync (SourceStreamCopier). The output appears under its final name only when complete and
// flushed to disk. An image-sequence output (out/%06d.png) is written into "out.partial/" and
// that folder renamed to "out/" at the end. Throws Error(Usage) when something other than this
// job's output is in the way, Error(DiskFull) when space runs out.
JoinResult joinChunks(const JoinRequest& request);

// Number of packets of the first video stream of a file or image sequence (a chunk, or a
// finished output), or -1 if it cannot be read to its end (missing, damaged, truncated).
std::int64_t countVideoPackets(const std::filesystem::path& media);

} // namespace passthrough
