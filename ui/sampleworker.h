#pragma once

#include "job/jobrecord.h"
#include "media/mediainfo.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace passthrough {
class MattingBackend;
}

namespace passthrough::ui {

struct SampleJob {
    quint64 generation = 0;
    QString sourcePath;
    JobSettings settings;
    std::optional<MediaInfo> probed; // the queue's probe, with its frame index
    QString modelPath;
    double startSeconds = 0.0;
    double seconds = 5.0;
    QString folder; // where the sample and its view are written
    std::shared_ptr<std::atomic<bool>> cancel;
};

// Renders samples on its own thread (moved there by SamplePanel): the packed sample through the
// real pipeline (core's renderSample), then the view the panel plays: source | as the player
// shows it (core's writeSampleView).
class SampleWorker : public QObject {
    Q_OBJECT

public:
    SampleWorker();
    ~SampleWorker() override;
    void render(const SampleJob& job); // runs on the worker's thread

Q_SIGNALS:
    void progressed(quint64 generation, int percent);
    // `bytesPerFrame`: the packed sample's size over its frames, where it is encoded as the job
    // would be (0 for a PNG sequence, whose sample is ProRes).
    void finished(quint64 generation, const QString& viewPath, const QString& samplePath,
        const QString& summary, double bytesPerFrame);
    void failed(quint64 generation, const QString& message);

private:
    std::unique_ptr<MattingBackend> m_backend;
    QString m_backendKey;
};

} // namespace passthrough::ui
