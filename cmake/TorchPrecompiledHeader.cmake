# LibTorch's headers are the build's cost: parsing <torch/torch.h> alone takes 15-17 s and 1.1 GB
# of memory on a 2-core machine, and about fifty files of core/, tests/, ui/ and bench/ need it.
# Each tree parses them once, into one precompiled header that every target reuses
# (pts_use_torch_pch); a source that needs no tensor is left out of it, since loading the
# header costs 3-5 s of its own. PTS_PRECOMPILE_HEADERS=OFF compiles every file on its own,
# which is how a missing #include is found.
option(PTS_PRECOMPILE_HEADERS "Parse LibTorch's headers once per tree (precompiled header)" ON)

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
