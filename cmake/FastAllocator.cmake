# pts_allocator: gperftools' tcmalloc for every program that links core/, where it is installed
# (Debian: libgoogle-perftools-dev). LibTorch's CPU kernels allocate and free every layer's
# activations at every model step; glibc's malloc gives a pipeline thread's emptied heaps back
# to the system and faults their pages in again at the next step (two 64 MiB heaps a frame at
# 2048x1024, a third of the process's CPU time in the kernel at 8K). tcmalloc keeps and reuses
# them: bench/run-bench.sh shows the difference. Sanitizer builds turn it off (they bring their
# own allocator).
option(PTS_USE_TCMALLOC "Link the programs with gperftools' tcmalloc where it is found" ON)
add_library(pts_allocator INTERFACE)
find_package(PkgConfig QUIET)
if(PTS_USE_TCMALLOC AND PKG_CONFIG_FOUND)
    pkg_check_modules(TCMALLOC IMPORTED_TARGET libtcmalloc_minimal)
    if(TCMALLOC_FOUND)
        target_link_libraries(pts_allocator INTERFACE PkgConfig::TCMALLOC)
        message(STATUS "Allocator: tcmalloc ${TCMALLOC_VERSION}")
    else()
        message(STATUS "Allocator: glibc malloc (install libgoogle-perftools-dev for tcmalloc)")
    endif()
endif()
