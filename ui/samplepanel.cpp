#include "samplepanel.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QVideoWidget>

namespace passthrough::ui {

SamplePanel::SamplePanel(QWidget* parent)
    : QWidget(parent)
    , m_worker(new SampleWorker)
    , m_folder(QDir::tempPath() + QStringLiteral("/passthrough-samples-XXXXXX"))
    , m_start(new QDoubleSpinBox(this))
    , m_seconds(new QDoubleSpinBox(this))
    , m_render(new QPushButton(tr("Render sample"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_video(new QVideoWidget(this))
    , m_player(new QMediaPlayer(this))
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SampleWorker::progressed, this, &SamplePanel::onProgress);
    connect(m_worker, &SampleWorker::finished, this, &SamplePanel::onFinished);
    connect(m_worker, &SampleWorker::failed, this, &SamplePanel::onFailed);
    m_thread.setObjectName(QStringLiteral("sample"));
    m_thread.start();

    m_start->setObjectName(QStringLiteral("sampleStart"));
    m_seconds->setObjectName(QStringLiteral("sampleSeconds"));
    m_render->setObjectName(QStringLiteral("renderSampleButton"));
    m_progress->setObjectName(QStringLiteral("sampleProgress"));
    m_status->setObjectName(QStringLiteral("sampleStatus"));
    m_video->setObjectName(QStringLiteral("sampleVideo"));
    m_start->setRange(0.0, 1e6);
    m_start->setDecimals(2);
    m_start->setSuffix(tr(" s"));
    m_seconds->setRange(0.5, 60.0);
    m_seconds->setValue(5.0);
    m_seconds->setSuffix(tr(" s"));
    m_status->setWordWrap(true);
    m_progress->setRange(0, 100);
    m_video->setMinimumSize(320, 120);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("From"), this));
    controls->addWidget(m_start);
    controls->addWidget(new QLabel(tr("for"), this));
    controls->addWidget(m_seconds);
    controls->addWidget(m_render);
    controls->addWidget(m_stop);
    controls->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(new QLabel(tr("Source  |  as the player shows it"), this), 0, Qt::AlignHCenter);
    layout->addWidget(m_video, 1);

    m_player->setVideoOutput(m_video);
    m_player->setLoops(QMediaPlayer::Infinite);
    connect(m_render, &QPushButton::clicked, this, &SamplePanel::render);
    connect(m_stop, &QPushButton::clicked, this, &SamplePanel::stop);
    connect(
        m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& message) {
            m_status->setText(tr("Cannot play the sample: %1").arg(message));
        });
    setRendering(false);
    showEntry(nullptr);
}

SamplePanel::~SamplePanel()
{
    if (m_cancel) {
        *m_cancel = true;
    }
    m_player->stop();
    m_thread.quit();
    m_thread.wait();
}

void SamplePanel::showEntry(const QueueEntry* entry)
{
    m_entry = entry ? std::optional<QueueEntry>(*entry) : std::nullopt;
    const bool ready = entry && entry->probe;
    m_render->setEnabled(ready && !m_rendering);
    if (ready) {
        m_start->setMaximum(std::max(0.0, entry->probe->durationSeconds - 0.1));
    }
    if (!m_rendering && m_lastSample.isEmpty()) {
        m_status->setText(ready
                ? tr("Render a few seconds through the whole pipeline to judge the matte in motion.")
                : tr("No file selected."));
    }
}

void SamplePanel::setStartSeconds(double seconds)
{
    m_start->setValue(seconds);
}

void SamplePanel::render()
{
    if (!m_entry || !m_entry->probe || m_rendering) {
        return;
    }
    if (m_entry->modelPath.isEmpty()) {
        m_status->setText(tr("Choose the matting model file first."));
        return;
    }
    m_player->stop();
    m_player->setSource(QUrl());
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    SampleJob job;
    job.generation = ++m_generation;
    job.sourcePath = m_entry->sourcePath;
    job.settings = m_entry->settings;
    m_renderedFor = m_entry->id;
    m_renderedWith = m_entry->settings;
    job.probed = m_entry->probe;
    job.modelPath = m_entry->modelPath;
    job.startSeconds = m_start->value();
    job.seconds = m_seconds->value();
    job.folder = m_folder.path();
    job.cancel = m_cancel;
    setRendering(true);
    m_progress->setValue(0);
    m_status->setText(tr("Rendering %1 s from %2 s (the model warms up on the second before)…")
                          .arg(job.seconds)
                          .arg(job.startSeconds, 0, 'f', 2));
    SampleWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, job] { worker->render(job); }, Qt::QueuedConnection);
}

void SamplePanel::stop()
{
    if (m_cancel) {
        *m_cancel = true;
    }
}

void SamplePanel::setRendering(bool rendering)
{
    m_rendering = rendering;
    m_render->setEnabled(!rendering && m_entry && m_entry->probe);
    m_stop->setEnabled(rendering);
}

void SamplePanel::onProgress(quint64 generation, int percent)
{
    if (generation == m_generation) {
        m_progress->setValue(percent);
    }
}

void SamplePanel::onFinished(quint64 generation, const QString& viewPath, const QString& samplePath,
    const QString& summary, double bytesPerFrame)
{
    if (generation != m_generation) {
        return;
    }
    if (bytesPerFrame > 0.0) {
        Q_EMIT sampleSized(m_renderedFor, m_renderedWith, bytesPerFrame);
    }
    setRendering(false);
    m_progress->setValue(100);
    m_lastSample = samplePath;
    m_status->setText(tr("Sample: %1. Playing in a loop.").arg(summary));
    m_player->setSource(QUrl::fromLocalFile(viewPath));
    m_player->play();
    Q_EMIT sampleReady(viewPath);
}

void SamplePanel::onFailed(quint64 generation, const QString& message)
{
    if (generation != m_generation) {
        return;
    }
    setRendering(false);
    m_progress->setValue(0);
    m_status->setText(message.isEmpty() ? tr("The sample was stopped.") : message);
    if (!message.isEmpty()) {
        Q_EMIT sampleFailed(message);
    }
}

} // namespace passthrough::ui
