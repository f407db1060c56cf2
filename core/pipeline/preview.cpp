#include "pipeline/preview.h"

#include "matting/eyeframes.h"
#include "matting/matteadjuster.h"
#include "matting/scenecutdetector.h"
#include "media/ffmpegptr.h"
#include "media/fisheyeconverter.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "media/pngwriter.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "person/personmatte.h"
#include "person/roimatte.h"
#include "pipeline/peoplepreparation.h"
#include "pipeline/playerview.h"
#include "util/error.h"

#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>

#include <algorithm>
#include <chrono>

namespace passthrough {
namespace {

// Frames at the end of the warm-up that compute the foreground for the speed (see renderPreview).
constexpr std::int64_t kForegroundTimedFrames = 5;

// Times each frame from the end of the one before, for the estimate before Start. The first
// frame's seek to a keyframe and the model's first call (allocations, lazy set-up) happen once
// per job, not once per frame: it counts only when it is all there is (frame 0 has no warm-up).
class FrameTimer {
public:
    // `roiSeconds`: of the frame's time, what its --roi auto crops took.
    void frameDone(bool counted, double roiSeconds = 0.0)
    {
        const auto now = std::chrono::steady_clock::now();
        const double took = std::chrono::duration<double>(now - m_last).count();
        m_last = now;
        if (m_frames++ == 0) {
            m_first = took;
        } else if (counted) {
            m_seconds += took - roiSeconds;
            ++m_counted;
            if (roiSeconds > 0.0) {
                m_roiSeconds += roiSeconds;
                ++m_roiFrames;
            }
        }
    }

