#pragma once

#include "queueentry.h"
#include "sampleworker.h"

#include <QTemporaryDir>
#include <QThread>
#include <QWidget>

#include <optional>

class QDoubleSpinBox;
class QLabel;
class QMediaPlayer;
class QProgressBar;
class QPushButton;
class QVideoWidget;

namespace passthrough::ui {

// Renders a few seconds of the job's output in the background (the real pipeline, warm-up
// and matte controls included) and plays them in a loop with Qt Multimedia: the source beside
// the output as a player reconstructs it, so flicker and seams show before a full render.
class SamplePanel : public QWidget {
    Q_OBJECT

public:
    explicit SamplePanel(QWidget* parent = nullptr);
    ~SamplePanel() override;

    void showEntry(const QueueEntry* entry);
    // Where the next sample starts (the preview's frame, in seconds).
    void setStartSeconds(double seconds);
    void render();

    [[nodiscard]] QMediaPlayer* player() const { return m_player; }
    [[nodiscard]] QVideoWidget* videoWidget() const { return m_video; }
    [[nodiscard]] bool isRendering() const { return m_rendering; }
    [[nodiscard]] QString lastSample() const { return m_lastSample; } // the packed sample file

Q_SIGNALS:
    void sampleReady(const QString& viewPath);
    // The sample of draft `id`, rendered with `settings`, is `bytesPerFrame` bytes a frame.
    void sampleSized(const QUuid& id, const JobSettings& settings, double bytesPerFrame);
    void sampleFailed(const QString& message);

private:
    void onProgress(quint64 generation, int percent);
    void onFinished(quint64 generation, const QString& viewPath, const QString& samplePath,
        const QString& summary, double bytesPerFrame);
    void onFailed(quint64 generation, const QString& message);
    void stop();
    void setRendering(bool rendering);

    QThread m_thread;
    SampleWorker* m_worker;
    QTemporaryDir m_folder;
    QDoubleSpinBox* m_start;
    QDoubleSpinBox* m_seconds;
    QPushButton* m_render;
    QPushButton* m_stop;
    QProgressBar* m_progress;
    QLabel* m_status;
    QVideoWidget* m_video;
    QMediaPlayer* m_player;
    std::optional<QueueEntry> m_entry;
    quint64 m_generation = 0;
    QUuid m_renderedFor; // the draft the sample in flight is of, and its settings then
    JobSettings m_renderedWith;
    bool m_rendering = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QString m_lastSample;
};

} // namespace passthrough::ui
