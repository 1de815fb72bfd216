/* dotlabel's C API: compile, check and render Xpyun label markup from C and from any language
 * with a C foreign-function interface (Python ctypes, Go cgo, PHP FFI, Node koffi, ...).
 *
 * C99; no C++ type or exception crosses it. docs/embedding.md is the guide.
 *
 * Stability: every function here is part of the shared library's ABI (libdotlabel.so.MAJOR).
 * Within one MAJOR, functions are only added, and structs only grow at their end:
 *   - an options struct (dotlabel_*_options) starts with `struct_size`, which the caller sets to
 *     sizeof the struct it was compiled with; the library reads no field beyond it, and a field
 *     it does not see has its default. All-zero fields are the defaults, so
 *     `dotlabel_render_options options = {.struct_size = sizeof options};` is a complete
 *     initialisation (and so is zeroing the struct, then setting struct_size).
 *   - a struct the library hands out (dotlabel_diagnostic) is read through a pointer and only
 *     ever gains fields at its end.
 *
 * Ownership: what a dotlabel_*_new() or an operation creates, the caller frees with the
 * matching dotlabel_*_free() (which accepts NULL). Pointers read out of a result (strings,
 * bytes, diagnostics) belong to the result and stay valid until it is freed. Input pointers
 * are only read during the call.
 *
 * Threads: every function may be called from several threads at once, except that an object
 * must not be freed while another thread uses it. A dotlabel_renderer may be shared by any
 * number of threads rendering at once; a dotlabel_result may be read by several threads.
 */
#ifndef DOTLABEL_DOTLABEL_H
#define DOTLABEL_DOTLABEL_H

#include <stddef.h>
#include <stdint.h>

/* What the shared library exports (the C spelling of DOTLABEL_API in dotlabel/export.hpp). */
#if defined(_WIN32)
#define DOTLABEL_C_API
#else
#define DOTLABEL_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------------------------ */

/* The library's version, "MAJOR.MINOR.PATCH" (static storage). */
DOTLABEL_C_API const char* dotlabel_version(void);
/* The same as MAJOR * 10000 + MINOR * 100 + PATCH, e.g. 100 for 0.1.0. */
DOTLABEL_C_API int dotlabel_version_number(void);

/* ---- Status ------------------------------------------------------------------------------- */

typedef enum dotlabel_status {
  DOTLABEL_OK = 0,
  /* The markup has errors (or the rendering reported one): the result holds the diagnostics
   * and no output. */
  DOTLABEL_INPUT_ERROR = 1,
  /* A NULL pointer where one is required, a struct_size too small, an unknown enum value or an
   * out-of-range number. The result's message says which. */
  DOTLABEL_INVALID_ARGUMENT = 2,
  /* Memory ran out. *result may be NULL. */
  DOTLABEL_OUT_OF_MEMORY = 3,
  /* The printer fonts cannot be loaded (a renderer cannot be made). */
  DOTLABEL_RENDERER_ERROR = 4,
  /* Anything else that went wrong inside the library; the message says what. */
  DOTLABEL_INTERNAL_ERROR = 5
} dotlabel_status;

/* A short English name of `status` (static storage), e.g. "input error". */
DOTLABEL_C_API const char* dotlabel_status_string(dotlabel_status status);

/* ---- Results ------------------------------------------------------------------------------ */

/* What an operation produced: its status, diagnostics and outputs. Opaque, immutable. */
typedef struct dotlabel_result dotlabel_result;

typedef enum dotlabel_severity {
  DOTLABEL_SEVERITY_NOTE = 0,
  DOTLABEL_SEVERITY_WARNING = 1,
  DOTLABEL_SEVERITY_ERROR = 2
} dotlabel_severity;

/* One diagnostic, as `dotlabel check` prints it. Strings are UTF-8 and never NULL. */
typedef struct dotlabel_diagnostic {
  const char* file; /* the file name given in the options */
  int line;         /* 1-based; 0 with column 0 means the whole input */
  int column;       /* 1-based, in characters (code points) */
  dotlabel_severity severity;
  const char* code; /* stable, "DL" + digits: docs/diagnostics.md */
  const char* message;
  const char* hint; /* "" when there is none */
} dotlabel_diagnostic;

