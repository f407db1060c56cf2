#pragma once

#include <optional>
#include <string>
#include <vector>

namespace passthrough {

// How the matte is put into the output (design.md, "Packings").
enum class PackingKind {
    Matte, // the grayscale matte in the source's layout
    FisheyeAlpha, // the 6-block corner packing DeoVR/HereSphere read, matte in gray
    FisheyeAlphaRed, // the same blocks with the matte in the red channel
    GreenScreen, // the subject over a key colour, for players that key live
};

std::string packingName(PackingKind kind);
std::optional<PackingKind> parsePackingName(const std::string& name);
// Names the CLI and GUI offer, including those announced but not yet built.
std::vector<std::string> knownPackingNames();
bool isPackingImplemented(const std::string& name);
// The tag a packed output's name gains: "_alpha" for players' alpha packings, "_matte" else.
std::string packingNameSuffix(PackingKind kind);

} // namespace passthrough
