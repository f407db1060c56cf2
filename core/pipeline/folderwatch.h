#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace passthrough {

// "22:00-06:00": the minutes of the day in which watched files may start, [start, end); a window
// that ends before it starts runs past midnight. Start and end equal: the whole day.
struct TimeWindow {
    int startMinute = 0;
    int endMinute = 0;
    [[nodiscard]] bool contains(int minuteOfDay) const;
};
// Throws Error(Usage) naming --between and the text.
TimeWindow parseTimeWindow(const std::string& text);

// The file names a watched folder takes as videos (by extension, case ignored).
[[nodiscard]] bool isVideoFileName(const std::filesystem::path& path);

// The videos of a watched folder that are ready to become jobs. A file is ready once its size
// and modification time have stayed the same for `settleSeconds`, so that one still being copied
// in is waited for; each file is reported once. The clock is the caller's (any monotonic
// seconds), so that tests can drive it.
class FolderWatch {
public:
    FolderWatch(std::filesystem::path folder, double settleSeconds);

    // Scans the folder at `nowSeconds`: the files that became ready since the last scan, in name
    // order. Throws Error(InputUnusable) when the folder cannot be read.
    std::vector<std::filesystem::path> scan(double nowSeconds);
    // Files seen but not ready yet (still growing, or not settled long enough).
    [[nodiscard]] int pending() const;

private:
    struct Seen {
        std::uintmax_t size = 0;
        std::filesystem::file_time_type time;
        double stableSince = 0.0;
        bool reported = false;
    };
    std::filesystem::path m_folder;
    double m_settleSeconds;
    std::map<std::filesystem::path, Seen> m_seen;
};

} // namespace passthrough
