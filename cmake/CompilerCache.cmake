# ccache for every tree when it is installed (scripts/install-deps.sh installs it), set up so that a
# fresh clone in another folder hits what an earlier build left:
# - base_dir is the source tree, so ccache hashes paths under it relative to the build folder and
#   two clones give the same hashes (no absolute paths are compiled into objects: the tests take
#   theirs from the environment ctest sets, and the release preset has no debug information);
# - hash_dir off, because nothing compiled depends on the build folder's name;
# - the include files' times ignored, which a fresh checkout sets to the moment of the clone;
# - the batches of a unity build (cmake/UnityBuild.cmake) include their sources by absolute
#   path, so in another folder they miss ccache's direct mode and hit in its preprocessor mode
#   (about 1 s of preprocessing per batch instead of none).
# Set PTS_USE_CCACHE=OFF, or CMAKE_CXX_COMPILER_LAUNCHER yourself, to do without it.
option(PTS_USE_CCACHE "Compile through ccache where it is found" ON)
set(PTS_CCACHE_ACTIVE OFF)
if(NOT PTS_USE_CCACHE OR CMAKE_CXX_COMPILER_LAUNCHER)
    return()
endif()
find_program(PTS_CCACHE_EXE ccache)
if(NOT PTS_CCACHE_EXE)
    message(STATUS "Compiler cache: none (install ccache to rebuild faster)")
    return()
endif()
set(CMAKE_CXX_COMPILER_LAUNCHER
    ${CMAKE_COMMAND} -E env
    "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}"
    CCACHE_NOHASHDIR=1
    "CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime"
    ${PTS_CCACHE_EXE})
set(PTS_CCACHE_ACTIVE ON)
message(STATUS "Compiler cache: ${PTS_CCACHE_EXE} (base_dir ${PROJECT_SOURCE_DIR})")
