#include "pipeline/spacecheck.h"

#include "util/error.h"

#include <cmath>
#include <cstdio>
#include <sys/stat.h>

namespace passthrough {
namespace {

// The nearest folder that exists: where the job's folders will be created.
std::filesystem::path existingAncestor(std::filesystem::path path)
{
    std::error_code error;
    path = std::filesystem::absolute(path, error);
    while (!path.empty() && !std::filesystem::exists(path, error)) {
        if (path == path.parent_path()) {
            break;
        }
        path = path.parent_path();
    }
    return path;
}

std::int64_t freeBytes(const std::filesystem::path& folder)
{
    std::error_code error;
    const auto info = std::filesystem::space(folder, error);
    if (error) {
        throw Error(
            ErrorKind::Io, "cannot tell the free space of " + folder.string() + ": " + error.message());
    }
    return std::int64_t(info.available);
}

bool sameFileSystem(const std::filesystem::path& a, const std::filesystem::path& b)
{
    struct stat sa { };
    struct stat sb { };
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev;
}

void requireFree(const std::filesystem::path& folder, std::int64_t needed, const std::string& what)
{
    const std::int64_t available = freeBytes(folder);
    if (available < needed) {
        throw Error(ErrorKind::DiskFull,
            folder.string() + " has " + humanBytes(available) + " free, and " + what + " need about "
                + humanBytes(needed) + "; free some space or choose another output folder "
                + "(--no-space-check to start anyway)");
    }
}

} // namespace

SpaceEstimate estimateSpace(
    PackingKind packing, const MediaInfo& source, int packedWidth, int packedHeight, std::int64_t jobFrames)
{
    std::error_code error;
    const auto sourceBytes = double(std::filesystem::file_size(source.path, error));
    const double pixels = double(packedWidth) * double(packedHeight) * double(source.frameCount);
    double output = sourceBytes;
    switch (packing) {
    case PackingKind::Matte:
        output = 0.5 * sourceBytes;
        break;
    case PackingKind::FisheyeAlpha:
    case PackingKind::FisheyeAlphaRed:
    case PackingKind::GreenScreen:
        output = sourceBytes;
        break;
    case PackingKind::Vp9Alpha:
        output = 1.5 * sourceBytes;
        break;
    case PackingKind::ProRes4444:
        output = pixels * 5.3 / 8.0;
        break;
    case PackingKind::PngAlpha:
        output = pixels * 2.0;
        break;
    }
    if (jobFrames >= 0 && source.frameCount > 0) {
        output *= double(jobFrames) / double(source.frameCount);
    }
    SpaceEstimate estimate;
    estimate.outputBytes = std::llround(output);
    estimate.chunkBytes = estimate.outputBytes;
    return estimate;
}

void requireSpace(const SpaceEstimate& estimate, const std::filesystem::path& outputFolder,
    const std::filesystem::path& jobFolder)
{
    const auto outputAt = existingAncestor(outputFolder);
    const auto jobAt = existingAncestor(jobFolder);
    if (sameFileSystem(outputAt, jobAt)) {
        requireFree(outputAt, estimate.outputBytes + estimate.chunkBytes + kSpaceMarginBytes,
            "the output (" + humanBytes(estimate.outputBytes) + ") and its chunks");
        return;
    }
    requireFree(outputAt, estimate.outputBytes + kSpaceMarginBytes, "the output");
    requireFree(jobAt, estimate.chunkBytes + kSpaceMarginBytes, "the job's chunks");
}

std::string humanBytes(std::int64_t bytes)
{
    char text[32];
    const double b = double(bytes);
    if (b >= 1e9) {
        std::snprintf(text, sizeof text, "%.1f GB", b / 1e9);
    } else if (b >= 1e6) {
        std::snprintf(text, sizeof text, "%.0f MB", b / 1e6);
    } else {
        std::snprintf(text, sizeof text, "%.0f kB", b / 1e3);
    }
    return text;
}

} // namespace passthrough
