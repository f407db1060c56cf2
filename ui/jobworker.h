#pragma once

#include "pausegate.h"
#include "pipeline/jobcreation.h"
#include "pipeline/jobrunner.h"

#include <QObject>
#include <QString>
#include <QUuid>

namespace passthrough::ui {

// A snapshot of a running job for the window (copied across threads).
struct JobProgress {
    int kind = 0; // ProgressEvent::Kind
    int segment = -1;
    qint64 framesDone = 0;
    qint64 totalFrames = 0;
    double framesPerSecond = 0.0;
    double etaSeconds = -1.0;
    QString message;
};

struct JobOutcome {
    bool cancelled = false;
    bool joined = false;
    int failed = 0;
    QString error; // a job-level error (the job could not start), in words
};

// Runs jobs on its own thread (it is moved to one by JobQueue): creates the job file when
// needed, makes a stored job safe to continue, and runs it to its end through the core's job
// runner. Reports with queued signals; never touches widgets.
class JobWorker : public QObject {
    Q_OBJECT

public:
    PauseGate& gate() { return m_gate; }

    // Runs on the worker's thread. `jobFolder` empty = create the job from `request` first.
    void run(const QUuid& id, const NewJobRequest& request, const QString& jobFolder, bool retryFailedFirst);

Q_SIGNALS:
    void jobCreated(const QUuid& id, const QString& jobFolder);
    void progressed(const QUuid& id, const passthrough::ui::JobProgress& progress);
    void finished(const QUuid& id, const passthrough::ui::JobOutcome& outcome);

private:
    PauseGate m_gate;
};

} // namespace passthrough::ui

Q_DECLARE_METATYPE(passthrough::ui::JobProgress)
Q_DECLARE_METATYPE(passthrough::ui::JobOutcome)
