#include "sampleworker.h"

#include "matting/backendfactory.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "packing/packing.h"
#include "pipeline/samplerender.h"
#include "pipeline/sampleview.h"
#include "util/error.h"

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
        const QString key = job.modelPath + QLatin1Char('|') + QString::fromStdString(job.settings.device);
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

        const MediaInfo info = job.probed ? *job.probed : probeMedia(request.sourcePath, std::nullopt, true);
        const PackingKind kind = requirePacking(packing);
        const EncoderSettings encoder = chooseEncoder(kind,
            EncoderRequest { request.settings.encoder.encoder, request.settings.encoder.crf,
                request.settings.encoder.preset, false },
            packedFrameSize(kind, info.width, info.height).width, info.bitDepth);
        const PackerConfig config = packerConfigFor(kind, info, encoder, request.settings.keyColor);
        SampleViewRequest view;
        view.source = &info;
        view.firstFrame = sample.firstFrame;
        view.frames = sample.frames;
        view.packedSample = sample.output;
        view.packing = kind;
        view.matrix = info.color.matrix;
        view.fullRange = config.keepsSourceRange(kind);
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
        Q_EMIT finished(job.generation, QString::fromStdString(view.output.string()),
            QString::fromStdString(sample.output.string()), summary);
    } catch (const Error& e) {
        Q_EMIT failed(
            job.generation, e.kind() == ErrorKind::Cancelled ? QString() : QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        Q_EMIT failed(job.generation, QString::fromStdString(e.what()));
    }
}

} // namespace passthrough::ui
