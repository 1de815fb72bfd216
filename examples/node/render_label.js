// Renders every label of a markup file to PNG files through dotlabel's C API with koffi, an
// FFI module whose binaries come inside its npm package (package-lock.json pins it):
//   npm ci && node render_label.js LABEL.xml OUT.png
// The library is libdotlabel.so.0 from the loader's path, or $DOTLABEL_LIBRARY.
'use strict';
const fs = require('fs');
const path = require('path');
const koffi = require('koffi');

// deep (RTLD_DEEPBIND): node exports a zlib of its own, which would otherwise stand in for the
// one libpng links, and compress the same pixels into other PNG bytes.
const lib = koffi.load(process.env.DOTLABEL_LIBRARY || 'libdotlabel.so.0', {deep: true});

// The part of dotlabel/dotlabel.h this program uses.
koffi.opaque('dotlabel_result');
const Diagnostic = koffi.struct('dotlabel_diagnostic', {
  file: 'const char *',
  line: 'int',
  column: 'int',
  severity: 'int',
  code: 'const char *',
  message: 'const char *',
  hint: 'const char *',
});
const RenderOptions = koffi.struct('dotlabel_render_options', {
  struct_size: 'size_t',
  file_name: 'const char *',
  format: 'int',
  as_fed: 'int',
  logo: 'const uint8_t *',
  logo_size: 'size_t',
});
const DOTLABEL_OK = 0;
const DOTLABEL_FORMAT_PNG = 0;
const SEVERITIES = ['note', 'warning', 'error'];

const render = lib.func('int dotlabel_render(const void *renderer, const uint8_t *markup, ' +
                        'size_t size, const dotlabel_render_options *options, ' +
                        '_Out_ dotlabel_result **result)');
const statusString = lib.func('const char *dotlabel_status_string(int status)');
const resultMessage = lib.func('const char *dotlabel_result_message(const dotlabel_result *r)');
const diagnosticCount = lib.func('size_t dotlabel_result_diagnostic_count(const dotlabel_result *r)');
const diagnosticAt = lib.func(
    'const dotlabel_diagnostic *dotlabel_result_diagnostic(const dotlabel_result *r, size_t i)');
const outputCount = lib.func('size_t dotlabel_result_output_count(const dotlabel_result *r)');
const outputAt = lib.func('const uint8_t *dotlabel_result_output(const dotlabel_result *r, ' +
                          'size_t i, _Out_ size_t *size)');
const outputLabelId = lib.func(
    'int64_t dotlabel_result_output_label_id(const dotlabel_result *r, size_t i)');
const resultFree = lib.func('void dotlabel_result_free(dotlabel_result *r)');

// Every label's PNG in id order ({labelId, png}), and the diagnostics; throws on an error,
// with the diagnostics in error.diagnostics.
function renderPngs(markup, fileName) {
  const options = {
    struct_size: koffi.sizeof(RenderOptions),
    file_name: fileName,
    format: DOTLABEL_FORMAT_PNG,
    as_fed: 0,
    logo: null,
    logo_size: 0,
  };
  const out = [null];
  // A null renderer: the library's shared one.
  const status = render(null, markup, markup.length, options, out);
  const result = out[0];
  try {
    const diagnostics = [];
    for (let i = 0; i < diagnosticCount(result); i++) {
      const d = koffi.decode(diagnosticAt(result, i), Diagnostic);
      diagnostics.push({...d, severity: SEVERITIES[d.severity]});
    }
    if (status !== DOTLABEL_OK) {
      const error = new Error(`dotlabel: ${statusString(status)}: ${resultMessage(result)}`);
      error.diagnostics = diagnostics;
      throw error;
    }
    const images = [];
    for (let i = 0; i < outputCount(result); i++) {
      const size = [0];
      const bytes = outputAt(result, i, size);
      // A copy: the result's memory dies with it below.
      const png = Buffer.from(koffi.view(bytes, Number(size[0])).slice(0));
      images.push({labelId: Number(outputLabelId(result, i)), png});
    }
    return {images, diagnostics};
  } finally {
    resultFree(result);
  }
}

function main() {
  if (process.argv.length !== 4) {
    console.error('usage: node render_label.js LABEL.xml OUT.png');
    process.exit(2);
  }
  const [input, output] = process.argv.slice(2);
  let rendered;
  try {
    rendered = renderPngs(fs.readFileSync(input), input);
  } catch (error) {
    for (const d of error.diagnostics || [])
      console.error(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
    console.error(error.message);
    process.exit(1);
  }
  for (const d of rendered.diagnostics)
    console.error(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
  for (const {labelId, png} of rendered.images) {
    let file = output;
    if (rendered.images.length > 1) {  // OUT-<id>.png, as `dotlabel render` names them
      const ext = path.extname(output);
      file = output.slice(0, output.length - ext.length) + `-${labelId}${ext}`;
    }
    fs.writeFileSync(file, png);
  }
}

main();
