/* Renders every label of a markup file to PNG files through dotlabel's C API:
 *   render_label LABEL.xml OUT.png    (one label: OUT.png; several: OUT-<id>.png)
 * Diagnostics go to stderr as `dotlabel check` prints them; the exit status is 1 on any error. */
#include <dotlabel/dotlabel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* read_file(const char* path, size_t* size) {
  FILE* file = fopen(path, "rb");
  char* text = NULL;
  long length;
  if (!file) return NULL;
  if (fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 &&
      fseek(file, 0, SEEK_SET) == 0 && (text = malloc((size_t)length + 1)) != NULL) {
    *size = fread(text, 1, (size_t)length, file);
  }
  fclose(file);
  return text;
}

static int write_file(const char* path, const uint8_t* bytes, size_t size) {
  FILE* file = fopen(path, "wb");
  int ok = file && fwrite(bytes, 1, size, file) == size;
  if (file && fclose(file) != 0) ok = 0;
  return ok;
}

int main(int argc, char** argv) {
  size_t size = 0, i;
  char* markup;
  dotlabel_render_options options = {.struct_size = sizeof options};
  dotlabel_result* result = NULL;
  dotlabel_status status;
  int failed = 0;

  if (argc != 3) {
    fprintf(stderr, "usage: %s LABEL.xml OUT.png\n", argv[0]);
    return 2;
  }
  if (!(markup = read_file(argv[1], &size))) {
    perror(argv[1]);
    return 2;
  }
  options.file_name = argv[1];
  options.format = DOTLABEL_FORMAT_PNG;
  /* NULL renderer: the library's shared one, made on first use. */
  status = dotlabel_render(NULL, markup, size, &options, &result);
  free(markup);

  for (i = 0; i < dotlabel_result_diagnostic_count(result); ++i) {
    const dotlabel_diagnostic* d = dotlabel_result_diagnostic(result, i);
    fprintf(stderr, "%s:%d:%d: %s [%s]\n", d->file, d->line, d->column, d->message, d->code);
  }
  if (status != DOTLABEL_OK) {
    fprintf(stderr, "%s: %s\n", dotlabel_status_string(status), dotlabel_result_message(result));
    dotlabel_result_free(result);
    return 1;
  }
  for (i = 0; i < dotlabel_result_output_count(result); ++i) {
    size_t png_size = 0;
    const uint8_t* png = dotlabel_result_output(result, i, &png_size);
    char path[4096];
    if (dotlabel_result_output_count(result) == 1) {
      snprintf(path, sizeof path, "%s", argv[2]);
    } else {
      const char* dot = strrchr(argv[2], '.');
      int stem = dot ? (int)(dot - argv[2]) : (int)strlen(argv[2]);
      snprintf(path, sizeof path, "%.*s-%lld%s", stem, argv[2],
               (long long)dotlabel_result_output_label_id(result, i), dot ? dot : "");
    }
    if (!write_file(path, png, png_size)) {
      perror(path);
      failed = 1;
    }
  }
  dotlabel_result_free(result); /* every pointer read from it dies here */
  return failed;
}
