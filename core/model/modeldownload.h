#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace passthrough {

// RVM's official release of the MobileNetV3 weights (GPL-3.0).
inline constexpr const char* kOfficialModelUrl
    = "https://github.com/PeterL1n/RobustVideoMatting/releases/download/v1.0.0/rvm_mobilenetv3.pth";

struct ModelDownload {
    std::string url;
    std::filesystem::path destination; // e.g. ~/.cache/passthrough-studio/rvm_mobilenetv3.pth
    std::function<void(std::int64_t received, std::int64_t total)> onProgress; // total < 0 when unknown
    const std::atomic<bool>* cancel = nullptr;
};

struct DownloadedModel {
    std::filesystem::path file;
    std::string sha256;
    std::int64_t bytes = 0;
};

// Streams `request.url` to `target` (progress and cancel as the request says); throws Error(Model)
// naming the URL for network and HTTP errors and a short transfer, Error(Io) when writing fails.
std::int64_t fetchToFile(const ModelDownload& request, const std::filesystem::path& target);

// Downloads a model to a temporary name beside the destination, verifies it by loading it into
// the RVM network (every expected key and shape), and only then renames it into place and writes
// `<destination>.sha256`. A failed, partial or unusable download never lands: the temporary
// file is removed and Error(Model) names the URL and the problem. Needs a Qt event loop on the
// calling thread's application (QCoreApplication).
DownloadedModel downloadModel(const ModelDownload& request);

} // namespace passthrough
