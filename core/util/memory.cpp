#include "util/memory.h"

#if defined(PTS_TCMALLOC)
#include <gperftools/malloc_extension_c.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace passthrough {

void releaseFreedMemory()
{
#if defined(PTS_TCMALLOC)
    MallocExtension_ReleaseFreeMemory();
#elif defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void configureAllocator()
{
#if !defined(PTS_TCMALLOC) && defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 4);
#endif
}

} // namespace passthrough
