# `dotlabel serve`'s HTTP side (serve_server.cpp over cpp-httplib, PkgConfig::HTTPLIB found in
# the root CMakeLists) is a module of its own, dotlabel-serve.so, which only `serve` loads with
# dlopen(): libcpp-httplib would bring OpenSSL and its start-up into every dotlabel process
# (serve_server.hpp). The preview page is compiled into the module (no CDN, works offline).
add_library(dotlabel_serve_module MODULE ${CMAKE_CURRENT_LIST_DIR}/../serve_server.cpp)
set_target_properties(dotlabel_serve_module PROPERTIES OUTPUT_NAME dotlabel-serve PREFIX "")
target_compile_definitions(dotlabel_serve_module PRIVATE DOTLABEL_VERSION="${PROJECT_VERSION}")
target_include_directories(dotlabel_serve_module PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)
target_link_libraries(dotlabel_serve_module PRIVATE dotlabel nlohmann_json::nlohmann_json PkgConfig::HTTPLIB)
# A symbol the module lacks is a link error here rather than a dlopen() failure at run time.
target_link_options(dotlabel_serve_module PRIVATE LINKER:--no-undefined
                    "LINKER:--version-script=${CMAKE_CURRENT_LIST_DIR}/serve_module.map")
set_property(TARGET dotlabel_serve_module APPEND PROPERTY LINK_DEPENDS
             ${CMAKE_CURRENT_LIST_DIR}/serve_module.map)
install(TARGETS dotlabel_serve_module LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/dotlabel)

# The CLI finds the module from its own executable, at the installed layout's path from the
# binaries' folder to the libraries' (e.g. ../lib/dotlabel); the build tree has the same layout.
file(RELATIVE_PATH serve_module_dir ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR}/dotlabel)
cmake_path(ABSOLUTE_PATH serve_module_dir BASE_DIRECTORY ${CMAKE_RUNTIME_OUTPUT_DIRECTORY} NORMALIZE
           OUTPUT_VARIABLE serve_module_build_dir)
set_target_properties(dotlabel_serve_module PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${serve_module_build_dir})
# libdotlabel from the module's own folder, as for the CLI (tools/dotlabel/CMakeLists.txt).
file(RELATIVE_PATH serve_built_libdir ${serve_module_build_dir} ${CMAKE_LIBRARY_OUTPUT_DIRECTORY})
string(REGEX REPLACE "/$" "" serve_built_libdir "${serve_built_libdir}")
set(serve_rpath "$ORIGIN/${serve_built_libdir}" "$ORIGIN/..")
list(REMOVE_DUPLICATES serve_rpath)
set_target_properties(dotlabel_serve_module PROPERTIES BUILD_WITH_INSTALL_RPATH TRUE
                      INSTALL_RPATH "${serve_rpath}")
target_compile_definitions(dotlabel_cli PRIVATE DOTLABEL_SERVE_MODULE_DIR="${serve_module_dir}")
# Whatever builds the CLI (and so every test that runs it) builds the module that serve needs.
add_dependencies(dotlabel_cli dotlabel_serve_module)

set(DOTLABEL_SERVE_ASSETS index.html app.js style.css)
set(assets_header ${CMAKE_CURRENT_BINARY_DIR}/serve_assets/serve_assets.hpp)
list(TRANSFORM DOTLABEL_SERVE_ASSETS PREPEND ${CMAKE_CURRENT_LIST_DIR}/ OUTPUT_VARIABLE asset_paths)
string(REPLACE ";" "," asset_names "${DOTLABEL_SERVE_ASSETS}")
add_custom_command(
  OUTPUT ${assets_header}
  COMMAND ${CMAKE_COMMAND} -DINPUT_DIR=${CMAKE_CURRENT_LIST_DIR} -DNAMES=${asset_names}
          -DOUTPUT=${assets_header} -P ${CMAKE_CURRENT_LIST_DIR}/embed.cmake
  DEPENDS ${asset_paths} ${CMAKE_CURRENT_LIST_DIR}/embed.cmake
  COMMENT "Embedding the dotlabel serve page"
  VERBATIM)
target_sources(dotlabel_serve_module PRIVATE ${assets_header})
target_include_directories(dotlabel_serve_module PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/serve_assets)
