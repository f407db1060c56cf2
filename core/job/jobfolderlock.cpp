#include "job/jobfolderlock.h"

#include "job/jobstore.h"
#include "util/error.h"

#include <QCoreApplication>
#include <QSysInfo>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#else
#include <windows.h>
#endif

namespace passthrough {
namespace {

std::string holderText(const std::string& content)
{
    try {
        const auto j = nlohmann::json::parse(content);
        return j.at("program").get<std::string>() + " (pid " + std::to_string(j.at("pid").get<std::int64_t>())
            + ") on host " + j.at("host").get<std::string>() + " since " + j.at("since").get<std::string>();
    } catch (const std::exception&) {
        return "another process";
    }
}

std::string holderContent()
{
    const std::string program = QCoreApplication::instance()
        ? QCoreApplication::applicationFilePath().section(QLatin1Char('/'), -1).toStdString()
        : std::string("passthrough-studio");
    const std::string worker = currentWorkerName();
    return nlohmann::json {
        { "program", program.empty() ? "passthrough-studio" : program },
        { "pid", std::stoll(worker.substr(worker.rfind(':') + 1)) },
        { "host", QSysInfo::machineHostName().toStdString() }, { "since", nowIso8601() }
    }.dump()
        + "\n";
}

[[noreturn]] void busy(const std::filesystem::path& folder, const std::string& content)
{
    throw Error(ErrorKind::Busy,
        folder.string() + " is in use by " + holderText(content)
            + "; one process works on a job folder at a time (wait for it, or stop it)");
}

} // namespace

#ifndef _WIN32

JobFolderLock::JobFolderLock(const std::filesystem::path& folder)
{
    const auto file = folder / "job.lock";
    m_fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        throw Error(errorKindForErrno(errno), "cannot open " + file.string() + ": " + std::strerror(errno));
    }
    // flock locks belong to the open file description: two opens in one process exclude each
    // other too, and the kernel drops the lock when the process dies.
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        std::string content(4096, '\0');
        const ssize_t n = ::pread(m_fd, content.data(), content.size(), 0);
        content.resize(n > 0 ? std::size_t(n) : 0);
        ::close(m_fd);
        m_fd = -1;
        if (error == EWOULDBLOCK) {
            busy(folder, content);
        }
        throw Error(ErrorKind::Io, "cannot lock " + file.string() + ": " + std::strerror(error));
    }
    const std::string content = holderContent();
    if (::ftruncate(m_fd, 0) == 0) {
        [[maybe_unused]] const ssize_t written = ::pwrite(m_fd, content.data(), content.size(), 0);
    }
}

JobFolderLock::~JobFolderLock()
{
    if (m_fd >= 0) {
        [[maybe_unused]] const int rc = ::ftruncate(m_fd, 0);
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd); // the file stays: removing it would race with a process that just opened it
    }
}

#else

JobFolderLock::JobFolderLock(const std::filesystem::path& folder)
{
    const auto file = folder / "job.lock";
    HANDLE handle = CreateFileW(file.wstring().c_str(), GENERIC_READ | GENERIC_WRITE,
        FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL,
        nullptr);
    if (handle == INVALID_HANDLE_VALUE) {
        throw Error(ErrorKind::Io, "cannot open " + file.string());
    }
    OVERLAPPED whole {};
    // Lock one byte far past the end: the content stays readable for the message.
    whole.Offset = 0xfffffff0u;
    if (!LockFileEx(handle, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &whole)) {
        std::string content(4096, '\0');
        DWORD read = 0;
        ReadFile(handle, content.data(), DWORD(content.size()), &read, nullptr);
        content.resize(read);
        CloseHandle(handle);
        busy(folder, content);
    }
    const std::string content = holderContent();
    SetFilePointer(handle, 0, nullptr, FILE_BEGIN);
    SetEndOfFile(handle);
    DWORD written = 0;
    WriteFile(handle, content.data(), DWORD(content.size()), &written, nullptr);
    m_handle = handle;
}

JobFolderLock::~JobFolderLock()
{
    if (m_handle) {
        CloseHandle(static_cast<HANDLE>(m_handle)); // closing releases the lock
    }
}

#endif

} // namespace passthrough
