# `format` rewrites the sources, `format-check` fails when a file is not formatted.
# The major version is pinned so that an upgrade cannot silently reformat the tree.
find_program(CLANG_FORMAT_EXE NAMES clang-format-14 clang-format)
if(CLANG_FORMAT_EXE)
    execute_process(COMMAND ${CLANG_FORMAT_EXE} --version OUTPUT_VARIABLE _cf_version)
    if(_cf_version MATCHES "version 14\\.")
        file(GLOB_RECURSE _pts_format_sources CONFIGURE_DEPENDS
            ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
            ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
            ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h
            ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
            ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.h
            ${PROJECT_SOURCE_DIR}/packaging/*.cpp)
        add_custom_target(format COMMAND ${CLANG_FORMAT_EXE} -i ${_pts_format_sources})
        add_custom_target(format-check
            COMMAND ${CLANG_FORMAT_EXE} --dry-run --Werror ${_pts_format_sources})
    endif()
endif()
