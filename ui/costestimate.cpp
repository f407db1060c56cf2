#include "costestimate.h"

#include "packing/packing.h"
#include "pipeline/jobestimate.h"

#include <QCoreApplication>

namespace passthrough::ui {
namespace {

QString roughDuration(const JobEstimate& estimate)
{
    const long long minutes = estimatedMinutes(estimate);
    if (minutes < 60) {
        return QCoreApplication::translate("passthrough::ui::CostEstimate", "%1 min").arg(minutes);
    }
    return QCoreApplication::translate("passthrough::ui::CostEstimate", "%1 h %2 min")
        .arg(minutes / 60)
        .arg(minutes % 60);
}

} // namespace

QString costEstimate(const QueueEntry& entry)
{
    if (!entry.probe || entry.previewFramesPerSecond <= 0.0) {
        return {};
    }
    const auto packing = parsePackingName(entry.settings.packing);
    if (!packing) {
        return {};
    }
    const JobEstimate estimate = estimateJob(*packing, *entry.probe, entry.previewFramesPerSecond,
        entry.settings.matte.people.active(), entry.sampleBytesPerFrame,
        entry.settings.range ? entry.totalFrames : -1); // the range's frames (the queue counts them)
    return QCoreApplication::translate("passthrough::ui::CostEstimate", "about %1, %2")
        .arg(roughDuration(estimate), QString::fromStdString(humanBytes(estimate.space.outputBytes)));
}

} // namespace passthrough::ui
