#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace passthrough {

// Identity of a source file, cheap enough for a 50 GB 8K video: its size, modification time and
// a SHA-256 over the size and three 1 MiB samples (start, middle, end). A job refuses to resume
// when any of these changed. For an image-sequence pattern the files of the sequence are used.
struct SourceFingerprint {
    std::uint64_t sizeBytes = 0;
    std::int64_t modifiedMs = 0; // milliseconds since the Unix epoch
    std::string sampleSha256; // hex

    bool operator==(const SourceFingerprint&) const = default;
};

SourceFingerprint fingerprintSource(const std::filesystem::path& path);

// SHA-256 of a whole file in hex (model files).
std::string sha256OfFile(const std::filesystem::path& path);

} // namespace passthrough
