#pragma once

namespace passthrough {

// libav* prints its own diagnostics to stderr; the core reports errors in its own words, so
// these are hidden unless the user asks for them (--verbose, or PASSTHROUGH_FFMPEG_LOG=1).
void setMediaLibraryLogging(bool verbose);

} // namespace passthrough
