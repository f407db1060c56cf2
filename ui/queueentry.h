#pragma once

#include "job/jobrecord.h"
#include "media/mediainfo.h"

#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>
#include <vector>

namespace passthrough::ui {

// Where a job of the queue stands, as the window shows it.
enum class EntryState {
    Probing, // the file is being read
    Unusable, // not a usable video: `message` says why
    Draft, // probed; settings can change; not started
    Queued, // waiting for the running job to end
    Running,
    Paused, // held at a frame boundary, resumes where it stopped
    Interrupted, // stopped (cancelled, or the app quit): resumable
    Failed, // finished with failed segments: retry them
    Done,
    Farm, // sent to the render farm: workers elsewhere do it; the card follows it live
};

struct SegmentView {
    SegmentStatus status = SegmentStatus::Pending;
    QString error;
    QString worker; // the farm worker that has it (farm jobs)
};

// One job of the queue: a source, its settings and, once started, its job folder.
struct QueueEntry {
    QUuid id;
    QString sourcePath;
    std::optional<MediaInfo> probe;
    JobSettings settings;
    QString modelPath;
    QString outputFolder;
    QString jobFolder; // empty until the job file exists
    QString outputPath; // the final file, once known
    EntryState state = EntryState::Probing;
    std::vector<SegmentView> segments;
    qint64 framesDone = 0;
    qint64 totalFrames = 0;
    double framesPerSecond = 0.0;
    double etaSeconds = -1.0;
    QString message; // the last error, in words
    QStringList notes; // decisions about the output (size, conversion, audio)
    // Decoding and matting speed measured by the last preview of this draft at its settings
    // (0: not previewed yet): what the time estimate before Start is made from.
    double previewFramesPerSecond = 0.0;
    // Bytes per frame of the last sample rendered at exactly these settings (0: none since they
    // changed): the size estimate before Start then comes from it instead of the stated rule.
    double sampleBytesPerFrame = 0.0;
    bool onFarm = false; // submitted to the farm (its broker is the window's farm setting)

    [[nodiscard]] bool isActive() const
    {
        return state == EntryState::Running || state == EntryState::Paused;
    }
    [[nodiscard]] bool isEditable() const { return state == EntryState::Draft; }
};

QString stateText(EntryState state);

} // namespace passthrough::ui
