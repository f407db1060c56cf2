#include "packing/packing.h"

#include <algorithm>

namespace passthrough {

std::string packingName(PackingKind kind)
{
    switch (kind) {
    case PackingKind::Matte:
        return "matte";
    }
    return "matte";
}

std::optional<PackingKind> parsePackingName(const std::string& name)
{
    if (name == "matte") {
        return PackingKind::Matte;
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
