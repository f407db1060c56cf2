#pragma once

#include "queueentry.h"

#include <QByteArray>

#include <vector>

namespace passthrough::ui {

// The queue as it is saved between runs of the window (JSON in StudioSettings): each job's
// source, settings, model, output folder, job folder and state. Progress is not saved: the job
// files hold it.
QByteArray saveQueue(const std::vector<QueueEntry>& entries);

// The saved queue, each job brought up to date from its job file: a job that was running or
// waiting when the window closed comes back Interrupted; drafts come back Probing (to be probed
// again). Entries that cannot be restored (a job folder that went away) are skipped with a
// warning; a damaged list gives an empty queue.
std::vector<QueueEntry> restoreQueue(const QByteArray& saved);

// Segments, frames, output and notes as the entry's job file has them. Throws Error when the
// job file cannot be read.
void readJobFile(QueueEntry& entry);

} // namespace passthrough::ui
