#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace passthrough {

// Where the matting model lives when the user names none, shared by the CLI and the window.
// The file in the user's cache folder: ~/.cache/passthrough-studio/rvm_mobilenetv3.pth.
std::filesystem::path cachedModelPath();
// $PASSTHROUGH_MODEL_URL when set, else RVM's official release.
std::string modelUrl();
// $PASSTHROUGH_MODEL when set, else the cached file when it exists.
std::optional<std::filesystem::path> installedModel();

} // namespace passthrough
