#pragma once

#include "job/jobrecord.h"
#include "pipeline/progress.h"

#include <chrono>
#include <functional>

namespace passthrough {

// Turns a run's frame counts into ProgressEvents: frames of the whole job (finished segments
// included), this run's frames per second and the time left.
class ProgressReporter {
public:
    ProgressReporter(std::function<void(const ProgressEvent&)> sink, const JobRecord& job);

    void report(ProgressEvent::Kind kind, int segment, std::string message = {});
    void segmentFrames(std::int64_t frames) { m_framesInSegment = frames; }
    void segmentDone(std::int64_t frames);
    void segmentAbandoned() { m_framesInSegment = 0; }

private:
    using Clock = std::chrono::steady_clock;
    std::function<void(const ProgressEvent&)> m_sink;
    int m_segmentCount;
    int m_segmentsDone = 0;
    std::int64_t m_totalFrames;
    std::int64_t m_framesBefore = 0;
    std::int64_t m_framesThisRun = 0;
    std::int64_t m_framesInSegment = 0;
    Clock::time_point m_start;
};

} // namespace passthrough
