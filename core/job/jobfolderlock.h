#pragma once

#include <filesystem>
#include <string>

namespace passthrough {

// One process works on a job folder at a time. The lock is an operating-system lock on
// `job.lock` in the folder (flock on Unix, LockFileEx on Windows): it goes away with its
// process however that process ends (kill -9 included), so there is nothing stale to clean up.
// The file's content names the holder (program, pid, host, since) for the message another
// process gets. Several machines work on one job only through the farm mode.
class JobFolderLock {
public:
    // Takes the lock or throws Error(Busy) naming the process and host that hold it.
    explicit JobFolderLock(const std::filesystem::path& folder);
    ~JobFolderLock();
    JobFolderLock(const JobFolderLock&) = delete;
    JobFolderLock& operator=(const JobFolderLock&) = delete;

private:
#ifdef _WIN32
    void* m_handle = nullptr;
#else
    int m_fd = -1;
#endif
};

} // namespace passthrough
