# LibTorch's headers are the build's cost: parsing <torch/torch.h> alone takes 15-17 s and 1.1 GB
# of memory on a 2-core machine, and about fifty files of core/, tests/, ui/ and bench/ need it.
# With PTS_PRECOMPILE_HEADERS each tree parses them once, into one precompiled header that every
# target reuses (pts_use_torch_pch); a source that needs no tensor is left out of it.
#
# It is on only where no compiler cache is used. The header is 650 MB: loading it costs a file
# 5-6 s, and ccache hashes all of it for every file that uses it, even to find a hit. Measured
# here on one file of core: 20.8 s plain, 12.6 s with the header, 15.0 s with the header through
# ccache (a miss); a hit 2.9 s with the header against 0.1 s without. A whole cold release tree
# through ccache took 996 s with the header, 849 s without it (2 cores; the second also with
# core/matting/tensor.h), and every warm rebuild would pay the hashing, so with ccache each file
# parses the headers and the cache keeps the result.
if(DEFINED PTS_CCACHE_ACTIVE AND PTS_CCACHE_ACTIVE)
    set(_pts_pch_default OFF)
else()
    set(_pts_pch_default ON)
endif()
option(PTS_PRECOMPILE_HEADERS "Parse LibTorch's headers once per tree (precompiled header)" ${_pts_pch_default})

if(PTS_PRECOMPILE_HEADERS)
    # Built with the flags every target that reuses it has (GCC refuses a header made with
    # others): LibTorch's, the project's warnings and defines, and -fPIC, which Qt gives every
    # target that uses it and pts_matting asks for itself.
    add_library(pts_torch_pch OBJECT ${CMAKE_CURRENT_LIST_DIR}/torchpch.cpp)
    target_link_libraries(pts_torch_pch PRIVATE ${TORCH_LIBRARIES} pts_project_options)
    set_target_properties(pts_torch_pch PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_precompile_headers(pts_torch_pch PRIVATE <torch/torch.h> <torch/script.h>)
endif()

# pts_use_torch_pch(TARGET [NO_PCH source...]): TARGET's sources see LibTorch's headers
# precompiled, except the sources listed after NO_PCH.
function(pts_use_torch_pch target)
    if(NOT PTS_PRECOMPILE_HEADERS)
        return()
    endif()
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "NO_PCH")
    target_precompile_headers(${target} REUSE_FROM pts_torch_pch)
    # The header was made with -fPIC; a program without Qt (which adds it) would otherwise be
    # compiled as PIE, and GCC would parse the headers again instead of loading them.
    target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU,Clang>:-fPIC>)
    # AUTOMOC's collection file of a target whose classes are moc'ed in their .cpp is empty.
    get_target_property(automoc ${target} AUTOMOC)
    if(automoc)
        set_source_files_properties("${CMAKE_CURRENT_BINARY_DIR}/${target}_autogen/mocs_compilation.cpp"
            TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
    if(arg_NO_PCH)
        set_source_files_properties(${arg_NO_PCH} TARGET_DIRECTORY ${target}
            PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
endfunction()
