#include "util/memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace passthrough {

void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void limitAllocatorArenas()
{
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 4);
#endif
}

} // namespace passthrough
