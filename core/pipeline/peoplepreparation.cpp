#include "pipeline/peoplepreparation.h"

#include "model/personmodel.h"
#include "person/movenet.h"
#include "person/personpass.h"
#include "util/durablefile.h"
#include "util/error.h"

#include <torch/types.h>

#include <mutex>
#include <unistd.h>

namespace passthrough {
namespace {

// What tells one model file from another without reading it: path, size and time of each file.
std::string fileIdentity(const std::filesystem::path& file)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    const auto time = std::filesystem::last_write_time(file, error).time_since_epoch().count();
    return file.string() + ':' + std::to_string(size) + ':' + std::to_string(time);
}

} // namespace

std::shared_ptr<const person::MoveNet> sharedPersonModel(
    const std::filesystem::path& path, torch::Device device)
{
    static std::mutex mutex;
    static std::shared_ptr<const person::MoveNet> loaded;
    static std::string loadedKey;
    const std::filesystem::path graph = person::moveNetGraphPath(path.string());
    const std::string key = fileIdentity(graph) + '|'
        + fileIdentity(graph.parent_path() / person::MoveNet::kWeightsFile) + '|' + device.str();
    const std::lock_guard lock(mutex); // a second caller waits for the first one's load
    if (!loaded || key != loadedKey) {
        loaded.reset(); // one copy of the weights at a time
        loaded = std::make_shared<const person::MoveNet>(graph.string(), device);
        loadedKey = key;
    }
    return loaded;
}

std::shared_ptr<const person::PeopleDecisions> preparePeople(const PeopleRequest& r)
{
    const auto log = [&](const std::string& line) {
        if (r.log) {
            r.log(line);
        }
    };
    const std::string key
        = person::peopleSourceKey(*r.source, r.layout, r.choices.detectionSize, r.fingerprint);
    std::optional<person::PeopleTimeline> timeline;
    std::error_code error;
    if (!r.peopleFile.empty() && std::filesystem::exists(r.peopleFile, error)) {
        person::PeopleTimeline stored = person::readPeopleTimeline(r.peopleFile);
        if (stored.sourceKey == key) {
            timeline = std::move(stored);
        } else {
            log("people: " + r.peopleFile.string()
                + " was made from another source or layout; finding the people again");
        }
    }
    if (!timeline) {
        const std::filesystem::path modelPath = requirePersonModel();
        const auto model = sharedPersonModel(modelPath, r.device);
        log("people: finding the people in every frame with " + modelPath.string());
        std::int64_t lastTenth = -1;
        person::PeopleTimeline found = person::findPeople(
            *r.source, r.layout, *model, r.choices.detectionSize, r.cancel,
            [&](std::int64_t done, std::int64_t total) {
                const std::int64_t tenth = total > 0 ? done * 10 / total : 0;
                if (tenth != lastTenth && tenth > 0) {
                    lastTenth = tenth;
                    log("people: " + std::to_string(done) + " of " + std::to_string(total) + " frames");
                }
            },
            r.ranges);
        found.sourceKey = key;
        if (r.peopleFile.empty()) {
            timeline = std::move(found);
        } else {
            // Another process of the same job may publish first: then its file is the one used.
            auto mine = r.peopleFile;
            mine += "." + std::to_string(::getpid()) + ".partial";
            person::writePeopleTimeline(mine, found);
            if (!commitRenameNoReplace(mine, r.peopleFile)) {
                if (person::readPeopleTimeline(r.peopleFile).sourceKey == key) {
                    std::filesystem::remove(mine, error); // published first by another process
                } else {
                    commitRename(mine, r.peopleFile); // the stale one from another source
                }
            }
            timeline = person::readPeopleTimeline(r.peopleFile);
        }
    }
    auto decisions = std::make_shared<const person::PeopleDecisions>(
        std::move(*timeline), r.choices, r.source->ptsToSeconds(1));
    for (const std::string& note : decisions->notes()) {
        log("people: " + note);
    }
    return decisions;
}

std::shared_ptr<const person::PeopleDecisions> peopleAround(const MediaInfo& source, const Layout& layout,
    const PersonChoices& choices, torch::Device device, std::int64_t fromPts, std::int64_t toPts,
    const std::atomic<bool>* cancel)
{
    PeopleRequest find;
    find.source = &source;
    find.layout = layout;
    find.choices = choices;
    find.device = device;
    find.ranges.emplace_back(fromPts, toPts);
    const double secondsPerPts = source.ptsToSeconds(1);
    const auto half = std::int64_t(0.5 / secondsPerPts);
    for (const PersonPick& pick : choices.picks) {
        const auto at = std::int64_t(pick.seconds / secondsPerPts);
        find.ranges.emplace_back(std::max<std::int64_t>(0, at - half), at + half);
    }
    find.cancel = cancel;
    return preparePeople(find);
}

} // namespace passthrough
