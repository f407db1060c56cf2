#pragma once

#include "job/jobrecord.h"

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>

namespace passthrough {

// A job folder on disk: job.json, chunks/ and job.log. Every change goes through update(),
// which re-reads job.json, applies the change and replaces the file atomically and durably.
// One process works on a job folder at a time (JobFolderLock); threads of that process are
// serialised here. Nothing read from job.json is used as a path: chunk paths are derived.
class JobStore {
public:
    explicit JobStore(std::filesystem::path folder);

    // Accepts a job folder or the path of its job.json; the result is absolute.
    static std::filesystem::path folderFor(const std::filesystem::path& jobOrFile);

    [[nodiscard]] const std::filesystem::path& folder() const { return m_folder; }
    [[nodiscard]] std::filesystem::path jobFile() const { return m_folder / "job.json"; }
    [[nodiscard]] std::filesystem::path chunkFolder() const { return m_folder / "chunks"; }
    [[nodiscard]] std::filesystem::path chunkPath(const JobRecord& job, const SegmentRecord& segment) const;
    [[nodiscard]] std::filesystem::path partialChunkPath(
        const JobRecord& job, int index, const std::optional<ChunkCommit>& attempt = std::nullopt) const;
    [[nodiscard]] bool exists() const;

    // Reads, upgrades and validates job.json; throws Error(JobMismatch) naming the file and the
    // field it cannot accept.
    [[nodiscard]] JobRecord load() const;
    void create(const JobRecord& job);
    JobRecord update(const std::function<void(JobRecord&)>& change);

    // Appends a time-stamped line to job.log (the per-job log the GUI shows). Never throws: a
    // log line that cannot be written is not worth stopping a job for.
    void log(const std::string& line) const noexcept;

private:
    void save(const JobRecord& job);
    std::filesystem::path m_folder;
    std::shared_ptr<std::mutex> m_mutex = std::make_shared<std::mutex>();
};

std::string nowIso8601();
// "host:pid" of this process, as job.log and the segment records name it.
std::string currentWorkerName();

} // namespace passthrough
