#include "jobqueue.h"

#include "background.h"
#include "job/jobstore.h"
#include "job/segmentplanner.h"
#include "packing/packing.h"
#include "pipeline/jobcreation.h"
#include "queuestore.h"
#include "util/error.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace passthrough::ui {
namespace {

// The frames a draft's job will render: the source's, or its range's (the timeline's in and out).
qint64 draftFrames(const MediaInfo& info, const JobSettings& settings)
{
    try {
        return framesToRender(info, settings.range);
    } catch (const Error&) {
        return info.frameCount; // a range outside the video: refused when the job is made
    }
}

std::string text(const QString& s)
{
    return s.toStdString();
}

QString qtext(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

QString stateText(EntryState state)
{
    switch (state) {
    case EntryState::Probing:
        return JobQueue::tr("Reading the file…");
    case EntryState::Unusable:
        return JobQueue::tr("Cannot be used");
    case EntryState::Draft:
        return JobQueue::tr("Not started");
    case EntryState::Queued:
        return JobQueue::tr("Queued");
    case EntryState::Running:
        return JobQueue::tr("Running");
    case EntryState::Paused:
        return JobQueue::tr("Paused");
    case EntryState::Interrupted:
        return JobQueue::tr("Interrupted");
    case EntryState::Failed:
        return JobQueue::tr("Failed segments");
    case EntryState::Done:
        return JobQueue::tr("Done");
    case EntryState::Farm:
        return JobQueue::tr("On the farm");
    }
    return {};
}

JobQueue::JobQueue(StudioSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{
    qRegisterMetaType<JobProgress>();
    qRegisterMetaType<JobOutcome>();
    m_worker = new JobWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &JobWorker::jobCreated, this, &JobQueue::onJobCreated);
    connect(m_worker, &JobWorker::progressed, this, &JobQueue::onProgress);
    connect(m_worker, &JobWorker::finished, this, &JobQueue::onFinished);
    m_thread.setObjectName(QStringLiteral("job worker"));
    m_thread.start();
    m_monitor = new FarmMonitor;
    m_monitor->moveToThread(&m_monitorThread);
    connect(&m_monitorThread, &QThread::finished, m_monitor, &QObject::deleteLater);
    connect(m_monitor, &FarmMonitor::updated, this, &JobQueue::onFarmUpdate);
    m_monitorThread.setObjectName(QStringLiteral("farm monitor"));
    m_monitorThread.start();
    restore();
}

JobQueue::~JobQueue()
{
    m_monitorThread.quit();
    m_monitorThread.wait();
    shutdown();
    QThreadPool::globalInstance()->waitForDone(); // probes in flight
}

const QueueEntry* JobQueue::find(const QUuid& id) const
{
    const auto it
        = std::find_if(m_entries.begin(), m_entries.end(), [&](const auto& e) { return e.id == id; });
    return it == m_entries.end() ? nullptr : &*it;
}

QueueEntry* JobQueue::findMutable(const QUuid& id)
{
    return const_cast<QueueEntry*>(find(id));
}

QUuid JobQueue::addFile(const QString& path)
{
    QueueEntry entry;
    entry.id = QUuid::createUuid();
    entry.sourcePath = QFileInfo(path).absoluteFilePath();
    entry.settings = m_settings.defaultJobSettings();
    entry.modelPath = m_settings.modelPath();
    entry.outputFolder = m_settings.outputFolder();
    m_entries.push_back(entry);
    Q_EMIT entryAdded(entry.id);
    probe(entry.id);
    save();
    return entry.id;
}

void JobQueue::probe(const QUuid& id)
{
    const QueueEntry* entry = find(id);
    const std::string path = text(entry->sourcePath);
    std::optional<Layout> layout;
    if (entry->settings.layoutOverride) {
        layout = parseLayoutTag(*entry->settings.layoutOverride);
    }
    // Probing indexes every packet of the file: seconds for long 8K files, so not here.
    inBackground<MediaInfo>(
        this, [path, layout] { return probeMedia(path, layout); },
        [this, id](const std::optional<MediaInfo>& info, const QString& error) {
            QueueEntry* e = findMutable(id);
            if (!e) {
                return;
            }
            e->probe = info;
            if (info && e->totalFrames == 0) {
                e->totalFrames = draftFrames(*info, e->settings);
            }
            if (!info) {
                e->state = EntryState::Unusable;
                e->message = error;
            } else if (e->state == EntryState::Probing) {
                e->state = EntryState::Draft;
            }
            changed(id);
        });
}

void JobQueue::updateDraft(
    const QUuid& id, const JobSettings& settings, const QString& modelPath, const QString& outputFolder)
{
    QueueEntry* e = findMutable(id);
    if (!e || !e->isEditable()) {
        return;
    }
    const bool layoutChanged = settings.layoutOverride != e->settings.layoutOverride;
    if (settings != e->settings) {
        e->sampleBytesPerFrame = 0.0; // the sample was of other settings
    }
    e->settings = settings;
    e->modelPath = modelPath;
    e->outputFolder = outputFolder;
    if (e->probe) {
        e->totalFrames = draftFrames(*e->probe, settings);
    }
    if (layoutChanged && e->probe) {
        std::optional<Layout> chosen;
        if (settings.layoutOverride) {
            chosen = parseLayoutTag(*settings.layoutOverride);
        }
        e->probe->layout = detectLayout(
            text(e->sourcePath), e->probe->width, e->probe->height, e->probe->layoutHints, chosen);
    }
    changed(id);
}

void JobQueue::setPreviewSpeed(const QUuid& id, double framesPerSecond)
{
    QueueEntry* e = findMutable(id);
    if (e && e->isEditable() && framesPerSecond > 0.0) {
        e->previewFramesPerSecond = framesPerSecond;
        changed(id);
    }
}

void JobQueue::setSampleSize(const QUuid& id, const JobSettings& settings, double bytesPerFrame)
{
    QueueEntry* e = findMutable(id);
    if (e && e->isEditable() && e->settings == settings && bytesPerFrame > 0.0) {
        e->sampleBytesPerFrame = bytesPerFrame;
        changed(id);
    }
}

QString JobQueue::plannedOutput(const QueueEntry& entry) const
{
    if (!entry.outputPath.isEmpty()) {
        return entry.outputPath;
    }
    const auto packing = parsePackingName(entry.settings.packing);
    if (!entry.probe || !packing) {
        return {};
    }
    const QString folder
        = entry.outputFolder.isEmpty() ? QFileInfo(entry.sourcePath).absolutePath() : entry.outputFolder;
    return qtext(
        resolveOutputPath(text(entry.sourcePath), text(folder), *packing, entry.probe->layout).string());
}

void JobQueue::start(const QUuid& id)
{
    QueueEntry* e = findMutable(id);
    if (!e) {
        return;
    }
    if (e->state == EntryState::Draft && e->modelPath.isEmpty()) {
        e->message = tr("Choose the matting model file first (or download it in the settings).");
        changed(id);
        return;
    }
    if (e->state == EntryState::Draft || e->state == EntryState::Interrupted
        || e->state == EntryState::Failed) {
        e->message.clear();
        e->state = EntryState::Queued;
        changed(id);
        schedule();
    }
}

void JobQueue::retryFailed(const QUuid& id)
{
    QueueEntry* e = findMutable(id);
    if (e && e->state == EntryState::Failed) {
        start(id);
    }
}

void JobQueue::pause(const QUuid& id)
{
    QueueEntry* e = findMutable(id);
    if (e && id == m_running && e->state == EntryState::Running) {
        m_worker->gate().pause();
        e->state = EntryState::Paused;
        changed(id);
    }
}

void JobQueue::resume(const QUuid& id)
{
    QueueEntry* e = findMutable(id);
    if (!e) {
        return;
    }
    if (id == m_running && e->state == EntryState::Paused) {
        m_worker->gate().resume();
        e->state = EntryState::Running;
        changed(id);
    } else if (e->state == EntryState::Interrupted) {
        start(id);
    }
}

void JobQueue::cancel(const QUuid& id)
{
    QueueEntry* e = findMutable(id);
    if (!e) {
        return;
    }
    if (id == m_running) {
        m_worker->gate().cancel(); // onFinished marks it interrupted
    } else if (e->state == EntryState::Queued) {
        e->state = e->jobFolder.isEmpty() ? EntryState::Draft : EntryState::Interrupted;
        changed(id);
    }
}

void JobQueue::remove(const QUuid& id)
{
    if (id == m_running) {
        m_removeWhenStopped = id;
        m_worker->gate().cancel();
        return;
    }
    const auto it
        = std::find_if(m_entries.begin(), m_entries.end(), [&](const auto& e) { return e.id == id; });
    if (it != m_entries.end()) {
        if (it->onFarm) {
            FarmMonitor* monitor = m_monitor;
            QMetaObject::invokeMethod(
                m_monitor, [monitor, id] { monitor->unwatch(id); }, Qt::QueuedConnection);
        }
        m_entries.erase(it);
        Q_EMIT entryRemoved(id);
        save();
    }
}

void JobQueue::move(const QUuid& id, int delta)
{
    const auto it
        = std::find_if(m_entries.begin(), m_entries.end(), [&](const auto& e) { return e.id == id; });
    if (it == m_entries.end()) {
        return;
    }
    const auto from = std::distance(m_entries.begin(), it);
    const auto to = std::clamp<std::ptrdiff_t>(from + delta, 0, std::ptrdiff_t(m_entries.size()) - 1);
    if (from != to) {
        std::swap(m_entries[std::size_t(from)], m_entries[std::size_t(to)]);
        Q_EMIT orderChanged();
        save();
    }
}

bool JobQueue::hasActiveJob() const
{
    return !m_running.isNull();
}

void JobQueue::shutdown()
{
    if (!m_thread.isRunning()) {
        return;
    }
    m_worker->gate().cancel();
    m_thread.quit();
    m_thread.wait();
    if (QueueEntry* e = findMutable(m_running)) {
        e->state = EntryState::Interrupted;
    }
    m_running = QUuid();
    save();
}

QString JobQueue::logText(const QUuid& id) const
{
    const QueueEntry* e = find(id);
    if (!e || e->jobFolder.isEmpty()) {
        return {};
    }
    QFile log(e->jobFolder + QStringLiteral("/job.log"));
    return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
}

void JobQueue::schedule()
{
    if (!m_running.isNull()) {
        return;
    }
    const auto next = std::find_if(
        m_entries.begin(), m_entries.end(), [](const auto& e) { return e.state == EntryState::Queued; });
    if (next == m_entries.end()) {
        return;
    }
    m_running = next->id;
    next->state = EntryState::Running;
    next->framesPerSecond = 0.0;
    next->etaSeconds = -1.0;
    NewJobRequest request;
    request.sourcePath = text(next->sourcePath);
    request.output = text(plannedOutput(*next));
    request.modelPath = text(next->modelPath);
    request.settings = next->settings;
    request.checkSpace = true; // a new job is refused before any work when its disk is too small
    const bool retry = std::any_of(next->segments.begin(), next->segments.end(),
        [](const SegmentView& s) { return s.status == SegmentStatus::Failed; });
    m_worker->gate().reset();
    const QUuid id = next->id;
    const QString folder = next->jobFolder;
    JobWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, id, request, folder, retry] { worker->run(id, request, folder, retry); },
        Qt::QueuedConnection);
    changed(id);
}

