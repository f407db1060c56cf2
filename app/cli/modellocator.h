#pragma once

#include <filesystem>
#include <string>

namespace passthrough::cli {

// Where the model comes from: --model, else $PASSTHROUGH_MODEL, else the file in the user's
// cache folder. Throws Error(Usage) with instructions when none is found.
std::filesystem::path locateModel(const std::string& fromOption);
std::filesystem::path cachedModelPath();

} // namespace passthrough::cli
