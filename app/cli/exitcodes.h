#pragma once

#include "util/error.h"

namespace passthrough::cli {

// The exit codes are part of the CLI contract (design.md, "Interfaces"); render farms script them.
enum ExitCode : int {
    kDone = 0,
    kUsage = 1,
    kInputUnusable = 2,
    kFailedSegments = 3,
    kInterrupted = 4,
    kOtherError = 5,
};

inline int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Usage:
        return kUsage;
    case ErrorKind::InputUnusable:
    case ErrorKind::JobMismatch:
    case ErrorKind::Busy:
        return kInputUnusable;
    case ErrorKind::Cancelled:
        return kInterrupted;
    default: // job-wide stops (disk full, encoder missing, out of memory) included: fix, then resume
        return kOtherError;
    }
}

} // namespace passthrough::cli
