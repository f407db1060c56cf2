#include "sampleworker.h"

#include "failuremessage.h"
#include "matting/backendfactory.h"
#include "packing/packing.h"
#include "pipeline/samplerender.h"
#include "pipeline/sampleview.h"

#include <QDir>

namespace passthrough::ui {
namespace {

// The file a sample of this packing is written as: one video file, so an image sequence is
// sampled as ProRes 4444, which carries the same alpha.
std::pair<std::string, std::string> samplePackingAndExtension(const std::string& packing)
{
    switch (requirePacking(packing)) {
    case PackingKind::PngAlpha:
    case PackingKind::ProRes4444:
        return { packingName(PackingKind::ProRes4444), ".mov" };
    case PackingKind::Vp9Alpha:
        return { packing, ".webm" };
    default:
        return { packing, ".mp4" };
    }
}

} // namespace

SampleWorker::SampleWorker() = default;
SampleWorker::~SampleWorker() = default;

void SampleWorker::render(const SampleJob& job)
{
    if (job.cancel && job.cancel->load()) {
        Q_EMIT failed(job.generation, {});
        return;
    }
    try {
        const QString key = job.modelPath + QLatin1Char('|') + QString::fromStdString(job.settings.device)
            + QLatin1Char('|') + QString::fromStdString(job.settings.refiner);
        if (!m_backend || key != m_backendKey) {
            m_backend
                = openMattingBackend(job.modelPath.toStdString(), job.settings.device, job.settings.refiner);
            m_backendKey = key;
        }
        SampleRequest request;
        request.sourcePath = job.sourcePath.toStdString();
        request.settings = job.settings;
        const auto [packing, extension] = samplePackingAndExtension(job.settings.packing);
        request.settings.packing = packing;
        if (packing != job.settings.packing) {
            request.settings.encoder = EncoderSettings {}; // the ProRes encoder is chosen for it
            request.settings.encoder.encoder = "auto";
        }
        const QDir folder(job.folder);
        const QString stem = QStringLiteral("sample-%1").arg(job.generation);
        request.output = folder.filePath(stem + QString::fromStdString(extension)).toStdString();
        request.startSeconds = job.startSeconds;
        request.seconds = job.seconds;
        request.probed = job.probed;
        request.backend = m_backend.get();
        request.cancel = job.cancel.get();
        // Rendering is most of the time; the view after it the rest.
        request.onFrames = [&](std::int64_t written, std::int64_t total) {
            Q_EMIT progressed(job.generation, int(80 * written / std::max<std::int64_t>(1, total)));
        };
        const SampleResult sample = renderSample(request);

        SampleViewRequest view;
        view.source = &sample.source;
        view.firstFrame = sample.firstFrame;
        view.frames = sample.frames;
        view.packedSample = sample.output;
        view.packing = sample.packing;
        view.matrix = sample.source.color.matrix;
        view.fullRange = sample.packedFullRange;
        view.output = folder.filePath(stem + QStringLiteral("-view.mp4")).toStdString();
        view.cancel = job.cancel.get();
        view.onFrames = [&](std::int64_t written) {
            Q_EMIT progressed(
                job.generation, 80 + int(20 * written / std::max<std::int64_t>(1, sample.frames)));
        };
        writeSampleView(view);

        QString summary = tr("%1 frames from %2 s").arg(sample.frames).arg(job.startSeconds, 0, 'f', 2);
        for (const double cut : sample.sceneCuts) {
            summary += tr("; scene cut at %1 s").arg(cut, 0, 'f', 2);
        }
        for (const auto& note : sample.notes) {
            summary += QStringLiteral("; ") + QString::fromStdString(note);
        }
        const double bytesPerFrame = packing == job.settings.packing ? sample.bytesPerFrame : 0.0;
        Q_EMIT finished(job.generation, QString::fromStdString(view.output.string()),
            QString::fromStdString(sample.output.string()), summary, bytesPerFrame);
    } catch (const std::exception& e) {
        Q_EMIT failed(job.generation, failureMessage(e));
    }
}

} // namespace passthrough::ui
