#include "previewworker.h"

#include "failuremessage.h"
#include "matting/backendfactory.h"
#include "pipeline/preview.h"

#include <torch/types.h>

namespace passthrough::ui {
namespace {

QImage toImage(const torch::Tensor& rgb)
{
    const torch::Tensor pixels = rgb.contiguous();
    QImage image(int(pixels.size(1)), int(pixels.size(0)), QImage::Format_RGB888);
    const auto* src = pixels.data_ptr<uint8_t>();
    const int rowBytes = image.width() * 3;
    for (int y = 0; y < image.height(); ++y) {
        std::memcpy(image.scanLine(y), src + std::ptrdiff_t(y) * rowBytes, std::size_t(rowBytes));
    }
    return image;
}

} // namespace

PreviewWorker::PreviewWorker() = default;
PreviewWorker::~PreviewWorker() = default;

void PreviewWorker::render(const PreviewJob& job)
{
    // A cancelled request reports with an empty message, so the panel can count it as ended.
    if (job.cancel && job.cancel->load()) {
        Q_EMIT failed(job.generation, {}); // a newer request came before this one started
        return;
    }
    try {
        const QString key = job.modelPath + QLatin1Char('|') + QString::fromStdString(job.device)
            + QLatin1Char('|') + QString::fromStdString(job.refiner);
        if (!m_backend || key != m_backendKey) {
            m_backend = openMattingBackend(job.modelPath.toStdString(), job.device, job.refiner);
            m_backendKey = key;
        }
        PreviewRequest request;
        request.sourcePath = job.sourcePath.toStdString();
        request.frameIndex = job.frame;
        request.downsampleRatio = job.downsample == "auto" ? 0.0 : std::stod(job.downsample);
        if (job.layoutTag) {
            request.layout = parseLayoutTag(*job.layoutTag);
        }
        request.probed = job.probed;
        request.packing = requirePacking(job.packing);
        request.keyColor = job.keyColor;
        request.matte = job.matte;
        request.findPeople = job.findPeople;
        request.backend = m_backend.get();
        request.cancel = job.cancel.get();
        const PreviewImages images = renderPreview(request);
        PreviewResult result;
        result.generation = job.generation;
        result.source = toImage(images.source);
        result.matte = toImage(images.matte);
        result.composite = toImage(images.composite);
        result.packed = toImage(images.packed);
        result.seconds = images.seconds;
        result.matteFramesPerSecond = images.matteFramesPerSecond;
        result.people = images.people;
        result.peopleSearched = job.findPeople || job.matte.people.active();
        Q_EMIT rendered(result);
    } catch (const std::exception& e) {
        Q_EMIT failed(job.generation, failureMessage(e));
    }
}

} // namespace passthrough::ui
