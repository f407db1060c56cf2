#pragma once

#include <atomic>
#include <filesystem>
#include <string>

namespace passthrough::cli {

// Where the model comes from: --model, else $PASSTHROUGH_MODEL, else the file in the user's
// cache folder, downloaded (and verified) on first use from RVM's release, or from
// $PASSTHROUGH_MODEL_URL when set.
// The result is absolute. A set `cancel` flag stops a download with Error(Cancelled).
std::filesystem::path locateModel(const std::string& fromOption, const std::atomic<bool>* cancel);
// Downloads into the cache with a progress line on stderr; throws Error(Model) on failure and
// Error(Cancelled) when `cancel` is set.
std::filesystem::path fetchModel(const std::string& url, const std::atomic<bool>* cancel);

// The person model, when `needed` (the job chooses people): --person-model (a folder), else
// $PASSTHROUGH_PERSON_MODEL, else the cached download, fetched on first use. The core finds it
// through $PASSTHROUGH_PERSON_MODEL, which this sets for this process.
void locatePersonModel(bool needed, const std::string& fromOption, const std::atomic<bool>* cancel);
// Downloads the person model's folder into the cache; throws as fetchModel does.
std::filesystem::path fetchPersonModel(const std::string& url, const std::atomic<bool>* cancel);

} // namespace passthrough::cli
