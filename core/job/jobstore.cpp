#include "job/jobstore.h"

#include "util/atomicfile.h"
#include "util/error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLockFile>
#include <QSysInfo>

#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <mutex>

#ifndef _WIN32
#include <unistd.h>
#else
#include <process.h>
#include <windows.h>
#endif

namespace passthrough {
namespace {

std::mutex& logMutex()
{
    static std::mutex mutex;
    return mutex;
}

bool processIsAlive(std::int64_t pid)
{
#ifndef _WIN32
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#else
    HANDLE handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, DWORD(pid));
    if (!handle) {
        return false;
    }
    DWORD code = 0;
    const bool alive = GetExitCodeProcess(handle, &code) && code == STILL_ACTIVE;
    CloseHandle(handle);
    return alive;
#endif
}

} // namespace

JobStore::JobStore(std::filesystem::path folder)
    : m_folder(std::move(folder))
{
}

std::filesystem::path JobStore::folderFor(const std::filesystem::path& jobOrFile)
{
    if (jobOrFile.filename() == "job.json") {
        return jobOrFile.parent_path().empty() ? std::filesystem::path(".") : jobOrFile.parent_path();
    }
    return jobOrFile;
}

std::filesystem::path JobStore::chunkPath(const SegmentRecord& segment) const
{
    return chunkFolder() / segment.chunk;
}

std::filesystem::path JobStore::partialChunkPath(const SegmentRecord& segment) const
{
    auto name = std::filesystem::path(segment.chunk);
    return chunkFolder() / (name.stem().string() + ".partial" + name.extension().string());
}

bool JobStore::exists() const
{
    return std::filesystem::exists(jobFile());
}

JobRecord JobStore::load() const
{
    if (!exists()) {
        throw Error(ErrorKind::Usage, "no job at " + m_folder.string() + " (job.json is missing)");
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(readWholeFile(jobFile()));
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::JobMismatch, jobFile().string() + " is not valid JSON: " + e.what());
    }
    return jobFromJson(json, jobFile().string());
}

void JobStore::save(const JobRecord& job)
{
    writeFileAtomically(jobFile(), toJson(job).dump(2) + "\n");
}

void JobStore::create(const JobRecord& job)
{
    std::filesystem::create_directories(chunkFolder());
    save(job);
}

JobRecord JobStore::update(const std::function<void(JobRecord&)>& change)
{
    // QLockFile guards against other processes; threads of this process queue on a mutex first.
    static std::mutex inProcess;
    std::lock_guard threadGuard(inProcess);
    QLockFile lock(QString::fromStdString((m_folder / "job.lock").string()));
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(60000)) {
        throw Error(ErrorKind::Io,
            "cannot lock " + (m_folder / "job.lock").string()
                + ": another worker has held it for over a minute");
    }
    JobRecord job = load();
    change(job);
    save(job);
    return job;
}

void JobStore::log(const std::string& line) const
{
    std::lock_guard guard(logMutex());
    std::ofstream out(m_folder / "job.log", std::ios::app);
    out << nowIso8601() << " [" << currentWorker().host << ":" << currentWorker().pid << "] " << line << "\n";
}

std::string nowIso8601()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

WorkerId currentWorker()
{
#ifndef _WIN32
    const std::int64_t pid = ::getpid();
#else
    const std::int64_t pid = _getpid();
#endif
    return WorkerId { QSysInfo::machineHostName().toStdString(), pid };
}

bool workerIsGone(const SegmentRecord& segment, int staleSeconds)
{
    if (!segment.worker) {
        return true;
    }
    if (segment.worker->host == currentWorker().host) {
        return segment.worker->pid != currentWorker().pid && !processIsAlive(segment.worker->pid);
    }
    const QDateTime updated
        = QDateTime::fromString(QString::fromStdString(segment.updatedAt), Qt::ISODateWithMs);
    return !updated.isValid() || updated.secsTo(QDateTime::currentDateTimeUtc()) > staleSeconds;
}

} // namespace passthrough
