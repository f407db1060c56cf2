#include "matting/mattingbackend.h"

#include "util/error.h"

#include <torch/cuda.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>
#include <torch/utils.h>

#include <algorithm>
#include <thread>

namespace passthrough {

torch::Tensor eyesAsFloat(const torch::Tensor& rgb)
{
    return rgb.permute({ 0, 3, 1, 2 }).to(torch::kFloat32).div_(255.0).contiguous();
}

EyeBatch eyeBatchFromFloat(const torch::Tensor& eyes)
{
    return { eyes.mul(255.0).round_().clamp_(0.0, 255.0).to(torch::kUInt8).permute({ 0, 2, 3, 1 }), {} };
}

torch::Tensor toGuideSize(const torch::Tensor& alpha, const EyeBatch& eyes)
{
    if (!eyes.guide.defined()) {
        return alpha;
    }
    namespace F = torch::nn::functional;
    return F::interpolate(alpha,
        F::InterpolateFuncOptions()
            .size(std::vector<int64_t> { eyes.guide.size(1), eyes.guide.size(2) })
            .mode(torch::kArea));
}

double autoDownsampleRatio(int eyeWidth, int eyeHeight)
{
    const int longer = std::max(eyeWidth, eyeHeight);
    return longer <= 0 ? 1.0 : std::min(1.0, 512.0 / double(longer));
}

torch::Device chooseDevice(const std::string& request)
{
    if (request == "cpu") {
        return torch::kCPU;
    }
    const bool cuda = torch::cuda::is_available();
    if (request == "cuda" && !cuda) {
        throw Error(ErrorKind::Model,
            "--device cuda was asked for, but LibTorch sees no CUDA GPU "
            "(this build or this machine has none)");
    }
    if (request != "auto" && request != "cuda") {
        throw Error(ErrorKind::Usage, "unknown device '" + request + "' (use auto, cpu or cuda)");
    }
    return cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

Error modelFailure(const std::string& context, const std::string& what, const torch::Device& device)
{
    const bool outOfMemory = what.find("out of memory") != std::string::npos
        || what.find("can't allocate memory") != std::string::npos;
    if (!outOfMemory) {
        return Error(ErrorKind::Model, context + ": " + what);
    }
    return Error(ErrorKind::OutOfMemory,
        context + ": the " + (device.is_cuda() ? std::string("GPU") : std::string("computer"))
            + " ran out of memory (" + what.substr(0, 200)
            + "); lower the model resolution (--downsample 0.25 or less), close other programs"
            + (device.is_cuda() ? ", or use --device cpu" : ""));
}

void configureTorchThreads(int threads)
{
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(threads > 0 ? threads : cores);
}

} // namespace passthrough
