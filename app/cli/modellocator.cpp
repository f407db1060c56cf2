#include "cli/modellocator.h"

#include "model/modeldownload.h"
#include "model/modellocation.h"
#include "model/personmodel.h"
#include "util/error.h"

#include <cstdio>
#include <cstdlib>

namespace passthrough::cli {

std::filesystem::path fetchModel(const std::string& url, const std::atomic<bool>* cancel)
{
    const auto destination = cachedModelPath();
    std::fprintf(stderr, "downloading the matting model from %s\n", url.c_str());
    ModelDownload request;
    request.url = url;
    request.destination = destination;
    request.cancel = cancel;
    request.onProgress = [](std::int64_t received, std::int64_t total) {
        if (total > 0) {
            std::fprintf(stderr, "\r  %5.1f%% of %.1f MB ", 100.0 * double(received) / double(total),
                double(total) / 1e6);
        } else {
            std::fprintf(stderr, "\r  %.1f MB ", double(received) / 1e6);
        }
    };
    DownloadedModel model;
    try {
        model = downloadModel(request);
    } catch (const Error&) {
        std::fprintf(stderr, "\n"); // end the progress line before the error
        throw;
    }
    std::fprintf(
        stderr, "\nverified and saved %s (sha256 %s)\n", model.file.string().c_str(), model.sha256.c_str());
    return model.file;
}

std::filesystem::path locateModel(const std::string& fromOption, const std::atomic<bool>* cancel)
{
    if (!fromOption.empty()) {
        return std::filesystem::absolute(fromOption).lexically_normal();
    }
    if (const auto installed = installedModel()) {
        return std::filesystem::absolute(*installed).lexically_normal();
    }
    return fetchModel(modelUrl(), cancel);
}

std::filesystem::path fetchPersonModel(const std::string& url, const std::atomic<bool>* cancel)
{
    std::fprintf(stderr, "downloading the person model from %s\n", url.c_str());
    ModelDownload request;
    request.url = url;
    request.destination = cachedPersonModelDir();
    request.cancel = cancel;
    request.onProgress = [](std::int64_t received, std::int64_t) {
        std::fprintf(stderr, "\r  %.1f MB ", double(received) / 1e6);
    };
    DownloadedModel model;
    try {
        model = downloadPersonModel(request);
    } catch (const Error&) {
        std::fprintf(stderr, "\n");
        throw;
    }
    std::fprintf(stderr, "\nverified and saved %s (weights sha256 %s)\n", model.file.string().c_str(),
        model.sha256.c_str());
    return model.file;
}

void locatePersonModel(bool needed, const std::string& fromOption, const std::atomic<bool>* cancel)
{
    if (!fromOption.empty()) {
        const auto path = std::filesystem::absolute(fromOption).lexically_normal();
        ::setenv("PASSTHROUGH_PERSON_MODEL", path.c_str(), 1);
        return;
    }
    if (!needed || installedPersonModel()) {
        return;
    }
    fetchPersonModel(personModelUrl(), cancel);
}

} // namespace passthrough::cli
