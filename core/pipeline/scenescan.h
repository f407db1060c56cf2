#pragma once

#include "media/mediainfo.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace passthrough {

// The hard cuts of a whole source, found as a job finds them (matting/scenecutdetector.h, on
// each frame's first eye): the pts of every frame that starts a new shot, in order. For the
// window's timeline, before anything is rendered. Throws Error; Cancelled when `cancel` is set.
std::vector<std::int64_t> findSceneCuts(const MediaInfo& source, const std::atomic<bool>* cancel = nullptr,
    const std::function<void(std::int64_t, std::int64_t)>& onProgress = {});

} // namespace passthrough
