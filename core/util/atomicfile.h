#pragma once

#include <filesystem>
#include <string_view>

namespace passthrough {

// Replaces `path` with `bytes` so that a reader (or a crash at any instant) sees either the old
// or the new content, never a mix: write a temporary file beside it, flush to disk, rename.
// Throws Error(Io) naming the file.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

std::string readWholeFile(const std::filesystem::path& path);

} // namespace passthrough
