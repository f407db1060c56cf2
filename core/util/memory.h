#pragma once

namespace passthrough {

// Hands memory freed by the last segment (encoder buffers, decoder pools, pipeline threads'
// arenas) back to the system, so that the process's footprint stays flat over many segments
// instead of ratcheting up with glibc's per-thread arenas. A no-op outside glibc.
void releaseFreedMemory();

// Caps glibc's malloc arenas: every pipeline thread would otherwise get its own, each keeping
// freed frames. Call once at start-up, before threads exist. A no-op outside glibc.
void limitAllocatorArenas();

} // namespace passthrough
