#pragma once

#include <cstdint>
#include <string>

namespace passthrough {

// What a running job reports. Plain data; the CLI prints it, the GUI turns it into signals.
struct ProgressEvent {
    // Stopped: a job-wide failure (disk full, encoder missing, out of memory) ended the run;
    // `message` says what and what to do, and every segment stays resumable.
    enum class Kind {
        JobStarted,
        SegmentStarted,
        Frames,
        SegmentDone,
        SegmentFailed,
        Joining,
        Finished,
        Stopped
    };
    Kind kind = Kind::Frames;
    int segment = -1; // index of the segment concerned, or -1
    int segmentCount = 0;
    int segmentsDone = 0;
    std::int64_t framesDone = 0; // output frames of the whole job, finished segments included
    std::int64_t totalFrames = 0;
    double framesPerSecond = 0.0; // this run's output frames per wall-clock second
    double etaSeconds = -1.0; // < 0 when unknown
    std::string message;
};

std::string kindName(ProgressEvent::Kind kind);

} // namespace passthrough
