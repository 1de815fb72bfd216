# Script mode: writes OUTPUT, a C++ header holding the files NAMES (comma-separated, in
# INPUT_DIR) as string literals, byte for byte.
string(REPLACE "," ";" names "${NAMES}")
set(text "// Generated from tools/dotlabel/serve_assets by embed.cmake: do not edit.\n")
string(APPEND text "#pragma once\n\n#include <string_view>\n\nnamespace dotlabel::cli::serve_assets {\n\n")
string(APPEND text "struct Asset {\n  std::string_view name;\n  std::string_view body;\n};\n\n")
string(APPEND text "inline constexpr Asset kAssets[] = {\n")
foreach(name ${names})
  file(READ ${INPUT_DIR}/${name} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  # Every byte as \xNN: a following hex digit can never extend an escape.
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
  # 32 bytes a line, for editors and compiler messages.
  string(REPEAT "\\\\x.." 32 line)
  string(REGEX REPLACE "(${line})" "\\1\"\n      \"" escaped "${escaped}")
  string(APPEND text "    {\"${name}\",\n     {\"${escaped}\",\n      ${size}}},\n")
endforeach()
string(APPEND text "};\n\n}  // namespace dotlabel::cli::serve_assets\n")
file(WRITE ${OUTPUT} "${text}")
