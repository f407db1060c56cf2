#include "model/modellocation.h"

#include "model/modeldownload.h"

#include <QStandardPaths>

#include <cstdlib>

namespace passthrough {

std::filesystem::path cachedModelPath()
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return std::filesystem::path(cache.toStdString()) / "passthrough-studio" / "rvm_mobilenetv3.pth";
}

std::string modelUrl()
{
    const char* env = std::getenv("PASSTHROUGH_MODEL_URL");
    return env && *env ? env : kOfficialModelUrl;
}

std::optional<std::filesystem::path> installedModel()
{
    if (const char* env = std::getenv("PASSTHROUGH_MODEL"); env && *env) {
        return std::filesystem::path(env);
    }
    if (const auto cached = cachedModelPath(); std::filesystem::exists(cached)) {
        return cached;
    }
    return std::nullopt;
}

} // namespace passthrough