DOTLABEL_C_API dotlabel_status dotlabel_result_status(const dotlabel_result* result);
/* Why the operation failed, one line of UTF-8; "" when it succeeded. */
DOTLABEL_C_API const char* dotlabel_result_message(const dotlabel_result* result);

DOTLABEL_C_API size_t dotlabel_result_diagnostic_count(const dotlabel_result* result);
/* Diagnostic `index` (< count), or NULL. */
DOTLABEL_C_API const dotlabel_diagnostic* dotlabel_result_diagnostic(const dotlabel_result* result,
                                                                     size_t index);
/* Every diagnostic as the JSON array `dotlabel check --diagnostics json` prints:
 * [{"file","line","column","severity","code","message","hint"}], NUL-terminated UTF-8. */
DOTLABEL_C_API const char* dotlabel_result_diagnostics_json(const dotlabel_result* result);

/* The outputs: one per label for dotlabel_render() (in label id order), one JSON text for
 * dotlabel_mstching(), none for dotlabel_check() or a failure. */
DOTLABEL_C_API size_t dotlabel_result_output_count(const dotlabel_result* result);
/* Output `index`'s bytes and their number in *size (which may be NULL). Text outputs (SVG,
 * base64, JSON) are followed by a NUL that *size does not count. NULL when out of range. */
DOTLABEL_C_API const uint8_t* dotlabel_result_output(const dotlabel_result* result, size_t index,
                                                     size_t* size);
/* The id of the LABEL output `index` was rendered from (0 for other outputs). */
DOTLABEL_C_API int64_t dotlabel_result_output_label_id(const dotlabel_result* result, size_t index);

DOTLABEL_C_API void dotlabel_result_free(dotlabel_result* result);

/* ---- Renderer ----------------------------------------------------------------------------- */

/* Owns the loaded printer fonts and glyph caches: make one and share it, since loading the
 * fonts costs far more than rendering a label. Operations given a NULL renderer use one the
 * library makes on first use and keeps until the process exits. */
typedef struct dotlabel_renderer dotlabel_renderer;

typedef struct dotlabel_renderer_options {
  size_t struct_size;   /* sizeof(dotlabel_renderer_options) */
  const char* font_dir; /* NULL or "": $DOTLABEL_FONT_DIR, else the Debian font paths */
} dotlabel_renderer_options;

/* Makes a renderer (options may be NULL). On failure *renderer is NULL and, when `message` is
 * not NULL, the reason is written there (at most message_size bytes, NUL-terminated). */
DOTLABEL_C_API dotlabel_status dotlabel_renderer_new(const dotlabel_renderer_options* options,
                                                     dotlabel_renderer** renderer, char* message,
                                                     size_t message_size);
DOTLABEL_C_API void dotlabel_renderer_free(dotlabel_renderer* renderer);

/* ---- Operations --------------------------------------------------------------------------- */
/* Each takes the markup as `size` bytes of UTF-8 (no NUL needed; `markup` may be NULL when size
 * is 0) and always sets *result: to a result the caller frees, or to NULL when none could be
 * made (DOTLABEL_OUT_OF_MEMORY, or `result` itself NULL). */

typedef struct dotlabel_check_options {
  size_t struct_size;    /* sizeof(dotlabel_check_options) */
  const char* file_name; /* in diagnostics; NULL: "<string>" */
} dotlabel_check_options;

/* Validates the markup: the diagnostics `dotlabel check` gives. DOTLABEL_INPUT_ERROR when
 * there is an error among them. Does not render, so it needs no renderer. */
DOTLABEL_C_API dotlabel_status dotlabel_check(const char* markup, size_t size,
                                              const dotlabel_check_options* options,
                                              dotlabel_result** result);

typedef enum dotlabel_format {
  DOTLABEL_FORMAT_PNG = 0,       /* 1-bit greyscale PNG at 203 dpi, as `dotlabel render` */
  DOTLABEL_FORMAT_PBM = 1,       /* binary PBM (P4) */
  DOTLABEL_FORMAT_SVG = 2,       /* SVG text, dots as merged rectangles */
  DOTLABEL_FORMAT_PNG_BASE64 = 3 /* the PNG in base64, as `dotlabel base64` (printImage) */
} dotlabel_format;

