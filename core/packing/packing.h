#pragma once

#include <optional>
#include <string>
#include <vector>

namespace passthrough {

// How the matte is put into the output (design.md, "Packings").
enum class PackingKind {
    Matte, // the grayscale matte in the source's layout
};

std::string packingName(PackingKind kind);
std::optional<PackingKind> parsePackingName(const std::string& name);
// Names the CLI and GUI offer, including those announced but not yet built.
std::vector<std::string> knownPackingNames();
bool isPackingImplemented(const std::string& name);

} // namespace passthrough
