// rvm-bench MODEL.pth [--runs N]
//
// Forward-pass speed of the native RVM network on the CPU (and on CUDA when LibTorch sees a GPU):
// an eye pair of 1024x1024 (batch 2, auto ratio 0.5) and one 1920x1080 frame at ratio 0.25,
// with 1 thread and with all cores; recurrent state carried between runs, median of N runs
// after two warm-up runs. On CUDA it also times an 8K eye pair (2 x 4096x4096) at 0.125.
#include "matting/mattingbackend.h"
#include "matting/rvm/rvmbackend.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace passthrough;

namespace {

double medianMs(rvm::RvmBackend& backend, const torch::Tensor& eyes, double ratio, int runs, bool cuda)
{
    backend.resetState();
    const EyeBatch input = eyeBatchFromFloat(eyes);
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

void report(const char* what, int threads, double ms, int frames)
{
    std::printf(
        "%-42s %2d threads  %8.1f ms/call  %7.2f frames/s\n", what, threads, ms, 1000.0 * frames / ms);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: rvm-bench MODEL.pth [--runs N]\n");
        return 1;
    }
    const int runs = argc >= 4 ? std::atoi(argv[3]) : 5;
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    torch::NoGradGuard noGrad;
    torch::manual_seed(0);
    const auto pair1k = torch::rand({ 2, 3, 1024, 1024 });
    const auto hd = torch::rand({ 1, 3, 1080, 1920 });
    for (int threads : { 1, cores }) {
        torch::set_num_threads(threads);
        rvm::RvmBackend backend(argv[1], torch::kCPU);
        report("CPU eye pair 2x1024x1024, ratio 0.5 (auto)", threads,
            medianMs(backend, pair1k, 0.5, runs, false), 1);
        report("CPU 1920x1080, ratio 0.25", threads, medianMs(backend, hd, 0.25, runs, false), 1);
    }
    if (torch::cuda::is_available()) {
        rvm::RvmBackend backend(argv[1], torch::kCUDA);
        const auto pair8k = torch::rand({ 2, 3, 4096, 4096 }).to(torch::kCUDA);
        report(
            "CUDA eye pair 2x4096x4096, ratio 0.125", cores, medianMs(backend, pair8k, 0.125, runs, true), 1);
        report("CUDA eye pair 2x1024x1024, ratio 0.5", cores,
            medianMs(backend, pair1k.to(torch::kCUDA), 0.5, runs, true), 1);
    }
    return 0;
}