typedef struct dotlabel_render_options {
  size_t struct_size;    /* sizeof(dotlabel_render_options) */
  const char* file_name; /* in diagnostics; NULL: "<string>" */
  dotlabel_format format;
  int as_fed;          /* non-zero: apply LABEL d (d=0 turns the label 180 degrees) */
  const uint8_t* logo; /* image (PNG/JPEG/BMP) printed for a <BMP/> without content */
  size_t logo_size;
} dotlabel_render_options;

/* Renders every label, in id order, one output each. Any error diagnostic (from the markup or
 * from drawing) makes it DOTLABEL_INPUT_ERROR with no output at all. */
DOTLABEL_C_API dotlabel_status dotlabel_render(const dotlabel_renderer* renderer,
                                               const char* markup, size_t size,
                                               const dotlabel_render_options* options,
                                               dotlabel_result** result);

typedef enum dotlabel_mstching_mode {
  DOTLABEL_MSTCHING_ITEMS = 0, /* each element as a text/barcode/QR/image item */
  DOTLABEL_MSTCHING_IMAGE = 1  /* one picture per printed label */
} dotlabel_mstching_mode;

typedef struct dotlabel_mstching_options {
  size_t struct_size;    /* sizeof(dotlabel_mstching_options) */
  const char* file_name; /* in diagnostics; NULL: "<string>" */
  dotlabel_mstching_mode mode;
  int paper_width;     /* dots, 1..4096; 0: 384 (48 mm) */
  int as_fed;          /* image mode: apply LABEL d */
  const uint8_t* logo; /* image printed for a <BMP/> without content */
  size_t logo_size;
} dotlabel_mstching_options;

/* The Mstching PrintContent JSON array, as `dotlabel mstching` prints it (without its final
 * newline), as the one output. */
DOTLABEL_C_API dotlabel_status dotlabel_mstching(const dotlabel_renderer* renderer,
                                                 const char* markup, size_t size,
                                                 const dotlabel_mstching_options* options,
                                                 dotlabel_result** result);

typedef enum dotlabel_printer_language {
  DOTLABEL_PRINTER_TSPL = 0,  /* label printers (TSC, Xprinter, ...): a TSPL program */
  DOTLABEL_PRINTER_ESCPOS = 1 /* receipt printers: an ESC/POS job of raster images */
} dotlabel_printer_language;

typedef enum dotlabel_tspl_mode {
  DOTLABEL_TSPL_RASTER = 0, /* each label as BITMAP commands of exactly the preview's dots */
  DOTLABEL_TSPL_NATIVE = 1  /* the printer's own TEXT, BARCODE, QRCODE, BOX and BAR commands */
} dotlabel_tspl_mode;

typedef struct dotlabel_printer_options {
  size_t struct_size;    /* sizeof(dotlabel_printer_options) */
  const char* file_name; /* in diagnostics; NULL: "<string>" */
  dotlabel_printer_language language;
  dotlabel_tspl_mode tspl_mode; /* TSPL only */
  int paper_width;              /* ESC/POS only: dots, 0..4096; 0: no limit (the label's width) */
  int scale_to_paper;  /* ESC/POS only: non-zero scales a label wider than the paper down */
  const uint8_t* logo; /* image printed for a <BMP/> without content */
  size_t logo_size;
} dotlabel_printer_options;

/* The print job of every label, in id order, as `dotlabel tspl` or `dotlabel escpos` writes it
 * (docs/printing.md), as the one output: bytes to send to the printer over USB, a serial line
 * or TCP port 9100. Any error diagnostic makes it DOTLABEL_INPUT_ERROR with no output. */
DOTLABEL_C_API dotlabel_status dotlabel_printer_job(const dotlabel_renderer* renderer,
                                                    const char* markup, size_t size,
                                                    const dotlabel_printer_options* options,
                                                    dotlabel_result** result);

#ifdef __cplusplus
}
#endif

#endif /* DOTLABEL_DOTLABEL_H */
