#include "jobqueue.h"

// The farm half of the queue: sending a draft to the broker and following its progress there.

#include "background.h"
#include "farm/broker.h"
#include "farm/farmsubmit.h"
#include "job/jobstore.h"
#include "pipeline/jobcreation.h"
#include "queuestore.h"

namespace passthrough::ui {

void JobQueue::sendToFarm(const QUuid& id)
{
    QueueEntry* e = findMutable(id);
    if (!e || e->state != EntryState::Draft) {
        return;
    }
    const QString broker = m_settings.brokerUrl();
    if (broker.isEmpty()) {
        e->message = tr("Set the farm's broker address in the settings first.");
        changed(id);
        return;
    }
    if (e->modelPath.isEmpty()) {
        e->message = tr("Choose the matting model file first (or download it in the settings).");
        changed(id);
        return;
    }
    NewJobRequest request;
    request.sourcePath = e->sourcePath.toStdString();
    request.output = plannedOutput(*e).toStdString();
    request.modelPath = e->modelPath.toStdString();
    request.settings = e->settings;
    e->state = EntryState::Queued;
    e->message = tr("Sending to the farm…");
    changed(id);
    // Creating the job reads the whole source and talks to the broker: not on this thread.
    inBackground<QString>(
        this,
        [request, broker] {
            farm::Broker connection(broker.toStdString(), "passthrough-studio");
            JobStore store(createJob(request));
            farm::submitJob(connection, store);
            return QString::fromStdString(store.folder().string());
        },
        [this, id](const std::optional<QString>& folder, const QString& error) {
            QueueEntry* e = findMutable(id);
            if (!e) {
                return;
            }
            if (!folder) {
                e->state = EntryState::Draft;
                e->message = error;
            } else {
                e->jobFolder = *folder;
                e->onFarm = true;
                e->state = EntryState::Farm;
                e->message.clear();
                tryReadJobFile(*e);
                watchFarm(*e);
            }
            changed(id);
        });
}

void JobQueue::watchFarm(const QueueEntry& entry)
{
    FarmMonitor* monitor = m_monitor;
    const QUuid id = entry.id;
    const QString folder = entry.jobFolder;
    const QString broker = m_settings.brokerUrl();
    QMetaObject::invokeMethod(
        m_monitor, [monitor, id, folder, broker] { monitor->watch(id, folder, broker); },
        Qt::QueuedConnection);
}

void JobQueue::onFarmUpdate(const QUuid& id, const FarmSnapshot& snapshot)
{
    QueueEntry* e = findMutable(id);
    if (!e || !e->onFarm) {
        return;
    }
    if (!snapshot.segments.empty()) {
        e->segments = snapshot.segments;
        e->framesDone = snapshot.framesDone;
        e->totalFrames = snapshot.totalFrames;
    }
    e->message = snapshot.message;
    const EntryState before = e->state;
    if (snapshot.joined || snapshot.failed) {
        e->state = snapshot.joined ? EntryState::Done : EntryState::Failed;
        tryReadJobFile(*e);
        FarmMonitor* monitor = m_monitor;
        QMetaObject::invokeMethod(
            m_monitor, [monitor, id] { monitor->unwatch(id); }, Qt::QueuedConnection);
    }
    // Frame updates are many: tell the views, save the queue only when the state changes.
    if (e->state != before) {
        changed(id);
    } else {
        Q_EMIT entryChanged(id);
    }
}

} // namespace passthrough::ui
