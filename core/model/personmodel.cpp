#include "model/personmodel.h"

#include "person/movenet.h"
#include "util/durablefile.h"
#include "util/error.h"
#include "util/fingerprint.h"

#include <QStandardPaths>

#include <torch/types.h>

#include <cstdlib>

namespace passthrough {

std::filesystem::path cachedPersonModelDir()
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return std::filesystem::path(cache.toStdString()) / "passthrough-studio" / "movenet-multipose";
}

std::string personModelUrl()
{
    const char* env = std::getenv("PASSTHROUGH_PERSON_MODEL_URL");
    return env && *env ? env : kOfficialPersonModelUrl;
}

std::optional<std::filesystem::path> installedPersonModel()
{
    if (const char* env = std::getenv("PASSTHROUGH_PERSON_MODEL"); env && *env) {
        return std::filesystem::path(env);
    }
    const auto dir = cachedPersonModelDir();
    std::error_code error;
    if (std::filesystem::exists(dir / person::MoveNet::kGraphFile, error)
        && std::filesystem::exists(dir / person::MoveNet::kWeightsFile, error)) {
        return dir;
    }
    return std::nullopt;
}

std::filesystem::path requirePersonModel()
{
    if (auto installed = installedPersonModel()) {
        return *installed;
    }
    throw Error(ErrorKind::Model,
        "The person model is not installed (choosing people needs it): run `passthrough-cli fetch-model "
        "--person`, "
        "or give its folder with --person-model DIR.");
}

DownloadedModel downloadPersonModel(const ModelDownload& request)
{
    const std::filesystem::path destination = request.destination;
    std::filesystem::create_directories(destination.parent_path());
    auto partial = destination;
    partial += ".partial";
    std::error_code ignored;
    std::filesystem::remove_all(partial, ignored);
    std::filesystem::create_directories(partial);
    DownloadedModel result;
    try {
        std::string base = request.url;
        if (!base.empty() && base.back() != '/') {
            base += '/';
        }
        std::string sums;
        for (const char* name : { person::MoveNet::kGraphFile, person::MoveNet::kWeightsFile }) {
            ModelDownload file = request;
            file.url = base + name;
            result.bytes += fetchToFile(file, partial / name);
            const std::string sha = sha256OfFile(partial / name);
            const char* expected = std::string(name) == person::MoveNet::kGraphFile ? kPersonModelJsonSha256
                                                                                    : kPersonModelBinSha256;
            if (request.url == kOfficialPersonModelUrl && sha != expected) {
                throw Error(ErrorKind::Model,
                    "the file downloaded from " + file.url + " is not the person model's release (sha256 "
                        + sha + ", expected " + expected + ")");
            }
            sums += sha + "  " + name + "\n";
            if (std::string(name) == person::MoveNet::kWeightsFile) {
                result.sha256 = sha;
            }
        }
        try {
            const person::MoveNet model(partial.string(), torch::Device(torch::kCPU));
            (void)model.run(torch::zeros({ 1, 256, 256, 3 }, torch::kInt));
        } catch (const Error& e) {
            throw Error(ErrorKind::Model,
                "the files downloaded from " + base + " are not a usable person model (" + e.what() + ")");
        }
        writeFileAtomically(partial / "SHA256SUMS", sums);
        std::filesystem::remove_all(destination, ignored);
        commitRename(partial, destination);
    } catch (...) {
        std::filesystem::remove_all(partial, ignored);
        throw;
    }
    result.file = destination;
    return result;
}

} // namespace passthrough
