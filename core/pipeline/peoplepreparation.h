#pragma once

#include "matting/tensor.h"
#include "media/layout.h"
#include "media/mediainfo.h"
#include "person/persondecisions.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace passthrough::person {
class MoveNet;
}

namespace passthrough {

struct PeopleRequest {
    const MediaInfo* source = nullptr;
    Layout layout; // the layout the matte is made in
    PersonChoices choices;
    torch::Device device = torch::kCPU; // the matting backend's
    std::string fingerprint; // the source's, as the job recorded it
    std::filesystem::path peopleFile; // the job folder's people.bin; empty: kept in memory only
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges; // empty: the whole source
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(const std::string&)> log;
};

// The decisions for a job's person choices: people.bin is read when it was made from this
// source and layout, else the person pass runs (person model from requirePersonModel()) and its
// result is published without replacing a file another process published first, then read back,
// so that every process of a job (farm workers included) decides from the same bytes.
std::shared_ptr<const person::PeopleDecisions> preparePeople(const PeopleRequest& request);

// The person model at `path` (a folder or its graph's JSON) on `device`, loaded once per process
// and shared: a window showing people would otherwise load it for every frame it previews (0.2 s
// on a 2-core machine, and 0.12 s more for its first run's set-up: bench/person-bench). Loaded
// again when the path, the device or either file's size or time changes (a model fetched anew).
// Throws Error(Model).
std::shared_ptr<const person::MoveNet> sharedPersonModel(
    const std::filesystem::path& path, torch::Device device);

// For a sample or a preview: the people of [fromPts, toPts) and of the moments the picks name
// (half a second around each), found now and kept in memory. A pick outside the span is
// recognised in it by appearance, as a full job recognises someone coming back.
std::shared_ptr<const person::PeopleDecisions> peopleAround(const MediaInfo& source, const Layout& layout,
    const PersonChoices& choices, torch::Device device, std::int64_t fromPts, std::int64_t toPts,
    const std::atomic<bool>* cancel);

} // namespace passthrough
