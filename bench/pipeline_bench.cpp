// pipeline-bench INPUT [--model FILE] [--frames N] [--stage all|decode|infer|encode|e2e|model]
//                [--segment-seconds S] [--downsample auto|RATIO] [--packing NAME]
//
// Prints frames/s of each stage of the pipeline on INPUT and the process's peak resident memory.
// Stages are measured on their own (decode only; decode + model; decode + pack + encode) and
// together (a real job: segmented, queued threads, join); "model" times the bare network on float
// eyes at the same ratio (RVM's own way, the reference for end-to-end). Without --model the tiny recurrent
// test model is used, so "infer" then measures the plumbing around the model, not RVM.
#include "job/jobstore.h"
#include "matting/backendfactory.h"
#include "matting/eyeframes.h"
#include "matting/rvm/rvmbackend.h"
#include "matting/torchscriptbackend.h"
#include "media/chunkencoder.h"
#include "media/ffmpegptr.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "media/medialog.h"
#include "packing/packer.h"
#include "pipeline/jobcreation.h"
#include "pipeline/jobresume.h"
#include "pipeline/jobrunner.h"
#include "support/testmodels.h"
#include "util/memory.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <torch/types.h>
#include <torch/utils.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/resource.h>

using namespace passthrough;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::string input;
    std::string model;
    std::int64_t frames = 120;
    std::string stage = "all";
    double segmentSeconds = 10.0;
    std::string downsample = "auto";
    PackingKind packing = PackingKind::Matte; // decides the matte size "infer" refines to
};

double peakRssMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

std::unique_ptr<MattingBackend> makeBackend(const Options& o)
{
    if (o.model.empty()) {
        return std::make_unique<TorchScriptBackend>(makeRecurrentTestModel(), torch::kCPU);
    }
    return openMattingBackend(o.model, chooseDevice("auto"));
}

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

void report(const char* stage, std::int64_t frames, double elapsed)
{
    std::printf("%-10s %6lld frames  %8.2f s  %8.2f frames/s\n", stage, static_cast<long long>(frames),
        elapsed, double(frames) / elapsed);
    std::fflush(stdout);
}

void benchDecode(const Options& o, const MediaInfo& info)
{
    FrameReader reader(o.input, info.videoStreamIndex);
    const auto start = Clock::now();
    std::int64_t n = 0;
    while (n < o.frames && reader.next().frame) {
        ++n;
    }
    report("decode", n, seconds(start));
}

void benchInference(const Options& o, const MediaInfo& info)
{
    FrameReader reader(o.input, info.videoStreamIndex);
    auto backend = makeBackend(o);
    std::unique_ptr<EyeFrames> eyes;
    double decodeSeconds = 0.0;
    double inferSeconds = 0.0;
    double convertSeconds = 0.0; // the part of inference that turns decoded frames into eyes
    std::int64_t n = 0;
    for (; n < o.frames; ++n) {
        auto t0 = Clock::now();
        DecodedFrame f = reader.next();
        decodeSeconds += seconds(t0);
        if (!f.frame) {
            break;
        }
        t0 = Clock::now();
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(info, f.frame->format);
        }
        const double ratio = o.downsample == "auto" ? autoDownsampleRatio(eyes->eyeWidth(), eyes->eyeHeight())
                                                    : std::stod(o.downsample);
        const EyeBatch batch
            = eyes->toBatch(f.frame.get(), matteTileSize(o.packing, info.width, info.height));
        convertSeconds += seconds(t0);
        backend->step(batch, ratio);
        inferSeconds += seconds(t0);
    }
    report("inference", n, inferSeconds);
    report(" of it eyes", n, convertSeconds);
}

// The bare network on float eyes refined to their full size, as RVM's own code runs it: the
// reference the pipeline's end-to-end rate is compared with (no decode, no packing, no encode).
void benchBareModel(const Options& o, const MediaInfo& info)
{
    if (o.model.empty()) {
        std::fprintf(stderr, "the model stage needs --model\n");
        return;
    }
    FrameReader reader(o.input, info.videoStreamIndex);
    DecodedFrame f = reader.next();
    EyeFrames eyes(info, f.frame->format);
    const double ratio = o.downsample == "auto" ? autoDownsampleRatio(eyes.eyeWidth(), eyes.eyeHeight())
                                                : std::stod(o.downsample);
    const torch::Tensor src = eyesAsFloat(eyes.toBatch(f.frame.get()).rgb);
    rvm::RvmBackend backend(o.model, chooseDevice("auto"));
    backend.forward(src, ratio, false); // the first call allocates
    const auto start = Clock::now();
    for (std::int64_t n = 0; n < o.frames; ++n) {
        backend.forward(src, ratio, false);
    }
    report("bare model", o.frames, seconds(start));
}

