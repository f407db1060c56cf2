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

} // namespace passthrough
