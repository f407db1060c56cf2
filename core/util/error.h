#pragma once

#include <stdexcept>
#include <string>

namespace passthrough {

// What went wrong, in the categories the CLI maps to exit codes and the job file records.
enum class ErrorKind {
    Unknown = 0,
    Usage, // the caller asked for something impossible (bad option, existing job)
    InputUnusable, // the source cannot be opened or is not a usable video
    Decode, // a frame of the source could not be decoded
    Model, // the matting model failed to load or run
    Encode, // the encoder or muxer failed
    Io, // a file could not be read or written
    JobMismatch, // a job no longer matches its source or settings, or its job.json is not valid
    Cancelled, // the caller asked to stop
    Busy, // another process works on the job folder
    Broker, // the farm's broker cannot be reached or refused a request
    // Job-wide failures: every remaining segment would fail the same way, so the job stops once
    // and its segments stay resumable (see isJobWide).
    DiskFull, // no space (or quota) left where chunks, job.json or the output go
    EncoderUnavailable, // the job's encoder does not open on this machine
    OutOfMemory, // the device (GPU or CPU) ran out of memory
};

// The failures that concern the whole job rather than one segment.
[[nodiscard]] inline bool isJobWide(ErrorKind kind)
{
    return kind == ErrorKind::DiskFull || kind == ErrorKind::EncoderUnavailable
        || kind == ErrorKind::OutOfMemory;
}

// The one exception type of the core. `what()` is a complete sentence for the user that
// names the file (and segment) it concerns.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message)
        : std::runtime_error(message)
        , m_kind(kind)
    {
    }
    [[nodiscard]] ErrorKind kind() const { return m_kind; }

private:
    ErrorKind m_kind;
};

// Io for most errno values, DiskFull for "no space" and "quota exceeded".
[[nodiscard]] ErrorKind errorKindForErrno(int error);

} // namespace passthrough
