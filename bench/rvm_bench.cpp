// rvm-bench MODEL.pth [--device cpu|cuda] [--size N] [--ratio R|auto] [--precision fp32|fp16|bf16]
//                     [--channels-last auto|on|off] [--threads N] [--runs N] [--row]
//
// Forward-pass speed of the native RVM network, as the pipeline calls it (a uint8 eye pair, the
// recurrent state carried, the matte refined to the eyes' full size): median of N runs after two
// warm-up runs, and the peak memory the run needed (CUDA: the caching allocator's peak; CPU: the
// process's peak resident size). With only MODEL it times the CPU figures README gives (an eye
// pair of 1024x1024 at the auto ratio and 1920x1080 at 0.25, one thread and all cores). --row
// prints one tab-separated line for scripts/device-check.sh's table.
#include "matting/bfloat16support.h"
#include "matting/mattingbackend.h"
#include "matting/rvm/rvmbackend.h"

#include <torch/cuda.h>
#include <torch/types.h>
#include <torch/utils.h>
#include <torch/version.h>
#ifdef PTS_TORCH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

using namespace passthrough;

namespace {

struct Options {
    std::string model;
    std::string device = "cpu";
    int size = 1024;
    double ratio = 0.0; // 0: auto, as the pipeline picks it for the eye's size
    std::string precision = "fp32";
    std::string channelsLast = "auto";
    int threads = 0;
    int runs = 5;
    bool row = false;
    bool legacy = true; // only MODEL given
};

double medianMs(rvm::RvmBackend& backend, const EyeBatch& input, double ratio, int runs, bool cuda)
{
    backend.resetState();
    std::vector<double> times;
    for (int i = 0; i < runs + 2; ++i) {
        const auto start = std::chrono::steady_clock::now();
        backend.step(input, ratio);
        if (cuda) {
            torch::cuda::synchronize();
        }
        const double ms
            = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (i >= 2) {
            times.push_back(ms);
        }
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

EyeBatch randomEyes(int count, int height, int width, const torch::Device& device)
{
    EyeBatch eyes;
    eyes.rgb = torch::randint(0, 256, { count, height, width, 3 }, torch::kUInt8).to(device);
    return eyes;
}

double peakHostGiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / (1024.0 * 1024.0); // ru_maxrss is in KiB on Linux
}

void resetDevicePeak(const torch::Device& device)
{
#ifdef PTS_TORCH_CUDA
    if (device.is_cuda()) {
        c10::cuda::CUDACachingAllocator::resetPeakStats(device.index() < 0 ? 0 : device.index());
    }
#else
    (void)device;
#endif
}

// The device's peak in GiB since the last reset: on CUDA what the caching allocator reserved
// at most (what the card had to have); on the CPU the process's peak resident size.
double peakGiB(const torch::Device& device)
{
#ifdef PTS_TORCH_CUDA
    if (device.is_cuda()) {
        // Index 0 of the stat arrays is the aggregate over pools in every LibTorch release.
        const auto stats
            = c10::cuda::CUDACachingAllocator::getDeviceStats(device.index() < 0 ? 0 : device.index());
        return double(stats.reserved_bytes[0].peak) / (1024.0 * 1024.0 * 1024.0);
    }
#else
    (void)device;
#endif
    return peakHostGiB();
}

Options parse(int argc, char* argv[])
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::invalid_argument(arg + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--runs") {
            o.runs = std::max(1, std::stoi(value()));
            continue;
        }
        if (arg == "--row") {
            o.row = true;
        } else if (arg == "--device") {
            o.device = value();
        } else if (arg == "--size") {
            o.size = std::stoi(value());
        } else if (arg == "--ratio") {
            const std::string r = value();
            o.ratio = r == "auto" ? 0.0 : std::stod(r);
        } else if (arg == "--precision") {
            o.precision = value();
        } else if (arg == "--channels-last") {
            o.channelsLast = value();
        } else if (arg == "--threads") {
            o.threads = std::stoi(value());
        } else if (!arg.empty() && arg[0] != '-' && o.model.empty()) {
            o.model = arg;
            continue;
        } else {
            throw std::invalid_argument("unknown argument " + arg);
        }
        o.legacy = false;
    }
    if (o.model.empty()) {
        throw std::invalid_argument("give the model file");
    }
    if (o.size < 64 || o.size > 8192) {
        throw std::invalid_argument("--size takes 64 to 8192");
    }
    rvm::parseInferenceOptions(o.precision, o.channelsLast); // refuses unknown words before any work
    return o;
}

