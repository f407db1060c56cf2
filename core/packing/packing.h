#pragma once

#include "media/layout.h"

#include <filesystem>
#include <optional>
#include <string>

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
// parsePackingName for user input: throws Error(Usage) naming the packing and the available ones.
PackingKind requirePacking(const std::string& name);
// The tag a packed output's name gains: "_alpha" for players' alpha packings, "_matte" else.
std::string packingNameSuffix(PackingKind kind);
// Why `kind` cannot take a source of this layout, or nullopt when it can.
std::optional<std::string> packingLayoutProblem(PackingKind kind, const Layout& layout);
// `output` itself, or for an existing folder the source's name (tags kept) plus the packing's
// suffix inside it: clip_FISHEYE190_LR.mp4 -> folder/clip_FISHEYE190_LR_alpha.mp4.
std::filesystem::path resolveOutputPath(
    const std::string& sourcePath, const std::filesystem::path& output, PackingKind kind);

} // namespace passthrough
