#include "matting/backendfactory.h"

#include "matting/backendmakers.h"
#include "util/error.h"

namespace passthrough {

std::unique_ptr<MattingBackend> openMattingBackend(
    const std::filesystem::path& modelFile, torch::Device device, const std::string& refiner)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(modelFile, ec)) {
        throw Error(ErrorKind::Model, "cannot open the model " + modelFile.string() + ": no such file");
    }
    if (isTorchScriptFile(modelFile)) {
        return makeTorchScriptBackend(modelFile, device);
    }
    if (refiner != "auto" && refiner != "fast") {
        throw Error(ErrorKind::Usage, "unknown refiner '" + refiner + "' (use auto or fast)");
    }
    return rvm::makeRvmBackend(
        modelFile, device, refiner == "fast" ? rvm::RefinerChoice::Fast : rvm::RefinerChoice::Auto);
}

std::unique_ptr<MattingBackend> openMattingBackend(const std::filesystem::path& modelFile,
    const std::string& deviceRequest, const std::string& refiner, int threads)
{
    configureTorchThreads(threads);
    return openMattingBackend(modelFile, chooseDevice(deviceRequest), refiner);
}

} // namespace passthrough
