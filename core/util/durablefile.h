#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace passthrough {

// Files that survive a power cut at any instant: data reaches the disk (fsync) before the
// rename that publishes it, and the folder is synced after the rename so that the new name is
// on disk too. Errors throw Error naming the file, ErrorKind::DiskFull when space ran out.

// Replaces `path` with `bytes` so that a reader (or a crash at any instant) sees either the old
// or the new content, never a mix.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

std::string readWholeFile(const std::filesystem::path& path);

// Flushes a file's data to the disk.
void syncFile(const std::filesystem::path& path);
// Flushes a folder's entries (names created, renamed or removed in it) to the disk.
void syncFolder(const std::filesystem::path& folder);

// fsync `from`, rename it to `to` (replacing `to`), fsync the folder. For a folder `from`
// (an image sequence), every file in it is synced first.
void commitRename(const std::filesystem::path& from, const std::filesystem::path& to);
// The same, but never replaces an existing `to`: returns false and leaves both alone when `to`
// exists (checked and renamed as one step where the system allows).
bool commitRenameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to);
// Removes a file that may not be there (a partial download or chunk being given up); a failure
// leaves it, to be overwritten by the next attempt.
void removeQuietly(const std::filesystem::path& path);

} // namespace passthrough
