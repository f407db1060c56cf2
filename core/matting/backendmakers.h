#pragma once

#include "matting/mattingbackend.h"

#include <filesystem>
#include <memory>

// The two matting backends as their callers need them: made, or a file checked, without
// including the backends' own headers. Those bring in LibTorch's module and TorchScript headers,
// which double the compile time of every file that includes them (about 10 s more each on two
// cores), while the callers only hold a MattingBackend.
namespace passthrough {

// True when `file` is a TorchScript archive (a zip holding code/ and constants.pkl).
bool isTorchScriptFile(const std::filesystem::path& file);

// A TorchScriptBackend (matting/torchscriptbackend.h) for the archive `modelFile`.
std::unique_ptr<MattingBackend> makeTorchScriptBackend(
    const std::filesystem::path& modelFile, torch::Device device);

namespace rvm {

enum class RefinerChoice { Auto, Fast };

// An RvmBackend (matting/rvm/rvmbackend.h) for the state dict `modelFile`, with default
// inference options.
std::unique_ptr<MattingBackend> makeRvmBackend(
    const std::filesystem::path& modelFile, torch::Device device, RefinerChoice refiner);

// Throws Error(Model) naming `origin` unless `modelFile` is a state dict that builds RVM's
// network (what a downloaded file is checked by before it is kept).
void checkRvmWeights(const std::filesystem::path& modelFile, const std::string& origin);

} // namespace rvm
} // namespace passthrough
