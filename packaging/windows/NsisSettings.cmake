# CPack NSIS: the Windows installer. Start-menu shortcut (CPACK_PACKAGE_EXECUTABLES), an
# uninstaller (always made by CPack's NSIS template), the CLI's folder optionally on PATH, and
# "Open with Passthrough Studio" for .mp4 and .mkv files. Read by CPack on any platform, so
# packaging/windows/check-nsis.sh can run makensis over the same script on Linux.
set(CPACK_NSIS_DISPLAY_NAME "Passthrough Studio")
set(CPACK_NSIS_PACKAGE_NAME "Passthrough Studio ${PROJECT_VERSION}")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\passthrough-studio.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_NSIS_MODIFY_PATH ON) # offers to put passthrough-cli on PATH
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN passthrough-studio.exe)
if(EXISTS ${PROJECT_BINARY_DIR}/icons/passthrough-studio.ico OR TARGET render-icon)
    set(CPACK_NSIS_MUI_ICON ${PROJECT_BINARY_DIR}/icons/passthrough-studio.ico)
    set(CPACK_NSIS_MUI_UNIICON ${PROJECT_BINARY_DIR}/icons/passthrough-studio.ico)
endif()

# A ProgID with an "open" verb, listed under each extension's OpenWithProgids: Explorer then
# offers "Open with > Passthrough Studio" without taking the default player away.
# (Four backslashes: CPack writes these strings into CPackConfig.cmake, which is read again.)
set(pts_progid "Software\\\\Classes\\\\PassthroughStudio.Video")
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "
  WriteRegStr SHCTX '${pts_progid}' '' 'Video for Passthrough Studio'
  WriteRegStr SHCTX '${pts_progid}\\\\DefaultIcon' '' '$INSTDIR\\\\bin\\\\passthrough-studio.exe,0'
  WriteRegStr SHCTX '${pts_progid}\\\\shell\\\\open' '' 'Open with Passthrough Studio'
  WriteRegStr SHCTX '${pts_progid}\\\\shell\\\\open\\\\command' '' '\\\"$INSTDIR\\\\bin\\\\passthrough-studio.exe\\\" \\\"%1\\\"'
  WriteRegStr SHCTX 'Software\\\\Classes\\\\.mp4\\\\OpenWithProgids' 'PassthroughStudio.Video' ''
  WriteRegStr SHCTX 'Software\\\\Classes\\\\.mkv\\\\OpenWithProgids' 'PassthroughStudio.Video' ''
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
  DeleteRegValue SHCTX 'Software\\\\Classes\\\\.mp4\\\\OpenWithProgids' 'PassthroughStudio.Video'
  DeleteRegValue SHCTX 'Software\\\\Classes\\\\.mkv\\\\OpenWithProgids' 'PassthroughStudio.Video'
  DeleteRegKey SHCTX '${pts_progid}'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
")
