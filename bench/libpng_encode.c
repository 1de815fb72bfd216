/* The yardstick of bench/peers/run.sh: libpng alone encoding the reference label's dots
 * (golden/bench/reference.png, 800 x 480, 1-bit grey) to memory at zlib level 1 without filter,
 * as a plain program would, in a loop. Prints "libpng <encodes per CPU second>": CPU time, as
 * Google Benchmark counts it for dotlabel_bench, so that a busy machine slows both alike.
 *
 *   dotlabel_libpng_bench [seconds] [png]
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct buffer {
  unsigned char* data;
  size_t size, capacity;
};

static void append(png_structp png, png_bytep data, png_size_t length) {
  struct buffer* out = png_get_io_ptr(png);
  if (out->size + length > out->capacity) {
    out->capacity = 2 * (out->size + length);
    out->data = realloc(out->data, out->capacity);
    if (!out->data) png_error(png, "out of memory");
  }
  memcpy(out->data + out->size, data, length);
  out->size += length;
}

static void flush_nothing(png_structp png) {
  (void)png;
}

/* One encode into out (emptied first): the rows are already in PNG's sense (1 = white). */
static int encode(png_bytep* rows, png_uint_32 width, png_uint_32 height, struct buffer* out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return 0;
  }
  out->size = 0;
  png_set_write_fn(png, out, append, flush_nothing);
  png_set_IHDR(png, info, width, height, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_pHYs(png, info, 7992, 7992, PNG_RESOLUTION_METER);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level(png, 1);
  png_write_info(png, info);
  png_write_image(png, rows);
  png_write_end(png, NULL);
  png_destroy_write_struct(&png, &info);
  return 1;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 5.0;
  const char* path = argc > 2 ? argv[2] : DOTLABEL_SOURCE_DIR "/golden/bench/reference.png";
  png_image image;
  memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path)) {
    fprintf(stderr, "%s: %s\n", path, image.message);
    return 1;
  }
  image.format = PNG_FORMAT_GRAY;
  png_bytep grey = malloc(PNG_IMAGE_SIZE(image));
  if (!grey || !png_image_finish_read(&image, NULL, grey, 0, NULL)) {
    fprintf(stderr, "%s: %s\n", path, image.message);
    return 1;
  }
  /* 8-bit grey -> 1 bit per dot, packed MSB first. */
  png_uint_32 stride = (image.width + 7) / 8;
  png_bytep bits = calloc(stride, image.height);
  png_bytep* rows = malloc(image.height * sizeof *rows);
  if (!bits || !rows) return 1;
  for (png_uint_32 y = 0; y < image.height; ++y) {
    rows[y] = bits + (size_t)y * stride;
    for (png_uint_32 x = 0; x < image.width; ++x)
      if (grey[(size_t)y * image.width + x] >= 128) rows[y][x / 8] |= (png_byte)(0x80u >> (x % 8));
  }
  struct buffer out = {NULL, 0, 0};
  long encodes = 0;
  double start = now(), elapsed;
  do {
    for (int i = 0; i < 100; ++i, ++encodes)
      if (!encode(rows, image.width, image.height, &out)) return 1;
    elapsed = now() - start;
  } while (elapsed < seconds);
  printf("libpng %.1f\n", (double)encodes / elapsed);
  fprintf(stderr, "%u x %u, %zu bytes per PNG\n", image.width, image.height, out.size);
  free(out.data);
  free(rows);
  free(bits);
  free(grey);
  return 0;
}
