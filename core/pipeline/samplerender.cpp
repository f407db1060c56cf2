#include "pipeline/samplerender.h"

#include "job/jobvalidation.h"
#include "media/chunkjoiner.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "packing/packing.h"
#include "pipeline/peoplepreparation.h"
#include "pipeline/segmentprocessor.h"
#include "util/error.h"

#include <QDir>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace passthrough {
namespace {

std::string secondsText(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", seconds);
    return text;
}

MediaInfo sourceInfo(const SampleRequest& request)
{
    std::optional<Layout> layout;
    if (request.settings.layoutOverride) {
        layout = parseLayoutTag(*request.settings.layoutOverride);
        if (!layout) {
            throw Error(ErrorKind::Usage, "unknown layout '" + *request.settings.layoutOverride + "'");
        }
    }
    MediaInfo info = request.probed && !request.probed->framePts.empty()
        ? *request.probed
        : probeMedia(request.sourcePath, layout, true, request.cancel);
    if (layout) {
        info.layout = *layout;
    }
    return info;
}

// The sample's frames as a segment of the source, with the job's warm-up before it.
SegmentRecord sampleSegment(
    const SampleRequest& request, const MediaInfo& info, std::vector<std::string>& notes)
{
    const auto& pts = info.framePts;
    const auto ticks = [&](double seconds) {
        return std::int64_t(std::llround(seconds * info.timeBase.den / info.timeBase.num));
    };
    if (!(request.startSeconds >= 0.0) || !(request.seconds > 0.0 && request.seconds <= 600.0)) {
        throw Error(ErrorKind::Usage, "--start must be 0 or more and --seconds between 0 and 600");
    }
    const auto first = std::lower_bound(pts.begin(), pts.end(), pts.front() + ticks(request.startSeconds));
    if (first == pts.end()) {
        throw Error(ErrorKind::Usage,
            "the sample starts at " + secondsText(request.startSeconds) + ", after the end of "
                + request.sourcePath + " (" + secondsText(info.durationSeconds) + ")");
    }
    const auto end = std::lower_bound(first, pts.end(), *first + ticks(request.seconds));
    if (end == pts.end() && *first + ticks(request.seconds) > info.endPts) {
        notes.push_back("the source ends "
            + secondsText(double(info.endPts - *first) * info.timeBase.num / info.timeBase.den)
            + " after the sample's start, so the sample is that long");
    }
    SegmentRecord segment;
    segment.frameStart = first - pts.begin();
    segment.frameEnd = end - pts.begin();
    segment.ptsStart = *first;
    segment.ptsEnd = end == pts.end() ? info.endPts : *end;
    const auto warm = std::lower_bound(pts.begin(), first, *first - ticks(request.settings.warmupSeconds));
    segment.warmupFrameStart = warm - pts.begin();
    segment.warmupPtsStart = *warm;
    return segment;
}

} // namespace

SampleResult renderSample(const SampleRequest& request)
{
    const PackingKind packing = requirePacking(request.settings.packing);
    validateSettings(request.settings);
    const MediaInfo info = sourceInfo(request);
    if (const auto problem = packingLayoutProblem(packing, info.layout)) {
        throw Error(ErrorKind::Usage, *problem + "; " + request.sourcePath + " is " + describe(info.layout));
    }
    const std::filesystem::path output = std::filesystem::absolute(request.output).lexically_normal();
    if (isImageSequencePattern(output)) {
        throw Error(
            ErrorKind::Usage, "a sample is one video file, not an image sequence (" + output.string() + ")");
    }
    if (const auto problem = outputNameProblem(packing, output)) {
        throw Error(ErrorKind::Usage, *problem);
    }
    if (std::filesystem::exists(output)) {
        throw Error(ErrorKind::Usage, output.string() + " already exists; remove it or choose another name");
    }

    SampleResult result;
    result.output = output;
    result.source = info;
    result.packing = packing;
    const SegmentRecord segment = sampleSegment(request, info, result.notes);
    result.firstFrame = segment.frameStart;
    result.frames = segment.frameCount();

    const FrameSize packed = packedFrameSize(packing, info.width, info.height);
    const EncoderSettings& asked = request.settings.encoder;
    const EncoderSettings encoder = chooseEncoder(packing,
        EncoderRequest { asked.encoder, asked.crf, asked.preset, false }, packed.width, info.bitDepth);
    result.packedFullRange
        = packerConfigFor(packing, info, encoder, request.settings.keyColor).keepsSourceRange(packing);

    // The chunk lives outside the output's folder: a sample leaves nothing but itself behind.
    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/passthrough-sample-XXXXXX"));
    if (!scratch.isValid()) {
        throw Error(ErrorKind::DiskFull,
            "cannot create a temporary folder for the sample in " + QDir::tempPath().toStdString());
    }
    SegmentWork work;
    work.source = &info;
    work.segment = segment;
    work.chunkFile
        = std::filesystem::path(scratch.path().toStdString()) / ("sample" + chunkExtension(encoder));
    work.packing = packing;
    work.layout = processingLayout(packing, info.layout);
    work.encoder = encoder;
    work.keyColor = request.settings.keyColor;
    work.matte = request.settings.matte;
    work.downsampleRatio = parseDownsample(request.settings.downsample);
    work.backend = request.backend;
    work.cancel = request.cancel;
    work.onFrames = [&](std::int64_t written) {
        if (request.onFrames) {
            request.onFrames(written, result.frames);
        }
    };
    // Person choices: the people of the sample's frames (with its warm-up) and of its picks.
    std::shared_ptr<const person::PeopleDecisions> people;
    if (request.settings.matte.people.active()) {
        people = peopleAround(info, work.layout, request.settings.matte.people, request.backend->device(),
            segment.warmupPtsStart, segment.ptsEnd, request.cancel);
        work.people = people.get();
        for (const std::string& note : people->notes()) {
            result.notes.push_back(note);
        }
    }
    const SegmentOutcome outcome = processSegment(work);
    for (const std::int64_t cut : outcome.sceneCuts) {
        result.sceneCuts.push_back(info.ptsToSeconds(cut));
    }

    JoinRequest join;
    join.chunks.push_back(ChunkRef { work.chunkFile, 0, segment.ptsEnd - segment.ptsStart });
    join.sourcePath = info.path;
    join.sourceVideoStreamIndex = info.videoStreamIndex;
    join.timeBaseNum = info.timeBase.num;
    join.timeBaseDen = info.timeBase.den;
    join.videoEndSeconds = double(segment.ptsEnd - segment.ptsStart) * info.timeBase.num / info.timeBase.den;
    join.output = output;
    join.copyOtherStreams = false; // the sample starts mid-source; its video alone is judged
    joinChunks(join);
    std::error_code error;
    const auto bytes = std::filesystem::file_size(output, error);
    if (!error && result.frames > 0) {
        result.bytesPerFrame = double(bytes) / double(result.frames);
    }
    return result;
}

} // namespace passthrough
