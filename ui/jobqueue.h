#pragma once

#include "farmmonitor.h"
#include "jobworker.h"
#include "queueentry.h"
#include "studiosettings.h"

#include <QObject>
#include <QThread>

#include <vector>

namespace passthrough::ui {

// The window's list of jobs and the one thread that runs them, one at a time, in list order.
// Lives on the GUI thread; all long work (probing, matting, encoding) happens elsewhere and
// comes back as queued signals. The queue is saved in StudioSettings after every change and
// restored from it and the job files on the next start: jobs that were running come back as
// Interrupted, resumable with one click; farm jobs come back watched.
class JobQueue : public QObject {
    Q_OBJECT

public:
    explicit JobQueue(StudioSettings& settings, QObject* parent = nullptr);
    ~JobQueue() override;

    [[nodiscard]] const std::vector<QueueEntry>& entries() const { return m_entries; }
    [[nodiscard]] const QueueEntry* find(const QUuid& id) const;

    // Adds a draft job for a file and probes it in the background.
    QUuid addFile(const QString& path);
    // Changes a draft's settings (and its layout, when the override changes).
    void updateDraft(
        const QUuid& id, const JobSettings& settings, const QString& modelPath, const QString& outputFolder);
    // The speed the preview measured for a draft at its current settings (costestimate.h).
    void setPreviewSpeed(const QUuid& id, double framesPerSecond);
    // A sample rendered with `settings`: kept only while the draft still has those settings.
    void setSampleSize(const QUuid& id, const JobSettings& settings, double bytesPerFrame);
    // The output file a draft will write, as the core names it.
    [[nodiscard]] QString plannedOutput(const QueueEntry& entry) const;

    void start(const QUuid& id); // a draft, an interrupted job (resume) or a failed one (retry)
    void pause(const QUuid& id);
    void resume(const QUuid& id);
    void cancel(const QUuid& id);
    void retryFailed(const QUuid& id);
    // Sends a draft to the render farm (the broker in StudioSettings) instead of running it
    // here; its card then follows the farm's progress live, worker by worker.
    void sendToFarm(const QUuid& id);
    void remove(const QUuid& id); // the job folder and output stay on disk
    void move(const QUuid& id, int delta);

    [[nodiscard]] bool hasActiveJob() const;
    // Stops the running job at a frame boundary (its segment goes back to pending) and waits.
    void shutdown();
    [[nodiscard]] QString logText(const QUuid& id) const;

Q_SIGNALS:
    void entryAdded(const QUuid& id);
    void entryChanged(const QUuid& id);
    void entryRemoved(const QUuid& id);
    void orderChanged();

private:
    QueueEntry* findMutable(const QUuid& id);
    void probe(const QUuid& id);
    void schedule();
    void changed(const QUuid& id);
    void onJobCreated(const QUuid& id, const QString& folder);
    void onProgress(const QUuid& id, const JobProgress& progress);
    void onFinished(const QUuid& id, const JobOutcome& outcome);
    void onFarmUpdate(const QUuid& id, const FarmSnapshot& snapshot);
    void watchFarm(const QueueEntry& entry);
    void save() const;
    void restore();

    StudioSettings& m_settings;
    std::vector<QueueEntry> m_entries;
    QThread m_thread;
    JobWorker* m_worker = nullptr; // lives on m_thread
    QThread m_monitorThread;
    FarmMonitor* m_monitor = nullptr; // lives on m_monitorThread
    QUuid m_running;
    QUuid m_removeWhenStopped;
};

} // namespace passthrough::ui
