#pragma once

#include "queueentry.h"

#include <QByteArray>

#include <vector>

namespace passthrough::ui {

// The queue as it is saved between runs of the window (JSON in StudioSettings): each job's
// source, settings, model, output folder, job folder and state. Progress is not saved: the job
// files hold it.
// The saved list has a version of its own (kQueueVersion); older lists are upgraded when read.
QByteArray saveQueue(const std::vector<QueueEntry>& entries);

// Version 1 (release 0.1.0) was a bare JSON array; version 2 wraps it with its version.
inline constexpr int kQueueVersion = 2;

// The saved queue, each job brought up to date from its job file: a job that was running or
// waiting when the window closed comes back Interrupted; drafts come back Probing (to be probed
// again). Entries that cannot be restored (a job folder that went away) are skipped with a
// warning; a damaged list gives an empty queue.
std::vector<QueueEntry> restoreQueue(const QByteArray& saved);

// Segments, frames, output and notes as the entry's job file has them. Throws Error when the
// job file cannot be read.
void readJobFile(QueueEntry& entry);
// readJobFile that puts the error on the entry's card (`message`) instead of throwing.
bool tryReadJobFile(QueueEntry& entry);

} // namespace passthrough::ui
