// matte-quality COMPOSITE TRUE_ALPHA --model FILE [--downsample auto|RATIO] [--layout TAG]
//
// Runs the matting model over every frame of COMPOSITE (recurrent state carried, as a segment
// would) and compares its alpha with TRUE_ALPHA (a gray video, 255 = person) frame by frame.
// Prints the mean absolute difference and the mean squared error of alpha in [0, 1], and the
// same for an all-background matte as a baseline.
#include "matting/backendfactory.h"
#include "matting/eyeframes.h"
#include "media/ffmpegptr.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "media/medialog.h"

#include <QCoreApplication>

#include <torch/torch.h>

#include <cstdio>
#include <string>

using namespace passthrough;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setMediaLibraryLogging(false);
    configureTorchThreads();
    std::string composite, truth, model, downsample = "auto", layout;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--model" && i + 1 < argc) {
            model = argv[++i];
        } else if (arg == "--downsample" && i + 1 < argc) {
            downsample = argv[++i];
        } else if (arg == "--layout" && i + 1 < argc) {
            layout = argv[++i];
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
    double absSum = 0.0, sqSum = 0.0, baseAbs = 0.0, baseSq = 0.0;
    std::int64_t frames = 0;
    for (;;) {
        DecodedFrame s = source.next();
        DecodedFrame a = alpha.next();
        if (!s.frame || !a.frame) {
            break;
        }
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(info, s.frame->format);
        }
        const double ratio = downsample == "auto" ? autoDownsampleRatio(eyes->eyeWidth(), eyes->eyeHeight())
                                                  : std::stod(downsample);
        const torch::Tensor matte = eyes->toFrameMatte(backend->step(eyes->toBatch(s.frame.get()), ratio));
        const torch::Tensor plane
            = torch::from_blob(a.frame->data[0], { a.frame->height, a.frame->linesize[0] }, torch::kUInt8);
        const torch::Tensor expected = plane.narrow(1, 0, a.frame->width).to(torch::kFloat32) / 255.0;
        const torch::Tensor diff = matte - expected;
        absSum += diff.abs().mean().item<double>();
        sqSum += diff.pow(2).mean().item<double>();
        baseAbs += expected.mean().item<double>();
        baseSq += expected.pow(2).mean().item<double>();
        ++frames;
    }
    std::printf("%s: %lld frames, downsample %s: alpha MAD %.4f, MSE %.5f (all-background baseline: MAD "
                "%.4f, MSE %.5f)\n",
        composite.c_str(), static_cast<long long>(frames), downsample.c_str(), absSum / double(frames),
        sqSum / double(frames), baseAbs / double(frames), baseSq / double(frames));
    return 0;
}
