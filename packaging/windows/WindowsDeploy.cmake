# Windows only: what the installer must carry beside the executables. Qt's runtime comes from
# windeployqt, run at install time on the staged program (so CPack's NSIS and ZIP get it);
# FFmpeg's and LibTorch's DLLs are copied from the SDKs the build used.
set(PTS_WINDOWS_TORCH_VARIANT cpu CACHE STRING "LibTorch build the installer ships: cpu or cuda")
set_property(CACHE PTS_WINDOWS_TORCH_VARIANT PROPERTY STRINGS cpu cuda)

get_target_property(pts_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(pts_qt_bin "${pts_qmake}" DIRECTORY)
find_program(PTS_WINDEPLOYQT windeployqt HINTS "${pts_qt_bin}" REQUIRED)
install(CODE "
    execute_process(
        COMMAND \"${PTS_WINDEPLOYQT}\" --release --no-translations --no-system-d3d-compiler
                --dir \"\${CMAKE_INSTALL_PREFIX}/bin\" \"\${CMAKE_INSTALL_PREFIX}/bin/passthrough-studio.exe\"
        RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR \"windeployqt failed (\${rc})\")
    endif()
")

# FFmpeg: the shared build's bin/ beside the lib/ that pkg-config pointed at.
list(GET FFMPEG_LIBRARY_DIRS 0 pts_ffmpeg_lib)
file(GLOB pts_ffmpeg_dlls "${pts_ffmpeg_lib}/../bin/*.dll")
if(NOT pts_ffmpeg_dlls)
    message(FATAL_ERROR "no FFmpeg DLLs beside ${pts_ffmpeg_lib}; use a shared FFmpeg build")
endif()
install(FILES ${pts_ffmpeg_dlls} DESTINATION bin)

# LibTorch: every DLL of the distribution used (the CUDA one carries cuDNN and cuBLAS too).
file(GLOB pts_torch_dlls "${TORCH_INSTALL_PREFIX}/lib/*.dll")
if(PTS_WINDOWS_TORCH_VARIANT STREQUAL "cuda" AND NOT EXISTS "${TORCH_INSTALL_PREFIX}/lib/torch_cuda.dll")
    message(FATAL_ERROR "PTS_WINDOWS_TORCH_VARIANT=cuda needs the CUDA LibTorch; ${TORCH_INSTALL_PREFIX} is a CPU build")
endif()
install(FILES ${pts_torch_dlls} DESTINATION bin)

set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
include(InstallRequiredSystemLibraries) # the MSVC runtime
set(CPACK_PACKAGE_FILE_NAME "passthrough-studio-${PROJECT_VERSION}-win64-${PTS_WINDOWS_TORCH_VARIANT}")