    // The crops are counted as in the frames that had them (the people are only looked for
    // around the previewed frame, so the warm-up before has none): every frame is taken to
    // need what the previewed moment needs.
    [[nodiscard]] double framesPerSecond() const
    {
        if (m_counted > 0 && m_seconds > 0.0) {
            const double perFrame = m_seconds / double(m_counted)
                + (m_roiFrames > 0 ? m_roiSeconds / double(m_roiFrames) : 0.0);
            return 1.0 / perFrame;
        }
        return m_counted == 0 && m_first > 0.0 ? 1.0 / m_first : 0.0;
    }

private:
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
    std::int64_t m_frames = 0;
    std::int64_t m_counted = 0;
    double m_seconds = 0.0; // of the counted frames, without their crops
    std::int64_t m_roiFrames = 0; // counted frames with crops
    double m_roiSeconds = 0.0;
    double m_first = 0.0;
};

torch::Tensor gray(const torch::Tensor& matte)
{
    return (matte * 255.0)
        .round()
        .clamp(0, 255)
        .to(torch::kUInt8)
        .unsqueeze(2)
        .expand({ -1, -1, 3 })
        .contiguous();
}

torch::Tensor scalePanel(const torch::Tensor& rgb, int width, int height)
{
    auto chw = rgb.permute({ 2, 0, 1 }).unsqueeze(0).to(torch::kFloat32);
    auto scaled = torch::nn::functional::interpolate(chw,
        torch::nn::functional::InterpolateFuncOptions()
            .size(std::vector<int64_t> { height, width })
            .mode(torch::kArea));
    return scaled.squeeze(0).permute({ 1, 2, 0 }).round().clamp(0, 255).to(torch::kUInt8);
}

torch::Tensor playerView(const AVFrame* source, const torch::Tensor& matte, const torch::Tensor& foreground,
    const MediaInfo& info, const PreviewRequest& request)
{
    EncoderSettings encoder;
    encoder.encoder = request.packing == PackingKind::PngAlpha ? "png" : "libx265";
    const PackerConfig config = packerConfigFor(request.packing, info, encoder, request.keyColor);
    const auto packer = makePacker(request.packing, config);
    const ff::FramePtr packed = foreground.defined() ? packer->packWithForeground(source, matte, foreground)
                                                     : packer->pack(source, matte);
    return playerViewOfPacked(
        packed.get(), request.packing, info.color.matrix, config.keepsSourceRange(request.packing));
}

std::vector<PreviewPerson> peopleIn(const person::PeopleDecisions& people, std::int64_t pts)
{
    std::vector<PreviewPerson> found;
    const person::FramePeople* frame = people.timeline().at(pts);
    if (!frame) {
        return found;
    }
    const auto* removed = people.removed(pts);
    for (int eye = 0; eye < 2; ++eye) {
        const auto& eyePeople = frame->eyes[std::size_t(eye)];
        for (std::size_t i = 0; i < eyePeople.size(); ++i) {
            if (eyePeople[i].pose.score < person::kPersonScore) {
                continue; // below what decisions count as a person
            }
            PreviewPerson shown;
            shown.eye = eye;
            shown.pose = eyePeople[i].pose;
            shown.track = eyePeople[i].track;
            shown.removed
                = removed && i < (*removed)[std::size_t(eye)].size() && (*removed)[std::size_t(eye)][i];
            shown.povBody = shown.removed && eyePeople[i].povBody;
            found.push_back(shown);
        }
    }
    return found;
}

// The squares --roi auto mattes again in this frame, for the overlay.
void addCrops(const person::RoiPlan& plan, std::int64_t pts, int eyeWidth, int eyeHeight,
    std::vector<PreviewPerson>& shown)
{
    for (std::size_t index : plan.matted(pts)) {
        const person::RoiCrop& crop = plan.crops()[index];
        if (pts < crop.firstPts) {
            continue; // still warming up: not in the matte yet
        }
        for (int eye = 0; eye < plan.eyeCount(); ++eye) {
            const person::RoiSquare& s = crop.eyes[std::size_t(eye)];
            PreviewPerson square;
            square.eye = eye;
            square.roiCrop = true;
            square.pose.left = float(s.x) / float(eyeWidth);
            square.pose.top = float(s.y) / float(eyeHeight);
            square.pose.right = float(s.x + s.side) / float(eyeWidth);
            square.pose.bottom = float(s.y + s.side) / float(eyeHeight);
            square.pose.score = 1.0F;
            shown.push_back(square);
        }
    }
}

} // namespace

PreviewImages renderPreview(const PreviewRequest& request)
{
    torch::NoGradGuard noGrad;
    MediaInfo info = request.probed && !request.probed->framePts.empty()
        ? *request.probed
        : probeMedia(request.sourcePath, request.layout, true, request.cancel);
    if (request.layout) {
        info.layout = *request.layout;
    }
    const MediaInfo decodedAs = info; // before the conversion to the layout the matte is made in
    LayoutConversion convertLayout(convertsToFisheye(request.packing, info.layout));
    if (const auto problem = packingLayoutProblem(request.packing, info.layout)) {
        throw Error(ErrorKind::Usage, *problem + "; " + request.sourcePath + " is " + describe(info.layout));
    }
    info.layout = processingLayout(request.packing, info.layout);
    if (request.frameIndex < 0 || request.frameIndex >= info.frameCount) {
        throw Error(ErrorKind::Usage,
            "frame " + std::to_string(request.frameIndex) + " is outside " + request.sourcePath + " (it has "
                + std::to_string(info.frameCount) + " frames, numbered from 0)");
    }
    const std::int64_t warmupTicks
        = std::llround(request.warmupSeconds * info.timeBase.den / info.timeBase.num);
    const std::int64_t targetPts = info.framePts[std::size_t(request.frameIndex)];
    const auto first = std::lower_bound(info.framePts.begin(), info.framePts.end(), targetPts - warmupTicks);

    // Person choices: the people around this frame (and at the picks' moments), as a sample finds them.
    std::shared_ptr<const person::PeopleDecisions> people;
    if (request.matte.people.active() || request.findPeople) {
        const auto half = std::int64_t(0.5 / info.ptsToSeconds(1));
        people = peopleAround(decodedAs, info.layout, request.matte.people, request.backend->device(),
            targetPts - half, targetPts + half, request.cancel);
    }

    FrameReader reader(request.sourcePath, info.videoStreamIndex);
    reader.seek(*first);
    std::unique_ptr<EyeFrames> eyes;
    std::unique_ptr<MatteAdjuster> adjuster;
    std::unique_ptr<person::RoiMatting> roi;
    SceneCutDetector cuts;
    request.backend->resetState();
    // The last frames compute the foreground as well where the packing uses it, as every frame
    // of such a job does (it costs about half as much again): the speed is timed on them then.
    const std::int64_t toMatte = request.frameIndex - std::int64_t(first - info.framePts.begin()) + 1;
    const bool foregroundJob = usesForeground(request.packing);
    FrameTimer timer;
    std::int64_t matted = 0;
    for (;;) {
        if (request.cancel && request.cancel->load()) {
            throw Error(ErrorKind::Cancelled, "the preview of " + request.sourcePath + " was cancelled");
        }
        DecodedFrame decoded = reader.next();
        if (!decoded.frame) {
            throw Error(ErrorKind::Decode,
                "frame " + std::to_string(request.frameIndex) + " of " + request.sourcePath
                    + " could not be decoded");
        }
        decoded.frame = convertLayout(std::move(decoded.frame));
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(info, decoded.frame->format);
            adjuster = std::make_unique<MatteAdjuster>(request.matte, eyes->eyeWidth(), eyes->eyeHeight());
        }
        const double ratio = request.downsampleRatio > 0.0
            ? request.downsampleRatio
            : autoDownsampleRatio(eyes->eyeWidth(), eyes->eyeHeight());
        if (!roi && people && request.matte.people.roiAuto) { // as a segment does
            roi = person::makeRoiMatting(*people, *request.backend, eyes->eyeWidth(), eyes->eyeHeight(),
                ratio, info.ptsToSeconds(1), {});
        }
        EyeBatch batch = eyes->toBatch(decoded.frame.get());
        batch.foreground
            = foregroundJob && (matted >= toMatte - kForegroundTimedFrames || decoded.pts >= targetPts);
        if (request.matte.sceneCuts && cuts.isCut(batch)) { // as a segment does
            request.backend->resetState();
            adjuster->reset();
            if (roi) {
                roi->reset();
            }
        }
        torch::Tensor alpha = request.backend->step(batch, ratio);
        double roiSeconds = 0.0;
        if (roi) {
            const auto start = std::chrono::steady_clock::now();
            alpha = roi->apply(batch, decoded.pts, std::move(alpha));
            roiSeconds = roi->lastCropCount() > 0
                ? std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                : 0.0;
        }
        alpha = adjuster->apply(alpha, info.ptsToSeconds(decoded.pts));
        ++matted;
        timer.frameDone(!foregroundJob || batch.foreground, roiSeconds);
        if (decoded.pts < targetPts) {
            continue;
        }
        PreviewImages images;
        images.seconds = double(decoded.pts) * info.ptsToSeconds(1);
        images.matteFramesPerSecond = timer.framesPerSecond();
        if (people) {
            images.people = peopleIn(*people, decoded.pts);
        }
        if (roi) {
            addCrops(roi->plan(), decoded.pts, eyes->eyeWidth(), eyes->eyeHeight(), images.people);
        }
        if (people && request.matte.people.active()) {
            std::array<person::PovRegion, 2> bodies;
            alpha = person::removePeople(
                *people, decoded.pts, alpha, eyes->eyeWidth(), eyes->eyeHeight(), &bodies);
            // The wearer's body as the matte showed it: a box for the overlay, said as theirs.
            for (int eye = 0; eye < 2; ++eye) {
                const person::PovRegion& body = bodies[std::size_t(eye)];
                if (body.found) {
                    PreviewPerson shown;
                    shown.eye = eye;
                    shown.pose.left = body.left;
                    shown.pose.top = body.top;
                    shown.pose.right = body.right;
                    shown.pose.bottom = body.bottom;
                    shown.pose.score = 1.0F;
                    shown.removed = true;
                    shown.povBody = true;
                    images.people.push_back(shown);
                }
            }
        }
        images.source = eyes->toRgb(decoded.frame.get());
        const torch::Tensor matte = eyes->toFrameMatte(alpha);
        images.matte = gray(matte);
        images.composite = overCheckerboard(images.source, matte);
        const torch::Tensor foreground = request.backend->takeForeground();
        images.packed = playerView(decoded.frame.get(), matte,
            foreground.defined() ? eyes->toFrameForeground(foreground) : torch::Tensor(), info, request);
        return images;
    }
}

void writePreviewStrip(const PreviewImages& images, const std::filesystem::path& png, int panelWidth)
{
    const int width = std::min<int>(panelWidth, int(images.source.size(1)));
    // One height for all: a fisheye alpha output may be a few pixels larger (multiples of 32).
    const int height = std::max(1, int(images.source.size(0) * width / images.source.size(1)));
    std::vector<torch::Tensor> panels;
    for (const auto* panel : { &images.source, &images.matte, &images.composite, &images.packed }) {
        panels.push_back(scalePanel(*panel, width, height));
    }
    writePng(png, torch::cat(panels, 1));
}

} // namespace passthrough
