#pragma once

namespace passthrough {

// Hands memory freed by the last segment (encoder buffers, decoder pools, pipeline threads'
// arenas) back to the system, so that the process's footprint stays flat over many segments
// instead of ratcheting up (glibc's per-thread arenas, tcmalloc's free lists).
void releaseFreedMemory();

// Caps glibc's malloc arenas where glibc's malloc is the one in use: every pipeline thread
// would otherwise get its own, each keeping freed frames. tcmalloc (cmake/FastAllocator.cmake)
// needs nothing. Call once at start-up, before threads exist.
void configureAllocator();

} // namespace passthrough
