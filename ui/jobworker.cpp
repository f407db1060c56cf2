#include "jobworker.h"

#include "job/jobfolderlock.h"
#include "job/jobstore.h"
#include "matting/backendfactory.h"
#include "pipeline/jobcreation.h"
#include "pipeline/jobresume.h"
#include "util/error.h"

namespace passthrough::ui {

void JobWorker::run(
    const QUuid& id, const NewJobRequest& request, const QString& jobFolder, bool retryFailedFirst)
{
    JobOutcome outcome;
    try {
        std::filesystem::path folder = jobFolder.toStdString();
        if (folder.empty()) {
            folder = createJob(request, &m_gate.cancelFlag());
            Q_EMIT jobCreated(id, QString::fromStdString(folder.string()));
        }
        JobStore store(folder);
        const JobFolderLock lock(store.folder());
        prepareResume(store);
        if (retryFailedFirst) {
            retryFailed(store);
        }
        RunOptions options;
        options.cancel = &m_gate.cancelFlag();
        options.makeBackend = [](const JobRecord& job) {
            return openMattingBackend(job.model.path, job.settings.device, job.settings.refiner);
        };
        options.onProgress = [&](const ProgressEvent& e) {
            JobProgress p;
            p.kind = int(e.kind);
            p.segment = e.segment;
            p.framesDone = e.framesDone;
            p.totalFrames = e.totalFrames;
            p.framesPerSecond = e.framesPerSecond;
            p.etaSeconds = e.etaSeconds;
            p.message = QString::fromStdString(e.message);
            Q_EMIT progressed(id, p);
            // Called on the encoding side after every frame: the pause point.
            m_gate.waitWhilePaused();
        };
        const RunResult result = runJob(store, options);
        outcome.cancelled = result.cancelled;
        outcome.joined = result.joined;
        outcome.failed = result.failed;
        if (result.stopped) {
            outcome.error = QString::fromStdString(*result.stopped);
        }
    } catch (const Error& e) {
        outcome.error = QString::fromStdString(e.what());
        outcome.cancelled = e.kind() == ErrorKind::Cancelled;
    } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
    }
    Q_EMIT finished(id, outcome);
}

} // namespace passthrough::ui
