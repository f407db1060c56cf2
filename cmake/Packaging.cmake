# Install rules beyond the executables (those are in app/CMakeLists.txt) and the CPack
# configuration: DEB and TGZ on Linux, NSIS on Windows (packaging/windows/).
include(GNUInstallDirs)

set(PTS_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/passthrough-studio.svg)

# PNG icons for desktops that want them, rendered from the one SVG at build time.
find_package(Qt6 COMPONENTS Svg Gui QUIET)
if(TARGET Qt6::Svg)
    add_executable(render-icon ${PROJECT_SOURCE_DIR}/packaging/tools/rendericon.cpp)
    target_link_libraries(render-icon PRIVATE Qt6::Svg Qt6::Gui)
    set(pts_icon_pngs)
    foreach(size 16 32 48 64 128 256)
        set(png ${PROJECT_BINARY_DIR}/icons/hicolor/${size}x${size}/apps/passthrough-studio.png)
        add_custom_command(OUTPUT ${png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/icons/hicolor/${size}x${size}/apps
            COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen $<TARGET_FILE:render-icon> ${PTS_ICON_SVG} ${size} ${png}
            DEPENDS render-icon ${PTS_ICON_SVG}
            COMMENT "Rendering the ${size} px icon")
        list(APPEND pts_icon_pngs ${png})
    endforeach()
    # The Windows installer's icon (Qt writes .ico through its image plugin).
    set(ico ${PROJECT_BINARY_DIR}/icons/passthrough-studio.ico)
    add_custom_command(OUTPUT ${ico}
        COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen $<TARGET_FILE:render-icon> ${PTS_ICON_SVG} 256 ${ico}
        DEPENDS render-icon ${PTS_ICON_SVG}
        COMMENT "Rendering the installer icon")
    add_custom_target(icons ALL DEPENDS ${pts_icon_pngs} ${ico})
    if(NOT WIN32)
        install(DIRECTORY ${PROJECT_BINARY_DIR}/icons/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)
    endif()
endif()

# Freedesktop menus find the window through its desktop entry and hicolor icons.
if(NOT WIN32)
    install(FILES ${PTS_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/passthrough-studio.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
endif()
# The translations are compiled into the program; licences go where each platform looks.
if(WIN32)
    install(FILES LICENSE THIRD-PARTY-NOTICES.md DESTINATION .)
else()
    install(FILES LICENSE THIRD-PARTY-NOTICES.md README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/passthrough-studio)
endif()

if(WIN32)
    include(${PROJECT_SOURCE_DIR}/packaging/windows/WindowsDeploy.cmake)
endif()

set(CPACK_PACKAGE_NAME passthrough-studio)
set(CPACK_PACKAGE_VENDOR "Passthrough Studio")
set(CPACK_PACKAGE_CONTACT "Passthrough Studio <maintainers@passthrough-studio.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "Turns stereo VR videos into passthrough videos: Robust Video Matting per eye, \
packed the way DeoVR and HereSphere read it, in resumable segments. Includes the passthrough-studio \
window and the passthrough-cli command line.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Passthrough Studio")
set(CPACK_PACKAGE_EXECUTABLES passthrough-studio "Passthrough Studio")
set(CPACK_STRIP_FILES ON)

# Debian: library dependencies are read from the binaries (dpkg-shlibdeps); what is loaded at
# run time as a plugin (SVG icons, the platform plugins) is named here.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION video)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ffmpeg")

include(${PROJECT_SOURCE_DIR}/packaging/windows/NsisSettings.cmake)

if(WIN32)
    set(CPACK_GENERATOR NSIS ZIP)
else()
    set(CPACK_GENERATOR DEB TGZ)
endif()
include(CPack)
