#pragma once

#include "pipeline/folderwatch.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTime>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

namespace passthrough::ui {

class JobQueue;

// The window's "Watch folder": what `passthrough-cli watch` does, on the queue. Every video that
// appears in the folder and has stopped growing becomes a job with the window's current settings;
// jobs start one after another (the queue runs one at a time), only inside the time window when
// there is one; a file whose output already exists is skipped, so that a restart does not redo
// finished files, and a file already in the queue is not added twice.
class FolderWatcher : public QObject {
    Q_OBJECT

public:
    explicit FolderWatcher(JobQueue& queue, QObject* parent = nullptr);
    ~FolderWatcher() override;

    // Starts watching `folder` (replacing an earlier watch); `between` is "HH:MM-HH:MM" or empty
    // (any time); `outputFolder` is where the queue writes (the outputs must not land in the
    // watched folder, or each would become a job of its own). Returns why it cannot watch, in
    // words, or an empty string when it watches.
    QString watch(const QString& folder, const QString& between, const QString& outputFolder,
        double settleSeconds = 30.0);
    void stop();
    [[nodiscard]] bool isWatching() const { return m_watch != nullptr; }
    [[nodiscard]] QString folder() const { return m_folder; }
    [[nodiscard]] QString between() const { return m_between; }
    // What the watch is doing, in words (the status bar shows it); empty when not watching.
    [[nodiscard]] QString statusText() const;

    // For tests: the time of day the window is checked against, and how often the folder is read.
    void setClock(std::function<QTime()> clock) { m_clock = std::move(clock); }
    void setPollInterval(int milliseconds) { m_timer.setInterval(milliseconds); }

Q_SIGNALS:
    void statusChanged(const QString& text);
    // A file that did not become a job, and why (its output exists).
    void skipped(const QString& path, const QString& reason);

private:
    void poll();
    void startWaiting();

    JobQueue& m_queue;
    std::unique_ptr<FolderWatch> m_watch;
    QString m_folder;
    QString m_between;
    std::optional<TimeWindow> m_window;
    QElapsedTimer m_elapsed;
    QTimer m_timer;
    std::function<QTime()> m_clock;
    QSet<QUuid> m_waiting; // jobs this watch added that are not started yet
    QString m_lastError;
    bool m_starting = false;
};

} // namespace passthrough::ui
