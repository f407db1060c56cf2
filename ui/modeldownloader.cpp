#include "modeldownloader.h"

#include "model/modeldownload.h"
#include "model/modellocation.h"
#include "model/personmodel.h"
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
    const Kind kind = m_kind;
    QThread* thread = QThread::create([self, kind] {
        ModelDownload request;
        request.url = kind == Kind::Person ? personModelUrl() : modelUrl();
        request.destination = kind == Kind::Person ? cachedPersonModelDir() : cachedModelPath();
        request.onProgress = [self](std::int64_t received, std::int64_t total) {
            if (self) {
                Q_EMIT self->progressed(received, total); // queued: the receiver lives on the GUI thread
            }
        };
        try {
            const DownloadedModel model
                = kind == Kind::Person ? downloadPersonModel(request) : downloadModel(request);
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
