#include "pipeline/jobestimate.h"

#include "packing/packer.h"

#include <algorithm>
#include <cmath>

namespace passthrough {

JobEstimate estimateJob(PackingKind packing, const MediaInfo& source, double matteFramesPerSecond,
    bool personChoices, double sampleBytesPerFrame, std::int64_t jobFrames)
{
    const double frames = double(jobFrames >= 0 ? jobFrames : source.frameCount);
    JobEstimate estimate;
    if (matteFramesPerSecond > 0.0) {
        const double share = 1.0 + kEncodeShare + (personChoices ? kPersonPassShare : 0.0);
        estimate.seconds = frames / matteFramesPerSecond * share;
    }
    const FrameSize packed = packedFrameSize(packing, source.width, source.height);
    estimate.space = estimateSpace(packing, source, packed.width, packed.height, jobFrames);
    if (sampleBytesPerFrame > 0.0) {
        estimate.space.outputBytes = std::llround(sampleBytesPerFrame * frames);
        estimate.space.chunkBytes = estimate.space.outputBytes;
    }
    return estimate;
}

long long estimatedMinutes(const JobEstimate& estimate)
{
    return std::max<long long>(1, std::llround(std::ceil(estimate.seconds / 60.0)));
}

std::string describeEstimate(const JobEstimate& estimate)
{
    const long long minutes = estimatedMinutes(estimate);
    const std::string time = minutes < 60
        ? std::to_string(minutes) + " min"
        : std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
    return "about " + time + ", " + humanBytes(estimate.space.outputBytes);
}

} // namespace passthrough
