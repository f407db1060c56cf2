#pragma once

#include <filesystem>
#include <string>

namespace passthrough::cli {

// Where the model comes from: --model, else $PASSTHROUGH_MODEL, else the file in the user's
// cache folder, downloaded (and verified) on first use from RVM's release, or from
// $PASSTHROUGH_MODEL_URL when set.
std::filesystem::path locateModel(const std::string& fromOption);
// Downloads into the cache with a progress line on stderr; throws Error(Model) on failure.
std::filesystem::path fetchModel(const std::string& url);

} // namespace passthrough::cli
