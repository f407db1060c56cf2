#include "packing/packing.h"

#include <algorithm>

namespace passthrough {

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
    for (PackingKind kind : { PackingKind::Matte, PackingKind::FisheyeAlpha, PackingKind::FisheyeAlphaRed,
             PackingKind::GreenScreen }) {
        if (packingName(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

std::vector<std::string> knownPackingNames()
{
    return { "matte", "fisheye-alpha", "fisheye-alpha-red", "greenscreen", "prores4444", "vp9-alpha",
        "png-alpha" };
}

bool isPackingImplemented(const std::string& name)
{
    return parsePackingName(name).has_value();
}

} // namespace passthrough