void reportLegacy(const char* what, int threads, double ms)
{
    std::printf("%-42s %2d threads  %8.1f ms/call  %7.2f frames/s\n", what, threads, ms, 1000.0 / ms);
    std::fflush(stdout);
}

// The figures README has always shown: CPU, one thread and all cores.
void runLegacy(const Options& o)
{
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const EyeBatch pair1k = randomEyes(2, 1024, 1024, torch::kCPU);
    const EyeBatch hd = randomEyes(1, 1080, 1920, torch::kCPU);
    for (int threads : { 1, cores }) {
        torch::set_num_threads(threads);
        rvm::RvmBackend backend(o.model, torch::kCPU);
        reportLegacy("CPU eye pair 2x1024x1024, ratio 0.5 (auto)", threads,
            medianMs(backend, pair1k, 0.5, o.runs, false));
        reportLegacy("CPU 1920x1080, ratio 0.25", threads, medianMs(backend, hd, 0.25, o.runs, false));
    }
}

// Exit status 77: the precision is not native on this CPU (bfloat16 without the instructions),
// so there is nothing worth timing; scripts/device-check.sh shows it as a row that says so.
int runOne(const Options& o)
{
    configureTorchThreads(o.threads);
    const torch::Device device = chooseDevice(o.device);
    if (o.precision == "bf16" && device.is_cpu()) {
        if (const Bfloat16Support support = cpuBfloat16Support(); !support.native) {
            std::fprintf(stderr, "rvm-bench: bf16 on the CPU not timed: not native on this CPU (%s)\n",
                support.reason.c_str());
            return 77;
        }
    }
    const rvm::InferenceOptions inference = rvm::parseInferenceOptions(o.precision, o.channelsLast);
    const bool channelsLast = inference.channelsLast.value_or(device.is_cpu());
    const double ratio = o.ratio > 0 ? o.ratio : autoDownsampleRatio(o.size, o.size);
    rvm::RvmBackend backend(o.model, device, rvm::RefinerChoice::Auto, inference);
    const EyeBatch pair = randomEyes(2, o.size, o.size, device);
    resetDevicePeak(device);
    const double ms = medianMs(backend, pair, ratio, o.runs, device.is_cuda());
    const double peak = peakGiB(device);
    if (o.row) {
        // device, LibTorch, eye size, ratio, precision, layout, eye pairs/s, ms, peak GiB
        std::printf("%s\t%s\t%dx%d\t%.3f\t%s\t%s\t%.2f\t%.1f\t%.2f\n", device.is_cuda() ? "cuda" : "cpu",
            TORCH_VERSION, o.size, o.size, ratio, o.precision.c_str(),
            channelsLast ? "channels-last" : "nchw", 1000.0 / ms, ms, peak);
    } else {
        std::printf(
            "%s eye pair 2x%dx%d, ratio %.3f, %s, %s: %.1f ms, %.2f eye pairs/s, peak %.2f GiB (%s)\n",
            device.is_cuda() ? "CUDA" : "CPU", o.size, o.size, ratio, o.precision.c_str(),
            channelsLast ? "channels-last" : "NCHW", ms, 1000.0 / ms, peak,
            device.is_cuda() ? "device memory" : "process peak RSS");
    }
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    Options options;
    try {
        options = parse(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr,
            "rvm-bench: %s\nusage: rvm-bench MODEL.pth [--device cpu|cuda] [--size N] [--ratio R|auto] "
            "[--precision fp32|fp16|bf16] [--channels-last auto|on|off] [--threads N] [--runs N] [--row]\n",
            e.what());
        return 2;
    }
    try {
        torch::NoGradGuard noGrad;
        torch::manual_seed(0);
        if (options.legacy) {
            runLegacy(options);
            return 0;
        }
        return runOne(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rvm-bench: %s\n", e.what());
        return 1;
    }
}
