#pragma once

#include "matting/mattingbackend.h"

#include <filesystem>
#include <memory>

namespace passthrough {

// Opens a model file with the backend that reads it: TorchScript archives (official RVM
// `.torchscript` exports, or any module with RVM's signature) for now. Throws Error(Model)
// naming the file.
std::unique_ptr<MattingBackend> openMattingBackend(
    const std::filesystem::path& modelFile, torch::Device device);

} // namespace passthrough
