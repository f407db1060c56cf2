#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

struct AVFormatContext;

namespace passthrough {

// Copies everything of the source that is not the video into a new output, without
// re-encoding: every audio track, subtitle tracks the output container can hold, chapters and
// the global and per-stream metadata (titles, languages, dispositions). The joiner writes the
// video and calls writeUntil() as it goes, so the copied packets interleave with the video;
// everything is trimmed to the video's part of the source, [start, end) in source seconds, and
// moved back by its start (a job's range); a subtitle shown across the start keeps its rest.
// Private to core: it speaks libavformat.
class SourceStreamCopier {
public:
    // Opens the source; creates the output streams in `output` (whose format decides what
    // fits) and copies chapters and metadata into it. `startSeconds` and `endSeconds` (source
    // time) trim everything; the output's time 0 is the source's `startSeconds`.
    SourceStreamCopier(const std::string& sourcePath, int sourceVideoStreamIndex, AVFormatContext* output,
        double startSeconds, double endSeconds);
    ~SourceStreamCopier();
    SourceStreamCopier(const SourceStreamCopier&) = delete;
    SourceStreamCopier& operator=(const SourceStreamCopier&) = delete;

    // Writes the copied packets that start at or before `seconds` of output time (and before
    // the video's end).
    void writeUntil(double seconds);
    // Writes what is left before the video's end.
    void finish();

    [[nodiscard]] int streamCount() const;
    [[nodiscard]] std::int64_t packetsWritten() const;
    // Streams that could not be copied, in words ("the source's subrip subtitles cannot be
    // copied into mp4 ...").
    [[nodiscard]] const std::vector<std::string>& notes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace passthrough
