#pragma once

#include <string>

namespace passthrough {

// How chunks are encoded. Every chunk of a job uses identical settings, which is what lets them
// join by stream copy.
struct EncoderSettings {
    std::string encoder = "libx265"; // libx265 or libx264
    int crf = 20;
    std::string preset = "fast";
    int bitDepth = 8; // 8 or 10; follows the source

    bool operator==(const EncoderSettings&) const = default;
};

} // namespace passthrough
