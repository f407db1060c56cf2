#pragma once

#include "media/layout.h"

#include <array>
#include <filesystem>
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
    ProRes4444, // a real alpha channel for editors, .mov
    Vp9Alpha, // a real alpha channel for editors and browsers, .webm (yuva420p)
    PngAlpha, // a PNG sequence with alpha (RGBA)
};

// Every packing, in the order menus list them.
const std::vector<PackingKind>& allPackings();
std::string packingName(PackingKind kind);
// One line for menus and --help: what the packing is for.
std::string packingDescription(PackingKind kind);
std::optional<PackingKind> parsePackingName(const std::string& name);
// parsePackingName for user input: throws Error(Usage) naming the packing and the available ones.
PackingKind requirePacking(const std::string& name);

[[nodiscard]] bool isFisheyeAlpha(PackingKind kind);
// The packings that write a real alpha channel (editors read it; no headset player does).
[[nodiscard]] bool hasAlphaChannel(PackingKind kind);
// The tag a packed output's name gains: "_alpha" for alpha packings, "_matte", "_greenscreen".
std::string packingNameSuffix(PackingKind kind);

// Why `kind` cannot take a source of this layout, or nullopt when it can.
std::optional<std::string> packingLayoutProblem(PackingKind kind, const Layout& layout);
// Equirectangular 180 side-by-side sources are converted per eye to fisheye 180 before a fisheye
// alpha packing (there is no dead-zone convention for equirect).
[[nodiscard]] bool convertsToFisheye(PackingKind kind, const Layout& layout);
// The layout the matte and the packing see: the source's, or fisheye 180 after conversion.
Layout processingLayout(PackingKind kind, const Layout& source);

// "#RRGGBB" -> {r, g, b}; throws Error(Usage) for anything else.
std::array<int, 3> parseKeyColor(const std::string& text);

// `output` names an image sequence: a pattern such as out/%05d.png.
[[nodiscard]] bool isImageSequencePattern(const std::filesystem::path& output);
// Why `output` cannot hold this packing (wrong extension, a sequence for a video packing), or
// nullopt when it can.
std::optional<std::string> outputNameProblem(PackingKind kind, const std::filesystem::path& output);

// `output` itself, or for an existing folder a name made from the source's inside it: the
// source's tags kept plus the packing's suffix (clip_FISHEYE190_LR.mp4 ->
// folder/clip_FISHEYE190_LR_alpha.mp4); a converted equirect 180 source becomes
// <stem>_LR_180_FISHEYE_F180_alpha.mp4; png-alpha gives folder/<stem>_alpha/%06d.png.
std::filesystem::path resolveOutputPath(const std::string& sourcePath, const std::filesystem::path& output,
    PackingKind kind, const Layout& layout);

} // namespace passthrough
