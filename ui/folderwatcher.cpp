#include "folderwatcher.h"

#include "jobqueue.h"

#include <QFileInfo>
#include <QScopedValueRollback>

#include <algorithm>

namespace passthrough::ui {

FolderWatcher::FolderWatcher(JobQueue& queue, QObject* parent)
    : QObject(parent)
    , m_queue(queue)
    , m_clock([] { return QTime::currentTime(); })
{
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &FolderWatcher::poll);
    // A job this watch added is started (or skipped) once its probe has made it a draft.
    connect(&m_queue, &JobQueue::entryChanged, this, [this](const QUuid& id) {
        if (m_waiting.contains(id)) {
            startWaiting();
        }
    });
    connect(&m_queue, &JobQueue::entryRemoved, this, [this](const QUuid& id) { m_waiting.remove(id); });
}

FolderWatcher::~FolderWatcher() = default;

QString FolderWatcher::watch(
    const QString& folder, const QString& between, const QString& outputFolder, double settleSeconds)
{
    const QFileInfo watched(folder);
    if (!watched.isDir()) {
        return tr("%1 is not a folder.").arg(folder);
    }
    const QString watchedPath = watched.canonicalFilePath();
    const QString outputPath = QFileInfo(outputFolder).canonicalFilePath();
    if (outputFolder.isEmpty() || outputPath == watchedPath
        || outputPath.startsWith(watchedPath + QLatin1Char('/'))) {
        return tr("Choose an output folder outside %1 first (Job tab, Output folder): the finished videos "
                  "would otherwise land in the watched folder and become jobs themselves.")
            .arg(folder);
    }
    std::optional<TimeWindow> window;
    if (!between.trimmed().isEmpty()) {
        try {
            window = parseTimeWindow(between.trimmed().toStdString());
        } catch (const std::exception&) {
            return tr("The hours take HH:MM-HH:MM (such as 22:00-06:00), not \"%1\".").arg(between.trimmed());
        }
    }
    m_watch = std::make_unique<FolderWatch>(folder.toStdString(), settleSeconds);
    m_folder = folder;
    m_between = between.trimmed();
    m_window = window;
    m_waiting.clear();
    m_lastError.clear();
    m_elapsed.start();
    m_timer.start();
    poll();
    return {};
}

void FolderWatcher::stop()
{
    m_timer.stop();
    m_watch.reset();
    m_folder.clear();
    m_between.clear();
    m_window.reset();
    m_waiting.clear();
    Q_EMIT statusChanged({});
}

void FolderWatcher::poll()
{
    if (!m_watch) {
        return;
    }
    try {
        for (const auto& file : m_watch->scan(double(m_elapsed.elapsed()) / 1000.0)) {
            const QString path = QString::fromStdString(file.string());
            const auto& entries = m_queue.entries();
            if (std::none_of(entries.begin(), entries.end(),
                    [&](const QueueEntry& e) { return QFileInfo(e.sourcePath) == QFileInfo(path); })) {
                m_waiting.insert(m_queue.addFile(path));
            }
        }
        m_lastError.clear();
    } catch (const std::exception& e) {
        m_lastError = QString::fromUtf8(e.what()); // the folder went away: said, and read again later
    }
    startWaiting();
    Q_EMIT statusChanged(statusText());
}

void FolderWatcher::startWaiting()
{
    if (m_starting) {
        return; // starting a job changes it, which calls here again
    }
    const QScopedValueRollback<bool> guard(m_starting, true);
    const QTime now = m_clock();
    const bool open = !m_window || m_window->contains(now.hour() * 60 + now.minute());
    const QSet<QUuid> waiting = m_waiting;
    for (const QUuid& id : waiting) {
        const QueueEntry* e = m_queue.find(id);
        if (!e || e->state == EntryState::Probing) {
            continue;
        }
        if (e->state != EntryState::Draft) {
            m_waiting.remove(id); // unusable (its card says why), or started by the user
            continue;
        }
        const QString output = m_queue.plannedOutput(*e);
        if (QFileInfo::exists(output)) {
            const QString source = e->sourcePath;
            m_waiting.remove(id);
            m_queue.remove(id);
            Q_EMIT skipped(source, tr("its output %1 exists").arg(output));
            continue;
        }
        if (open) {
            m_waiting.remove(id);
            m_queue.start(id);
        }
    }
}

QString FolderWatcher::statusText() const
{
    if (!m_watch) {
        return {};
    }
    QString text = tr("Watching %1").arg(m_folder);
    if (m_window) {
        text += tr(", starting jobs between %1").arg(m_between);
    }
    if (!m_waiting.isEmpty()) {
        text += tr(", jobs waiting: %1").arg(m_waiting.size());
    }
    if (m_watch->pending() > 0) {
        text += tr(", files still being copied: %1").arg(m_watch->pending());
    }
    if (!m_lastError.isEmpty()) {
        text += QStringLiteral(" (") + m_lastError + QLatin1Char(')');
    }
    return text;
}

} // namespace passthrough::ui
