// matte-quality COMPOSITE TRUE_ALPHA --model FILE [--downsample auto|RATIO] [--layout TAG]
//                [--scene-cuts] [--smooth S] [--from FRAME] [--frames N]
//
// Runs the matting model over every frame of COMPOSITE (recurrent state carried, as a segment
// would) and compares its alpha with TRUE_ALPHA (a gray video, 255 = person) frame by frame.
// Prints the mean absolute difference and the mean squared error of alpha in [0, 1], and the
// same for an all-background matte as a baseline, over frames FROM .. FROM + N (default all).
// --scene-cuts resets the model at detected cuts as the pipeline does; --smooth applies the
// temporal smoothing. "flicker" is the mean frame-to-frame change of alpha beyond the true
// alpha's own change (0 = the matte moves exactly as much as the truth).
#include "matting/backendfactory.h"
#include "matting/eyeframes.h"
#include "matting/matteadjuster.h"
#include "matting/scenecutdetector.h"
#include "media/ffmpegptr.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "media/medialog.h"

#include <QCoreApplication>

#include <torch/types.h>

#include <cstdio>
#include <string>

using namespace passthrough;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setMediaLibraryLogging(false);
    configureTorchThreads();
    std::string composite, truth, model, downsample = "auto", layout;
    bool sceneCuts = false;
    MatteControls controls;
    std::int64_t from = 0;
    std::int64_t count = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--model" && i + 1 < argc) {
            model = argv[++i];
        } else if (arg == "--downsample" && i + 1 < argc) {
            downsample = argv[++i];
        } else if (arg == "--layout" && i + 1 < argc) {
            layout = argv[++i];
        } else if (arg == "--scene-cuts") {
            sceneCuts = true;
        } else if (arg == "--smooth" && i + 1 < argc) {
            controls.smooth = std::stod(argv[++i]);
        } else if (arg == "--from" && i + 1 < argc) {
            from = std::stoll(argv[++i]);
        } else if (arg == "--frames" && i + 1 < argc) {
            count = std::stoll(argv[++i]);
        } else if (composite.empty()) {
            composite = arg;
        } else {
            truth = arg;
        }
    }
    if (composite.empty() || truth.empty() || model.empty()) {
        std::fprintf(stderr,
            "usage: matte-quality COMPOSITE TRUE_ALPHA --model FILE [--downsample auto|RATIO] [--layout "
            "TAG]\n");
        return 1;
    }
    const MediaInfo info
        = probeMedia(composite, layout.empty() ? std::nullopt : parseLayoutTag(layout), false);
    auto backend = openMattingBackend(model, chooseDevice("auto"));
    FrameReader source(composite, info.videoStreamIndex);
    FrameReader alpha(truth, 0);
    std::unique_ptr<EyeFrames> eyes;
    std::unique_ptr<MatteAdjuster> adjuster;
    SceneCutDetector detector;
    std::vector<std::int64_t> cuts;
    torch::Tensor lastMatte, lastTruth;
    double absSum = 0.0, sqSum = 0.0, baseAbs = 0.0, baseSq = 0.0, flicker = 0.0;
    std::int64_t frames = 0;
    for (std::int64_t index = 0;; ++index) {
        DecodedFrame s = source.next();
        DecodedFrame a = alpha.next();
        if (!s.frame || !a.frame) {
            break;
        }
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(info, s.frame->format);
            adjuster = std::make_unique<MatteAdjuster>(controls, eyes->eyeWidth(), eyes->eyeHeight());
        }
        const double ratio = downsample == "auto" ? autoDownsampleRatio(eyes->eyeWidth(), eyes->eyeHeight())
                                                  : std::stod(downsample);
        const EyeBatch batch = eyes->toBatch(s.frame.get());
        if (detector.isCut(batch)) {
            cuts.push_back(index);
            if (sceneCuts) {
                backend->resetState();
                adjuster->reset();
            }
        }
        const torch::Tensor matte
            = eyes->toFrameMatte(adjuster->apply(backend->step(batch, ratio), info.ptsToSeconds(s.pts)));
        const torch::Tensor plane
            = torch::from_blob(a.frame->data[0], { a.frame->height, a.frame->linesize[0] }, torch::kUInt8);
        const torch::Tensor expected = plane.narrow(1, 0, a.frame->width).to(torch::kFloat32) / 255.0;
        const bool counted = index >= from && (count < 0 || index < from + count);
        if (counted && lastMatte.defined() && index > from) {
            flicker += (matte - lastMatte).abs().mean().item<double>()
                - (expected - lastTruth).abs().mean().item<double>();
        }
        lastMatte = matte;
        lastTruth = expected;
        if (!counted) {
            continue;
        }
        const torch::Tensor diff = matte - expected;
        absSum += diff.abs().mean().item<double>();
        sqSum += diff.pow(2).mean().item<double>();
        baseAbs += expected.mean().item<double>();
        baseSq += expected.pow(2).mean().item<double>();
        ++frames;
    }
    std::string cutList;
    for (const auto cut : cuts) {
        cutList += (cutList.empty() ? "" : ",") + std::to_string(cut);
    }
    std::printf(
        "%s: %lld frames from %lld, downsample %s, scene cuts %s (found at %s), smooth %.2f: alpha MAD "
        "%.5f, MSE %.5f, flicker %.5f (all-background baseline: MAD %.4f, MSE %.5f)\n",
        composite.c_str(), static_cast<long long>(frames), static_cast<long long>(from), downsample.c_str(),
        sceneCuts ? "reset" : "ignored", cutList.empty() ? "none" : cutList.c_str(), controls.smooth,
        absSum / double(frames), sqSum / double(frames),
        flicker / double(std::max<std::int64_t>(1, frames - 1)), baseAbs / double(frames),
        baseSq / double(frames));
    return 0;
}
