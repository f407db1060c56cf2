#include "packing/packing.h"

#include "util/error.h"

namespace passthrough {
namespace {

constexpr PackingKind kAllPackings[] = { PackingKind::Matte, PackingKind::FisheyeAlpha,
    PackingKind::FisheyeAlphaRed, PackingKind::GreenScreen };

} // namespace

std::string packingName(PackingKind kind)
{
    switch (kind) {
    case PackingKind::Matte:
        return "matte";
    case PackingKind::FisheyeAlpha:
        return "fisheye-alpha";
    case PackingKind::FisheyeAlphaRed:
        return "fisheye-alpha-red";
    case PackingKind::GreenScreen:
        return "greenscreen";
    }
    return "matte";
}

std::string packingNameSuffix(PackingKind kind)
{
    switch (kind) {
    case PackingKind::Matte:
        return "_matte";
    case PackingKind::GreenScreen:
        return "_greenscreen";
    default:
        return "_alpha";
    }
}

std::optional<PackingKind> parsePackingName(const std::string& name)
{
    for (PackingKind kind : kAllPackings) {
        if (packingName(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

PackingKind requirePacking(const std::string& name)
{
    if (const auto kind = parsePackingName(name)) {
        return *kind;
    }
    std::string available;
    for (PackingKind kind : kAllPackings) {
        available += (available.empty() ? "" : ", ") + packingName(kind);
    }
    throw Error(ErrorKind::Usage,
        "unknown or not yet available packing '" + name + "' (available: " + available + ")");
}

std::optional<std::string> packingLayoutProblem(PackingKind kind, const Layout& layout)
{
    const bool fisheyePacking = kind == PackingKind::FisheyeAlpha || kind == PackingKind::FisheyeAlphaRed;
    if (fisheyePacking
        && (layout.projection != Projection::Fisheye || layout.stereo != StereoMode::LeftRight)) {
        return "the " + packingName(kind) + " packing needs a side-by-side fisheye source";
    }
    return std::nullopt;
}

std::filesystem::path resolveOutputPath(
    const std::string& sourcePath, const std::filesystem::path& output, PackingKind kind)
{
    if (!std::filesystem::is_directory(output)) {
        return output;
    }
    // Keep the source's tags so players still recognise the layout, and say what it holds.
    return output / (std::filesystem::path(sourcePath).stem().string() + packingNameSuffix(kind) + ".mp4");
}

} // namespace passthrough