void benchEncode(const Options& o, const MediaInfo& info)
{
    QTemporaryDir dir;
    auto packer = makePacker(PackingKind::Matte,
        PackerConfig { info.width, info.height, info.bitDepth > 8 ? 10 : 8, info.color.matrix });
    EncoderSettings settings;
    settings.bitDepth = info.bitDepth > 8 ? 10 : 8;
    ChunkEncoder encoder(dir.filePath(QStringLiteral("bench.nut")).toStdString(),
        ChunkFormat { packer->outputWidth(), packer->outputHeight(),
            settings.bitDepth > 8 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P },
        info, settings);
    // A moving soft disc: a matte with edges and motion, like a person.
    const auto ys = torch::arange(info.height, torch::kFloat32).view({ info.height, 1 });
    const auto xs = torch::arange(info.width, torch::kFloat32).view({ 1, info.width });
    const auto start = Clock::now();
    std::int64_t n = 0;
    for (; n < o.frames; ++n) {
        const float cx = float(info.width) * (0.2f + 0.6f * float(n % 60) / 60.0f);
        const auto matte
            = (200.0f - ((xs - cx).pow(2) + (ys - info.height / 2.0f).pow(2)).sqrt()).clamp(0, 1);
        auto frame = packer->pack(nullptr, matte);
        encoder.encode(frame.get(),
            std::int64_t(n) * info.timeBase.den * info.frameRate.den
                / (info.timeBase.num * info.frameRate.num));
    }
    encoder.finish();
    report("encode", n, seconds(start));
}

void benchEndToEnd(const Options& o)
{
    QTemporaryDir dir;
    NewJobRequest request;
    request.sourcePath = o.input;
    request.output = dir.filePath(QStringLiteral("bench_matte.mp4")).toStdString();
    request.modelPath = o.model;
    request.settings.segmentSeconds = o.segmentSeconds;
    request.settings.downsample = o.downsample;
    const auto start = Clock::now();
    JobStore store(createJob(request));
    RunOptions options;
    options.makeBackend = [&](const JobRecord&) { return makeBackend(o); };
    const RunResult result = runJob(store, options);
    const JobRecord job = store.load();
    if (!result.joined) {
        std::fprintf(stderr, "end-to-end run failed: %s\n",
            result.failures.empty() ? "?" : result.failures[0].c_str());
        return;
    }
    report("end-to-end", job.source.frameCount, seconds(start));
}

} // namespace

int main(int argc, char* argv[])
{
    passthrough::configureAllocator();
    QCoreApplication app(argc, argv);
    setMediaLibraryLogging(false);
    configureTorchThreads();
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--model" && i + 1 < argc) {
            o.model = argv[++i];
        } else if (arg == "--frames" && i + 1 < argc) {
            o.frames = std::stoll(argv[++i]);
        } else if (arg == "--segment-seconds" && i + 1 < argc) {
            o.segmentSeconds = std::stod(argv[++i]);
        } else if (arg == "--downsample" && i + 1 < argc) {
            o.downsample = argv[++i];
        } else if (arg == "--packing" && i + 1 < argc) {
            o.packing = requirePacking(argv[++i]);
        } else if (arg == "--stage" && i + 1 < argc) {
            o.stage = argv[++i];
        } else {
            o.input = arg;
        }
    }
    if (o.input.empty()) {
        std::fprintf(stderr,
            "usage: pipeline-bench INPUT [--model FILE] [--frames N] [--stage "
            "all|decode|infer|encode|e2e|model]\n"
            "                      [--segment-seconds S] [--downsample auto|RATIO] [--packing NAME]\n");
        return 1;
    }
    const MediaInfo info = probeMedia(o.input);
    std::printf("input      %s: %dx%d, %lld frames, %.1f s, %d threads\n", o.input.c_str(), info.width,
        info.height, static_cast<long long>(info.frameCount), info.durationSeconds, torch::get_num_threads());
    const bool all = o.stage == "all";
    if (all || o.stage == "decode") {
        benchDecode(o, info);
    }
    if (all || o.stage == "infer") {
        benchInference(o, info);
    }
    if (o.stage == "model") {
        benchBareModel(o, info);
    }
    if (all || o.stage == "encode") {
        benchEncode(o, info);
    }
    if (all || o.stage == "e2e") {
        benchEndToEnd(o);
    }
    std::printf("peak RSS   %.1f MiB\n", peakRssMiB());
    return 0;
}
