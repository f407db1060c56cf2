#include "pipeline/progressreporter.h"

namespace passthrough {

ProgressReporter::ProgressReporter(std::function<void(const ProgressEvent&)> sink, const JobRecord& job)
    : m_sink(std::move(sink))
    , m_segmentCount(int(job.segments.size()))
    , m_totalFrames(job.frameCount())
    , m_start(Clock::now())
{
    for (const auto& s : job.segments) {
        if (s.status == SegmentStatus::Done) {
            m_framesBefore += s.frameCount();
            ++m_segmentsDone;
        }
    }
}

void ProgressReporter::report(ProgressEvent::Kind kind, int segment, std::string message)
{
    if (!m_sink) {
        return;
    }
    ProgressEvent e;
    e.kind = kind;
    e.segment = segment;
    e.segmentCount = m_segmentCount;
    e.segmentsDone = m_segmentsDone;
    e.framesDone = m_framesBefore + m_framesThisRun + m_framesInSegment;
    e.totalFrames = m_totalFrames;
    const double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
    const std::int64_t produced = m_framesThisRun + m_framesInSegment;
    e.framesPerSecond = elapsed > 0.0 ? double(produced) / elapsed : 0.0;
    e.etaSeconds = e.framesPerSecond > 0.0 ? double(m_totalFrames - e.framesDone) / e.framesPerSecond : -1.0;
    e.message = std::move(message);
    m_sink(e);
}

void ProgressReporter::segmentDone(std::int64_t frames)
{
    m_framesThisRun += frames;
    m_framesInSegment = 0;
    ++m_segmentsDone;
}

std::string kindName(ProgressEvent::Kind kind)
{
    switch (kind) {
    case ProgressEvent::Kind::JobStarted:
        return "job-started";
    case ProgressEvent::Kind::SegmentStarted:
        return "segment-started";
    case ProgressEvent::Kind::Frames:
        return "frames";
    case ProgressEvent::Kind::SegmentDone:
        return "segment-done";
    case ProgressEvent::Kind::SegmentFailed:
        return "segment-failed";
    case ProgressEvent::Kind::Joining:
        return "joining";
    case ProgressEvent::Kind::Finished:
        return "finished";
    case ProgressEvent::Kind::Stopped:
        return "stopped";
    }
    return "unknown";
}

} // namespace passthrough
