/* The C API's header compiles as strict C99 (-std=c99 -pedantic-errors), and its options structs
 * initialise as the header says: {.struct_size = sizeof options} is every default. */
#include <dotlabel/dotlabel.h>

int dotlabel_c99_render_png(const char* markup, size_t size, dotlabel_result** result);

int dotlabel_c99_render_png(const char* markup, size_t size, dotlabel_result** result) {
  dotlabel_render_options options = {.struct_size = sizeof options};
  return (int)dotlabel_render(NULL, markup, size, &options, result);
}
