#pragma once

#include <torch/types.h>

#include <filesystem>
#include <map>
#include <string>

namespace passthrough::rvm {

// Name -> tensor, in the file's order of keys is not kept (lookups only).
using StateDict = std::map<std::string, torch::Tensor>;

// Reads a `torch.save` zip archive holding a (collections.Ordered)Dict of tensors, as RVM's
// official `.pth` release files are. LibTorch's pickle_load cannot rebuild an OrderedDict, so
// this interprets the small subset of the pickle protocol a state dict uses. Throws
// Error(Model) naming the file for a missing file, a non-zip file, or a pickle that is not a
// dict of tensors.
StateDict loadStateDict(const std::filesystem::path& file);

// The same for a file's bytes already in memory (the fuzz target feeds it directly); `origin`
// names them in messages.
StateDict parseStateDict(std::string bytes, const std::string& origin);

} // namespace passthrough::rvm
