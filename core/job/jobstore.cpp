#include "job/jobstore.h"

#include "util/durablefile.h"
#include "util/error.h"

#include <QDateTime>
#include <QSysInfo>

#include <nlohmann/json.hpp>

#include <fstream>

#ifndef _WIN32
#include <unistd.h>
#else
#include <process.h>
#endif

namespace passthrough {
namespace {

// A job file is a few hundred bytes per segment; anything far larger is not one.
constexpr std::uintmax_t kMaxJobFileBytes = 256u << 20;

std::mutex& logMutex()
{
    static std::mutex mutex;
    return mutex;
}

} // namespace

JobStore::JobStore(std::filesystem::path folder)
    : m_folder(std::filesystem::absolute(folder).lexically_normal())
{
    if (m_folder.has_parent_path() && m_folder.filename().empty()) {
        m_folder = m_folder.parent_path(); // "jobs/a.ptjob/" -> "jobs/a.ptjob"
    }
}

std::filesystem::path JobStore::folderFor(const std::filesystem::path& jobOrFile)
{
    const std::filesystem::path path = std::filesystem::absolute(jobOrFile).lexically_normal();
    if (path.filename() == "job.json") {
        return path.parent_path();
    }
    return path;
}

std::filesystem::path JobStore::chunkPath(const JobRecord& job, const SegmentRecord& segment) const
{
    return chunkFolder() / chunkFileName(segment, job.settings.encoder);
}

std::filesystem::path JobStore::partialChunkPath(
    const JobRecord& job, int index, const std::optional<ChunkCommit>& attempt) const
{
    return chunkFolder() / partialChunkFileName(index, job.settings.encoder, attempt);
}

bool JobStore::exists() const
{
    std::error_code ec;
    return std::filesystem::exists(jobFile(), ec);
}

JobRecord JobStore::load() const
{
    if (!exists()) {
        throw Error(ErrorKind::Usage, "no job at " + m_folder.string() + " (job.json is missing)");
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(jobFile(), ec);
    if (ec || size > kMaxJobFileBytes) {
        throw Error(ErrorKind::JobMismatch,
            jobFile().string() + " is not a valid job file: " + (ec ? ec.message() : "it is far too large"));
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(readWholeFile(jobFile()));
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::JobMismatch, jobFile().string() + " is not valid JSON: " + e.what());
    }
    return jobFromJson(json, jobFile().string(), MigrationContext { std::filesystem::current_path() });
}

void JobStore::save(const JobRecord& job)
{
    if (job.schemaVersion > kJobSchemaVersion) {
        throw Error(ErrorKind::JobMismatch,
            jobFile().string() + " was written by a newer Passthrough Studio (job schema "
                + std::to_string(job.schemaVersion) + "); update to resume it");
    }
    writeFileAtomically(jobFile(), toJson(job).dump(2) + "\n");
}

void JobStore::create(const JobRecord& job)
{
    std::filesystem::create_directories(chunkFolder());
    syncFolder(m_folder.parent_path());
    save(job);
}

JobRecord JobStore::update(const std::function<void(JobRecord&)>& change)
{
    std::lock_guard guard(*m_mutex);
    JobRecord job = load();
    change(job);
    save(job);
    return job;
}

void JobStore::log(const std::string& line) const noexcept
{
    try {
        std::lock_guard guard(logMutex());
        std::ofstream out(m_folder / "job.log", std::ios::app);
        out << nowIso8601() << " [" << currentWorkerName() << "] " << line << "\n";
    } catch (...) {
    }
}

std::string nowIso8601()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

std::string currentWorkerName()
{
#ifndef _WIN32
    const std::int64_t pid = ::getpid();
#else
    const std::int64_t pid = _getpid();
#endif
    return QSysInfo::machineHostName().toStdString() + ":" + std::to_string(pid);
}

} // namespace passthrough
