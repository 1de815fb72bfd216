<?php
// Renders every label of a markup file to PNG files through dotlabel's C API with PHP's FFI
// extension (php-cli; FFI is allowed on the command line):
//   php render_label.php LABEL.xml OUT.png
// The library is libdotlabel.so.0 from the loader's path, or $DOTLABEL_LIBRARY.

// The part of dotlabel/dotlabel.h this program uses (PHP's FFI reads no preprocessor lines).
const DOTLABEL_CDEF = <<<'C'
typedef enum dotlabel_status {
  DOTLABEL_OK = 0, DOTLABEL_INPUT_ERROR = 1, DOTLABEL_INVALID_ARGUMENT = 2,
  DOTLABEL_OUT_OF_MEMORY = 3, DOTLABEL_RENDERER_ERROR = 4, DOTLABEL_INTERNAL_ERROR = 5
} dotlabel_status;
typedef enum dotlabel_severity {
  DOTLABEL_SEVERITY_NOTE = 0, DOTLABEL_SEVERITY_WARNING = 1, DOTLABEL_SEVERITY_ERROR = 2
} dotlabel_severity;
typedef enum dotlabel_format {
  DOTLABEL_FORMAT_PNG = 0, DOTLABEL_FORMAT_PBM = 1, DOTLABEL_FORMAT_SVG = 2,
  DOTLABEL_FORMAT_PNG_BASE64 = 3
} dotlabel_format;
typedef struct dotlabel_result dotlabel_result;
typedef struct dotlabel_renderer dotlabel_renderer;
typedef struct dotlabel_diagnostic {
  const char* file; int line; int column; dotlabel_severity severity;
  const char* code; const char* message; const char* hint;
} dotlabel_diagnostic;
typedef struct dotlabel_render_options {
  size_t struct_size; const char* file_name; dotlabel_format format; int as_fed;
  const uint8_t* logo; size_t logo_size;
} dotlabel_render_options;
const char* dotlabel_version(void);
const char* dotlabel_status_string(dotlabel_status status);
const char* dotlabel_result_message(const dotlabel_result* result);
size_t dotlabel_result_diagnostic_count(const dotlabel_result* result);
const dotlabel_diagnostic* dotlabel_result_diagnostic(const dotlabel_result* result, size_t index);
size_t dotlabel_result_output_count(const dotlabel_result* result);
const uint8_t* dotlabel_result_output(const dotlabel_result* result, size_t index, size_t* size);
int64_t dotlabel_result_output_label_id(const dotlabel_result* result, size_t index);
void dotlabel_result_free(dotlabel_result* result);
dotlabel_status dotlabel_render(const dotlabel_renderer* renderer, const char* markup, size_t size,
                                const dotlabel_render_options* options, dotlabel_result** result);
C;

if ($argc !== 3) {
    fwrite(STDERR, "usage: php render_label.php LABEL.xml OUT.png\n");
    exit(2);
}
[, $input, $output] = $argv;
$markup = file_get_contents($input);
if ($markup === false) {
    exit(2);
}

$dotlabel = FFI::cdef(DOTLABEL_CDEF, getenv('DOTLABEL_LIBRARY') ?: 'libdotlabel.so.0');

$options = $dotlabel->new('dotlabel_render_options');  // zeroed: every field its default
$options->struct_size = FFI::sizeof($options);
$name = $dotlabel->new('char[' . (strlen($input) + 1) . ']', false);  // freed below
FFI::memcpy($name, $input . "\0", strlen($input) + 1);
$options->file_name = FFI::cast('const char*', FFI::addr($name[0]));
$options->format = $dotlabel->DOTLABEL_FORMAT_PNG;

$result = $dotlabel->new('dotlabel_result*');
$status = $dotlabel->dotlabel_render(null, $markup, strlen($markup), FFI::addr($options),
                                     FFI::addr($result));
FFI::free($name);

$severities = ['note', 'warning', 'error'];
for ($i = 0; $i < $dotlabel->dotlabel_result_diagnostic_count($result); $i++) {
    $d = $dotlabel->dotlabel_result_diagnostic($result, $i);
    fprintf(STDERR, "%s:%d:%d: %s: %s [%s]\n", FFI::string($d->file), $d->line, $d->column,
            $severities[$d->severity], FFI::string($d->message), FFI::string($d->code));
}
$failed = 0;
if ($status !== $dotlabel->DOTLABEL_OK) {
    fprintf(STDERR, "%s: %s\n", $dotlabel->dotlabel_status_string($status),
            $dotlabel->dotlabel_result_message($result));
    $failed = 1;
} else {
    $count = $dotlabel->dotlabel_result_output_count($result);
    for ($i = 0; $i < $count; $i++) {
        $size = $dotlabel->new('size_t');
        $bytes = $dotlabel->dotlabel_result_output($result, $i, FFI::addr($size));
        $png = FFI::string($bytes, $size->cdata);  // a PHP string: a copy
        $path = $output;
        if ($count > 1) {  // OUT-<id>.png, as `dotlabel render` names them
            $id = $dotlabel->dotlabel_result_output_label_id($result, $i);
            $path = preg_replace('/(\.[^.\/]*)?$/', "-$id\$1", $output, 1);
        }
        if (file_put_contents($path, $png) === false) {
            $failed = 1;
        }
    }
}
$dotlabel->dotlabel_result_free($result);  // every pointer read from it dies here
exit($failed);
