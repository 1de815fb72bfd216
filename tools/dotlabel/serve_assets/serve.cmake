# `dotlabel serve`: the preview page is compiled into the binary (no CDN, works offline) and
# the server is cpp-httplib (PkgConfig::HTTPLIB, found in the root CMakeLists).
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
target_sources(dotlabel_cli PRIVATE ${assets_header})
target_include_directories(dotlabel_cli PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/serve_assets)
target_link_libraries(dotlabel_cli PRIVATE PkgConfig::HTTPLIB)
