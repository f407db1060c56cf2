#include "queuestore.h"

#include "job/jobstore.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace passthrough::ui {

// States as saved; Probing and Unusable are not worth keeping and save as "draft" (the first).
NLOHMANN_JSON_SERIALIZE_ENUM(EntryState,
    { { EntryState::Draft, "draft" }, { EntryState::Queued, "queued" }, { EntryState::Running, "running" },
        { EntryState::Paused, "paused" }, { EntryState::Interrupted, "interrupted" },
        { EntryState::Failed, "failed" }, { EntryState::Done, "done" }, { EntryState::Farm, "farm" } })

namespace {

std::string text(const QString& s)
{
    return s.toStdString();
}

QString qtext(const std::string& s)
{
    return QString::fromStdString(s);
}

QueueEntry entryFromJson(const nlohmann::json& item)
{
    if (!item.is_object()) {
        throw std::runtime_error("an entry is not an object");
    }
    QueueEntry e;
    e.id = QUuid::fromString(qtext(item.at("id").get<std::string>()));
    e.sourcePath = qtext(item.at("source").get<std::string>());
    e.settings = settingsFromJson(item.at("settings"), "the saved queue");
    e.modelPath = qtext(item.at("model").get<std::string>());
    e.outputFolder = qtext(item.at("outputFolder").get<std::string>());
    e.jobFolder = qtext(item.at("jobFolder").get<std::string>());
    const auto saved = item.at("state").get<EntryState>();
    if (e.jobFolder.isEmpty()) {
        e.state = EntryState::Probing; // a draft: probed again
        return e;
    }
    readJobFile(e);
    e.onFarm = item.value("onFarm", false);
    if (e.onFarm) {
        // Workers elsewhere went on: a farm job stays on the farm until job.json says it is joined.
        e.state = saved == EntryState::Done && QFileInfo::exists(e.outputPath) ? EntryState::Done
            : saved == EntryState::Failed                                      ? EntryState::Failed
                                                                               : EntryState::Farm;
        return e;
    }
    // A job that was running (or waiting) when the app stopped is interrupted now; a done job
    // whose output went missing too (resuming joins it again).
    const bool stillDone = saved == EntryState::Done && QFileInfo::exists(e.outputPath);
    e.state = stillDone || saved == EntryState::Failed ? saved : EntryState::Interrupted;
    return e;
}

// Version 1 was the bare list of entries.
nlohmann::json migrateQueue1To2(const nlohmann::json& list)
{
    return nlohmann::json { { "version", 2 }, { "entries", list } };
}

} // namespace

QByteArray saveQueue(const std::vector<QueueEntry>& entries)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : entries) {
        list.push_back({ { "id", text(e.id.toString(QUuid::WithoutBraces)) },
            { "source", text(e.sourcePath) }, { "settings", toJson(e.settings) },
            { "model", text(e.modelPath) }, { "outputFolder", text(e.outputFolder) },
            { "jobFolder", text(e.jobFolder) }, { "state", e.state }, { "onFarm", e.onFarm } });
    }
    return QByteArray::fromStdString(
        nlohmann::json { { "version", kQueueVersion }, { "entries", list } }.dump());
}

std::vector<QueueEntry> restoreQueue(const QByteArray& saved)
{
    std::vector<QueueEntry> entries;
    if (saved.isEmpty()) {
        return entries;
    }
    nlohmann::json savedJson;
    try {
        savedJson = nlohmann::json::parse(saved.toStdString());
    } catch (const nlohmann::json::exception&) {
        return entries; // a damaged queue list: start empty rather than not at all
    }
    if (savedJson.is_array()) {
        savedJson = migrateQueue1To2(savedJson);
    }
    if (!savedJson.is_object() || !savedJson.contains("entries") || !savedJson["entries"].is_array()) {
        qWarning("the saved queue is not a list of jobs; starting with an empty queue");
        return entries;
    }
    for (const auto& item : savedJson["entries"]) {
        try {
            entries.push_back(entryFromJson(item));
        } catch (const std::exception& error) {
            qWarning("skipping a queue entry that cannot be restored: %s", error.what());
        }
    }
    return entries;
}

bool tryReadJobFile(QueueEntry& entry)
{
    // job.json may be damaged or replaced by anyone who can write the folder: the window says
    // so on the job's card instead of ending.
    try {
        readJobFile(entry);
        return true;
    } catch (const std::exception& error) {
        entry.message = QString::fromStdString(error.what());
        return false;
    }
}

void readJobFile(QueueEntry& entry)
{
    const JobRecord job = JobStore(text(entry.jobFolder)).load();
    entry.segments.clear();
    entry.framesDone = 0;
    for (const auto& s : job.segments) {
        entry.segments.push_back(
            SegmentView { s.status, qtext(s.lastError), qtext(s.commit ? s.commit->worker : std::string()) });
        entry.framesDone += s.status == SegmentStatus::Done ? s.frameCount() : 0;
    }
    entry.totalFrames = job.frameCount();
    entry.outputPath = qtext(job.output);
    entry.notes.clear();
    for (const auto& note : job.notes) {
        entry.notes << qtext(note);
    }
}

} // namespace passthrough::ui