void JobQueue::changed(const QUuid& id)
{
    Q_EMIT entryChanged(id);
    save();
}

void JobQueue::onJobCreated(const QUuid& id, const QString& folder)
{
    if (QueueEntry* e = findMutable(id)) {
        e->jobFolder = folder;
        tryReadJobFile(*e);
        changed(id);
    }
}

void JobQueue::onProgress(const QUuid& id, const JobProgress& p)
{
    QueueEntry* e = findMutable(id);
    if (!e) {
        return;
    }
    using Kind = ProgressEvent::Kind;
    const auto kind = Kind(p.kind);
    if (kind == Kind::JobStarted && !e->jobFolder.isEmpty()) {
        tryReadJobFile(*e); // resume: segments as the job file has them now
    }
    if (p.segment >= 0 && std::size_t(p.segment) < e->segments.size()) {
        SegmentView& s = e->segments[std::size_t(p.segment)];
        if (kind == Kind::SegmentStarted) {
            s = SegmentView { SegmentStatus::Running, {}, {} };
        } else if (kind == Kind::SegmentDone) {
            s = SegmentView { SegmentStatus::Done, {}, {} };
        } else if (kind == Kind::SegmentFailed) {
            s = SegmentView { SegmentStatus::Failed, p.message, {} };
        }
    }
    e->framesDone = p.framesDone;
    e->totalFrames = p.totalFrames;
    e->framesPerSecond = p.framesPerSecond;
    e->etaSeconds = p.etaSeconds;
    // Frame events are many: tell the views, but save the queue only on segment changes.
    if (kind == Kind::Frames) {
        Q_EMIT entryChanged(id);
    } else {
        changed(id);
    }
}

