#include "modeldownloader.h"

#include "model/modeldownload.h"
#include "model/modellocation.h"
#include "util/error.h"

#include <QPointer>
#include <QThread>

namespace passthrough::ui {

void ModelDownloader::start()
{
    if (m_running) {
        return;
    }
    m_running = true;
    QPointer<ModelDownloader> self(this);
    QThread* thread = QThread::create([self] {
        ModelDownload request;
        request.url = modelUrl();
        request.destination = cachedModelPath();
        request.onProgress = [self](std::int64_t received, std::int64_t total) {
            if (self) {
                Q_EMIT self->progressed(received, total); // queued: the receiver lives on the GUI thread
            }
        };
        try {
            const DownloadedModel model = downloadModel(request);
            if (self) {
                Q_EMIT self->finished(QString::fromStdString(model.file.string()));
            }
        } catch (const std::exception& e) {
            if (self) {
                Q_EMIT self->failed(QString::fromStdString(e.what()));
            }
        }
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this] { m_running = false; });
    thread->start();
}

} // namespace passthrough::ui
