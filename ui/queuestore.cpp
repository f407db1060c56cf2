#include "queuestore.h"

#include "job/jobstore.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace passthrough::ui {

// States as saved; Probing and Unusable are not worth keeping and save as "draft" (the first).
NLOHMANN_JSON_SERIALIZE_ENUM(EntryState,
    { { EntryState::Draft, "draft" }, { EntryState::Queued, "queued" }, { EntryState::Running, "running" },
        { EntryState::Paused, "paused" }, { EntryState::Interrupted, "interrupted" },
        { EntryState::Failed, "failed" }, { EntryState::Done, "done" } })

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
    QueueEntry e;
    e.id = QUuid::fromString(qtext(item.at("id").get<std::string>()));
    e.sourcePath = qtext(item.at("source").get<std::string>());
    e.settings = settingsFromJson(item.at("settings"));
    e.modelPath = qtext(item.at("model").get<std::string>());
    e.outputFolder = qtext(item.at("outputFolder").get<std::string>());
    e.jobFolder = qtext(item.at("jobFolder").get<std::string>());
    const auto saved = item.at("state").get<EntryState>();
    if (e.jobFolder.isEmpty()) {
        e.state = EntryState::Probing; // a draft: probed again
        return e;
    }
    readJobFile(e);
    // A job that was running (or waiting) when the app stopped is interrupted now; a done job
    // whose output went missing too (resuming joins it again).
    const bool stillDone = saved == EntryState::Done && QFileInfo::exists(e.outputPath);
    e.state = stillDone || saved == EntryState::Failed ? saved : EntryState::Interrupted;
    return e;
}

} // namespace

QByteArray saveQueue(const std::vector<QueueEntry>& entries)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : entries) {
        list.push_back({ { "id", text(e.id.toString(QUuid::WithoutBraces)) },
            { "source", text(e.sourcePath) }, { "settings", toJson(e.settings) },
            { "model", text(e.modelPath) }, { "outputFolder", text(e.outputFolder) },
            { "jobFolder", text(e.jobFolder) }, { "state", e.state } });
    }
    return QByteArray::fromStdString(list.dump());
}

std::vector<QueueEntry> restoreQueue(const QByteArray& saved)
{
    std::vector<QueueEntry> entries;
    if (saved.isEmpty()) {
        return entries;
    }
    nlohmann::json list;
    try {
        list = nlohmann::json::parse(saved.toStdString());
    } catch (const nlohmann::json::exception&) {
        return entries; // a damaged queue list: start empty rather than not at all
    }
    for (const auto& item : list) {
        try {
            entries.push_back(entryFromJson(item));
        } catch (const std::exception& error) {
            qWarning("skipping a queue entry that cannot be restored: %s", error.what());
        }
    }
    return entries;
}

void readJobFile(QueueEntry& entry)
{
    const JobRecord job = JobStore(text(entry.jobFolder)).load();
    entry.segments.clear();
    entry.framesDone = 0;
    for (const auto& s : job.segments) {
        entry.segments.push_back(SegmentView { s.status, qtext(s.lastError) });
        entry.framesDone += s.status == SegmentStatus::Done ? s.frameCount() : 0;
    }
    entry.totalFrames = job.source.frameCount;
    entry.outputPath = qtext(job.output);
    entry.notes.clear();
    for (const auto& note : job.notes) {
        entry.notes << qtext(note);
    }
}

} // namespace passthrough::ui
