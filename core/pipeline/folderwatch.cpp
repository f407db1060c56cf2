#include "pipeline/folderwatch.h"

#include "util/error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace passthrough {

bool TimeWindow::contains(int minuteOfDay) const
{
    if (startMinute == endMinute) {
        return true;
    }
    return startMinute < endMinute ? minuteOfDay >= startMinute && minuteOfDay < endMinute
                                   : minuteOfDay >= startMinute || minuteOfDay < endMinute;
}

TimeWindow parseTimeWindow(const std::string& text)
{
    int h1 = -1;
    int m1 = -1;
    int h2 = -1;
    int m2 = -1;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%d:%d-%d:%d%c", &h1, &m1, &h2, &m2, &tail) != 4 || h1 < 0 || h1 > 23
        || m1 < 0 || m1 > 59 || h2 < 0 || h2 > 24 || m2 < 0 || m2 > 59 || (h2 == 24 && m2 != 0)) {
        throw Error(
            ErrorKind::Usage, "--between takes HH:MM-HH:MM (such as 22:00-06:00), not '" + text + "'");
    }
    return TimeWindow { h1 * 60 + m1, (h2 * 60 + m2) % (24 * 60) };
}

bool isVideoFileName(const std::filesystem::path& path)
{
    static constexpr std::array<const char*, 8> kExtensions { ".mp4", ".mkv", ".mov", ".m4v", ".webm", ".avi",
        ".ts", ".mts" };
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
        [](unsigned char c) { return char(std::tolower(c)); });
    return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

FolderWatch::FolderWatch(std::filesystem::path folder, double settleSeconds)
    : m_folder(std::move(folder))
    , m_settleSeconds(settleSeconds)
{
}

std::vector<std::filesystem::path> FolderWatch::scan(double nowSeconds)
{
    std::error_code error;
    std::filesystem::directory_iterator entries(m_folder, error);
    if (error) {
        throw Error(ErrorKind::InputUnusable,
            "cannot read the watched folder " + m_folder.string() + ": " + error.message());
    }
    std::vector<std::filesystem::path> ready;
    for (const auto& entry : entries) {
        // Hidden files are partial copies (rsync, browsers); they get their real name when done.
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file(error) || name.empty() || name.front() == '.'
            || !isVideoFileName(entry.path())) {
            continue;
        }
        const std::uintmax_t size = entry.file_size(error);
        const auto time = entry.last_write_time(error);
        if (error) {
            continue; // gone between listing and reading
        }
        auto [it, added] = m_seen.try_emplace(entry.path());
        Seen& seen = it->second;
        if (added || seen.size != size || seen.time != time) {
            seen.size = size;
            seen.time = time;
            seen.stableSince = nowSeconds;
            continue;
        }
        if (!seen.reported && size > 0 && nowSeconds - seen.stableSince >= m_settleSeconds) {
            seen.reported = true;
            ready.push_back(entry.path());
        }
    }
    std::sort(ready.begin(), ready.end());
    return ready;
}

int FolderWatch::pending() const
{
    return int(std::count_if(m_seen.begin(), m_seen.end(), [](const auto& s) { return !s.second.reported; }));
}

} // namespace passthrough
