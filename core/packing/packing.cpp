#include "packing/packing.h"

#include "util/error.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace passthrough {
namespace {

std::string lowerExtension(const std::filesystem::path& path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

// Containers each packing's codec can live in; the first one is what a derived name gets.
std::vector<std::string> allowedExtensions(PackingKind kind)
{
    switch (kind) {
    case PackingKind::ProRes4444:
        return { ".mov", ".mkv" };
    case PackingKind::Vp9Alpha:
        return { ".webm", ".mkv" };
    case PackingKind::PngAlpha:
        return { ".png" };
    default:
        return { ".mp4", ".mkv", ".mov" };
    }
}

} // namespace

const std::vector<PackingKind>& allPackings()
{
    static const std::vector<PackingKind> kinds { PackingKind::FisheyeAlpha, PackingKind::FisheyeAlphaRed,
        PackingKind::Matte, PackingKind::GreenScreen, PackingKind::ProRes4444, PackingKind::Vp9Alpha,
        PackingKind::PngAlpha };
    return kinds;
}

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
    case PackingKind::ProRes4444:
        return "prores4444";
    case PackingKind::Vp9Alpha:
        return "vp9-alpha";
    case PackingKind::PngAlpha:
        return "png-alpha";
    }
    return "matte";
}

std::string packingDescription(PackingKind kind)
{
    switch (kind) {
    case PackingKind::Matte:
        return "the matte alone, in the source's layout, for editing elsewhere";
    case PackingKind::FisheyeAlpha:
        return "matte in the fisheye corners (gray), read by DeoVR and HereSphere";
    case PackingKind::FisheyeAlphaRed:
        return "matte in the fisheye corners (red channel), as some commercial files do";
    case PackingKind::GreenScreen:
        return "the subject over a key colour, for players that key live";
    case PackingKind::ProRes4444:
        return "ProRes 4444 .mov with a real alpha channel, for editors (no headset player reads it)";
    case PackingKind::Vp9Alpha:
        return "VP9 .webm with a real alpha channel, for editors and browsers (no headset player reads it)";
    case PackingKind::PngAlpha:
        return "PNG sequence with alpha, for editors (no headset player reads it)";
    }
    return {};
}

bool isFisheyeAlpha(PackingKind kind)
{
    return kind == PackingKind::FisheyeAlpha || kind == PackingKind::FisheyeAlphaRed;
}

bool hasAlphaChannel(PackingKind kind)
{
    return kind == PackingKind::ProRes4444 || kind == PackingKind::Vp9Alpha || kind == PackingKind::PngAlpha;
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
    for (PackingKind kind : allPackings()) {
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
    for (PackingKind kind : allPackings()) {
        available += (available.empty() ? "" : ", ") + packingName(kind);
    }
    throw Error(ErrorKind::Usage, "unknown packing '" + name + "' (available: " + available + ")");
}

bool convertsToFisheye(PackingKind kind, const Layout& layout)
{
    return isFisheyeAlpha(kind) && layout.projection == Projection::Equirect180
        && layout.stereo == StereoMode::LeftRight;
}

Layout processingLayout(PackingKind kind, const Layout& source)
{
    if (!convertsToFisheye(kind, source)) {
        return source;
    }
    Layout converted = source;
    converted.projection = Projection::Fisheye;
    converted.fisheyeFovDegrees = 180;
    converted.decidedBy = "converted from equirectangular 180 (" + source.decidedBy + ")";
    return converted;
}

std::optional<std::string> packingLayoutProblem(PackingKind kind, const Layout& layout)
{
    if (isFisheyeAlpha(kind) && !convertsToFisheye(kind, layout)
        && (layout.projection != Projection::Fisheye || layout.stereo != StereoMode::LeftRight)) {
        return "the " + packingName(kind)
            + " packing needs a side-by-side fisheye or equirectangular 180 source";
    }
    return std::nullopt;
}

std::array<int, 3> parseKeyColor(const std::string& text)
{
    const std::string hex = text.starts_with("#") ? text.substr(1) : text;
    if (hex.size() != 6
        || !std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); })) {
        throw Error(ErrorKind::Usage, "the key colour must look like #00B140, not '" + text + "'");
    }
    const long value = std::strtol(hex.c_str(), nullptr, 16);
    return { int((value >> 16) & 0xff), int((value >> 8) & 0xff), int(value & 0xff) };
}

bool isImageSequencePattern(const std::filesystem::path& output)
{
    const std::string name = output.filename().string();
    return name.find('%') != std::string::npos && lowerExtension(output) == ".png";
}

std::optional<std::string> outputNameProblem(PackingKind kind, const std::filesystem::path& output)
{
    const std::string name = output.string();
    const bool sequence = isImageSequencePattern(output);
    if (kind == PackingKind::PngAlpha && !sequence) {
        return "png-alpha writes an image sequence: give a pattern such as out/%06d.png, not " + name;
    }
    if (sequence) {
        return kind == PackingKind::PngAlpha || kind == PackingKind::Matte
            ? std::nullopt
            : std::optional<std::string>(
                "only the matte and png-alpha packings can write an image sequence (" + name + ")");
    }
    const auto allowed = allowedExtensions(kind);
    if (std::find(allowed.begin(), allowed.end(), lowerExtension(output)) == allowed.end()) {
        std::string list;
        for (const auto& ext : allowed) {
            list += (list.empty() ? "" : ", ") + ext;
        }
        return "the " + packingName(kind) + " packing needs an output ending in " + list + ", not " + name;
    }
    return std::nullopt;
}

std::filesystem::path resolveOutputPath(const std::string& sourcePath, const std::filesystem::path& output,
    PackingKind kind, const Layout& layout)
{
    if (!std::filesystem::is_directory(output)) {
        return output;
    }
    // Keep the source's tags so players still recognise the layout, and say what it holds. A
    // converted equirect source gets the fisheye tags both DeoVR and HereSphere recognise.
    const std::string stem = std::filesystem::path(sourcePath).stem().string();
    const std::string base = convertsToFisheye(kind, layout)
        ? stripLayoutTags(stem) + "_LR_180_FISHEYE_F180" + packingNameSuffix(kind)
        : stem + packingNameSuffix(kind);
    if (kind == PackingKind::PngAlpha) {
        return output / base / "%06d.png";
    }
    return output / (base + allowedExtensions(kind).front());
}

} // namespace passthrough
