#include "cli/modellocator.h"

#include "util/error.h"

#include <QStandardPaths>

#include <cstdlib>

namespace passthrough::cli {

std::filesystem::path cachedModelPath()
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return std::filesystem::path(cache.toStdString()) / "passthrough-studio" / "rvm_mobilenetv3.pth";
}

std::filesystem::path locateModel(const std::string& fromOption)
{
    if (!fromOption.empty()) {
        return fromOption;
    }
    if (const char* env = std::getenv("PASSTHROUGH_MODEL"); env && *env) {
        return env;
    }
    const auto cached = cachedModelPath();
    if (std::filesystem::exists(cached)) {
        return cached;
    }
    throw Error(ErrorKind::Usage,
        "no matting model: pass --model FILE or set PASSTHROUGH_MODEL (expected a cached model at "
            + cached.string() + ")");
}

} // namespace passthrough::cli
