#include "util/durablefile.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#ifndef _WIN32
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <windows.h>
#endif

namespace passthrough {
namespace {

// Random hex digits for a temporary name (O_EXCL below refuses a name already taken).
std::string randomHex(std::size_t digits)
{
    static thread_local std::mt19937_64 generator { std::random_device {}() };
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(digits, '0');
    for (char& c : out) {
        c = hex[generator() & 15U];
    }
    return out;
}

[[noreturn]] void failWith(int error, const std::string& what, const std::filesystem::path& path)
{
    throw Error(
        errorKindForErrno(error), "cannot " + what + " " + path.string() + ": " + std::strerror(error));
}

#ifndef _WIN32
class Descriptor {
public:
    Descriptor(const std::filesystem::path& path, int flags, mode_t mode = 0644)
        : m_fd(::open(path.c_str(), flags | O_CLOEXEC, mode))
    {
    }
    ~Descriptor()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    [[nodiscard]] int get() const { return m_fd; }
    // close() reports deferred write errors (NFS, full disks) that write() did not.
    int close()
    {
        const int rc = ::close(m_fd);
        m_fd = -1;
        return rc;
    }

private:
    int m_fd;
};

void writeAll(int fd, std::string_view bytes, const std::filesystem::path& path)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            failWith(errno, "write", path);
        }
        bytes.remove_prefix(std::size_t(n));
    }
}
#endif

void syncTree(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        for (const auto& entry : std::filesystem::directory_iterator(path)) {
            syncTree(entry.path());
        }
        syncFolder(path);
    } else {
        syncFile(path);
    }
}

} // namespace

void syncFile(const std::filesystem::path& path)
{
#ifndef _WIN32
    Descriptor fd(path, O_RDONLY);
    if (fd.get() < 0) {
        failWith(errno, "open", path);
    }
    if (::fsync(fd.get()) != 0) {
        failWith(errno, "flush to disk", path);
    }
#else
    HANDLE file = CreateFileW(path.wstring().c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
        nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        throw Error(ErrorKind::Io, "cannot open " + path.string() + " to flush it to disk");
    }
    const bool ok = FlushFileBuffers(file);
    CloseHandle(file);
    if (!ok) {
        throw Error(ErrorKind::Io, "cannot flush " + path.string() + " to disk");
    }
#endif
}

void syncFolder(const std::filesystem::path& folder)
{
#ifndef _WIN32
    Descriptor fd(folder.empty() ? "." : folder, O_RDONLY | O_DIRECTORY);
    if (fd.get() < 0) {
        failWith(errno, "open", folder);
    }
    // Some file systems (and FUSE mounts) cannot sync a folder; the rename is then as durable
    // as they make it.
    if (::fsync(fd.get()) != 0 && errno != EINVAL && errno != ENOTSUP) {
        failWith(errno, "flush to disk", folder);
    }
#else
    (void)folder; // NTFS journals renames itself; a folder cannot be flushed from user space
#endif
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes)
{
    // A unique temporary name beside the target: two writers never share one.
    auto tmp = path;
    tmp += ".tmp-" + randomHex(12);
#ifndef _WIN32
    {
        Descriptor fd(tmp, O_WRONLY | O_CREAT | O_EXCL);
        if (fd.get() < 0) {
            failWith(errno, "write", path);
        }
        try {
            writeAll(fd.get(), bytes, path);
            if (::fsync(fd.get()) != 0) {
                failWith(errno, "write", path);
            }
            if (fd.close() != 0) {
                failWith(errno, "write", path);
            }
        } catch (...) {
            ::unlink(tmp.c_str());
            throw;
        }
    }
#else
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw Error(ErrorKind::Io, "cannot write " + path.string());
        }
    }
#endif
    try {
        commitRename(tmp, path);
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        throw;
    }
}

std::string readWholeFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Io, "cannot read " + path.string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void commitRename(const std::filesystem::path& from, const std::filesystem::path& to)
{
    syncTree(from);
    std::error_code ec;
    std::filesystem::rename(from, to, ec);
    if (ec) {
        failWith(ec.value(), "rename " + from.string() + " to", to);
    }
    syncFolder(to.parent_path());
}

bool commitRenameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to)
{
    syncTree(from);
#if defined(__linux__)
    // renameat2(RENAME_NOREPLACE) checks and renames atomically; file systems without it
    // (EINVAL) get the check and the rename as two steps.
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
        syncFolder(to.parent_path());
        return true;
    }
    if (errno == EEXIST) {
        return false;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        failWith(errno, "rename " + from.string() + " to", to);
    }
#endif
    std::error_code ec;
    if (std::filesystem::exists(to, ec)) {
        return false;
    }
    std::filesystem::rename(from, to, ec);
    if (ec) {
        failWith(ec.value(), "rename " + from.string() + " to", to);
    }
    syncFolder(to.parent_path());
    return true;
}

void removeQuietly(const std::filesystem::path& path)
{
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
}

} // namespace passthrough
