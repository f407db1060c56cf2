#pragma once

#include "matting/mattecontrols.h"
#include "media/mediainfo.h"
#include "pipeline/previewperson.h"

#include <QImage>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace passthrough {
class MattingBackend;
}

namespace passthrough::ui {

struct PreviewJob {
    quint64 generation = 0;
    QString sourcePath;
    qint64 frame = 0;
    std::optional<std::string> layoutTag;
    std::optional<MediaInfo> probed; // the queue's probe: the preview does not read the file again
    std::string packing = "matte";
    std::string keyColor = "#00B140";
    MatteControls matte;
    std::string downsample = "auto";
    QString modelPath;
    std::string device = "auto";
    std::string refiner = "auto"; // the job's: a preview with the fast refiner looks like the job
    bool findPeople = false; // the people overlay is on
    std::shared_ptr<std::atomic<bool>> cancel;
};

struct PreviewResult {
    quint64 generation = 0;
    QImage source;
    QImage matte;
    QImage composite;
    QImage packed;
    double seconds = 0.0; // the frame's source time
    double matteFramesPerSecond = 0.0; // measured while rendering it (PreviewImages)
    std::vector<PreviewPerson> people; // with findPeople or a person choice
    bool peopleSearched = false; // people were looked for (an empty list then means nobody)
};

// Computes previews on its own thread (moved there by PreviewPanel): the model runs over the
// frames before the chosen one (warm-up), as a segment would. A newer request cancels the one
// in flight; the matting backend stays open between requests for the same model.
class PreviewWorker : public QObject {
    Q_OBJECT

public:
    PreviewWorker();
    ~PreviewWorker() override;
    void render(const PreviewJob& job); // runs on the worker's thread

Q_SIGNALS:
    void rendered(const passthrough::ui::PreviewResult& result);
    void failed(quint64 generation, const QString& message);

private:
    std::unique_ptr<MattingBackend> m_backend;
    QString m_backendKey;
};

} // namespace passthrough::ui

Q_DECLARE_METATYPE(passthrough::ui::PreviewResult)