void JobQueue::onFinished(const QUuid& id, const JobOutcome& outcome)
{
    m_running = QUuid();
    if (QueueEntry* e = findMutable(id)) {
        if (!e->jobFolder.isEmpty()) {
            tryReadJobFile(*e);
        }
        if (!outcome.error.isEmpty() && !outcome.cancelled) {
            e->message = outcome.error;
            e->state = e->jobFolder.isEmpty() ? EntryState::Draft : EntryState::Failed;
        } else if (outcome.cancelled) {
            e->state = e->jobFolder.isEmpty() ? EntryState::Draft : EntryState::Interrupted;
        } else if (outcome.failed > 0) {
            e->state = EntryState::Failed;
            e->message
                = tr("%n segment(s) failed; retry them when the cause is fixed.", nullptr, outcome.failed);
        } else {
            e->state = outcome.joined ? EntryState::Done : EntryState::Interrupted;
        }
        changed(id);
    }
    if (m_removeWhenStopped == id) {
        m_removeWhenStopped = QUuid();
        remove(id);
    }
    schedule();
}

void JobQueue::save() const
{
    m_settings.setQueueState(saveQueue(m_entries));
}

void JobQueue::restore()
{
    m_entries = restoreQueue(m_settings.queueState());
    for (const auto& e : m_entries) {
        probe(e.id);
        if (e.state == EntryState::Farm) {
            watchFarm(e); // the farm went on while the window was closed
        }
    }
}

} // namespace passthrough::ui
