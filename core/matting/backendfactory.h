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

} // namespace passthrough
