#pragma once

#include "matting/mattingbackend.h"

#include <filesystem>
#include <memory>

namespace passthrough {

// Opens a model file with the backend that reads it: TorchScript archives (official RVM
// `.torchscript` exports, or any module with RVM's signature) run through TorchScript; `.pth`
// state dicts (RVM's release format) run on the native RVM network. Throws Error(Model) naming
// the file.
// `refiner` is "auto" or "fast" (native RVM only).
std::unique_ptr<MattingBackend> openMattingBackend(
    const std::filesystem::path& modelFile, torch::Device device, const std::string& refiner = "auto");

// The same for a user's device choice ("auto", "cpu", "cuda"), with LibTorch's CPU threads set
// first to `threads` (0 = all cores): what the CLI, the job worker and the preview all need.
// CPU results depend on the thread count at the last bit, so machines that must give
// bit-equal segments (a farm checked against one machine) use the same count.
std::unique_ptr<MattingBackend> openMattingBackend(const std::filesystem::path& modelFile,
    const std::string& deviceRequest, const std::string& refiner = "auto", int threads = 0);

} // namespace passthrough
