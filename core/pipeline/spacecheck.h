#pragma once

#include "media/mediainfo.h"
#include "packing/packing.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace passthrough {

// What a job will write, by a stated rule (README, "Disk space"): the packed videos at about the
// source's own bytes (the matte alone at half), VP9 alpha at 1.5 times, ProRes 4444 at 5.3 bits
// per output pixel (its 4444 profile's rate at 1080p30), a PNG sequence at 2 bytes per pixel.
// The chunks take as much again until they are joined. A job of a range (--range) writes its
// frames' share: `jobFrames` of the source's; -1 for every frame.
struct SpaceEstimate {
    std::int64_t outputBytes = 0;
    std::int64_t chunkBytes = 0;
};

SpaceEstimate estimateSpace(PackingKind packing, const MediaInfo& source, int packedWidth, int packedHeight,
    std::int64_t jobFrames = -1);

// Room kept free beyond the estimate: the job file, the log, the encoders' own guesses.
inline constexpr std::int64_t kSpaceMarginBytes = 8LL << 20;

// Throws Error(DiskFull) before anything is written when the file system of `outputFolder`
// (and that of `jobFolder`, or both together when they are one) has less free space than the
// estimate needs; the message names the folder, what is needed and what is free, and how to
// override (--no-space-check).
void requireSpace(const SpaceEstimate& estimate, const std::filesystem::path& outputFolder,
    const std::filesystem::path& jobFolder);

// "6.2 GB", "850 MB": sizes for people.
std::string humanBytes(std::int64_t bytes);

} // namespace passthrough
