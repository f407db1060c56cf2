#pragma once

#include "job/jobrecord.h"

#include <filesystem>
#include <functional>
#include <string>

namespace passthrough {

// A job folder on disk: job.json, chunks/ and job.log. Every change goes through update(), which
// holds a lock file across processes (and machines sharing the folder), re-reads job.json,
// applies the change and replaces the file atomically, so concurrent workers never lose each
// other's progress. Thread-safe.
class JobStore {
public:
    explicit JobStore(std::filesystem::path folder);

    // Accepts a job folder or the path of its job.json.
    static std::filesystem::path folderFor(const std::filesystem::path& jobOrFile);

    [[nodiscard]] const std::filesystem::path& folder() const { return m_folder; }
    [[nodiscard]] std::filesystem::path jobFile() const { return m_folder / "job.json"; }
    [[nodiscard]] std::filesystem::path chunkFolder() const { return m_folder / "chunks"; }
    [[nodiscard]] std::filesystem::path chunkPath(const SegmentRecord& segment) const;
    [[nodiscard]] std::filesystem::path partialChunkPath(const SegmentRecord& segment) const;
    [[nodiscard]] bool exists() const;

    [[nodiscard]] JobRecord load() const;
    void create(const JobRecord& job);
    JobRecord update(const std::function<void(JobRecord&)>& change);

    // Appends a time-stamped line to job.log (the per-job log the GUI shows).
    void log(const std::string& line) const;

private:
    void save(const JobRecord& job);
    std::filesystem::path m_folder;
};

std::string nowIso8601();
WorkerId currentWorker();
// True when the segment's worker is known to be gone: a dead process on this host, or no
// heartbeat from another host for `staleSeconds`.
bool workerIsGone(const SegmentRecord& segment, int staleSeconds = 300);

} // namespace passthrough
