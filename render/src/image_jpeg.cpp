// JPEG images of BMP elements, through libjpeg-turbo, to 8-bit luminance (image_formats.hpp).
#include "image_formats.hpp"

// jpeglib.h needs FILE and size_t declared before it.
#include <cstdio>
#include <cstring>

#include <jpeglib.h>

#include <csetjmp>

#include <jerror.h>

namespace dotlabel::render {
namespace {

// Same discipline as PNG: libjpeg's error_exit longjmps back into jpeg_decode, whose frame
// holds no C++ objects.

// A progressive JPEG may have any number of scans, each a pass over the whole image: a few
// kilobytes can cost minutes. Real encoders write about 10; more than this is refused.
constexpr int kMaxJpegScans = 100;

struct JpegErrors {
  jpeg_error_mgr manager;  // first: libjpeg sees a jpeg_error_mgr*
  jpeg_progress_mgr progress;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = {};
  char warning[JMSG_LENGTH_MAX] = {};
};

[[noreturn]] void jpeg_fail(j_common_ptr cinfo) {
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, errors->message);
  std::longjmp(errors->jump, 1);
}

void jpeg_note(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace output
  // A truncated file is "repaired" by libjpeg with grey rows: for us it is an error.
  if (cinfo->err->msg_code == JWRN_JPEG_EOF) jpeg_fail(cinfo);
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  if (errors->warning[0] == '\0') (*cinfo->err->format_message)(cinfo, errors->warning);
}

void jpeg_progress(j_common_ptr cinfo) {
  if (!cinfo->is_decompressor) return;
  if (reinterpret_cast<j_decompress_ptr>(cinfo)->input_scan_number <= kMaxJpegScans) return;
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  std::snprintf(errors->message, sizeof errors->message,
                "more than %d progressive scans (a decoding-time bomb)", kMaxJpegScans);
  std::longjmp(errors->jump, 1);
}

bool jpeg_decode(jpeg_decompress_struct* cinfo, JpegErrors* errors,
                 std::span<const std::uint8_t> data, std::int64_t max_pixels, GrayImage* out,
                 std::vector<std::uint8_t>* row) {
  if (setjmp(errors->jump)) return false;
  jpeg_create_decompress(cinfo);
  cinfo->progress = &errors->progress;  // after create, which clears everything but err
  jpeg_mem_src(cinfo, data.data(), static_cast<unsigned long>(data.size()));
  jpeg_read_header(cinfo, TRUE);
  const std::int64_t w = cinfo->image_width, h = cinfo->image_height;
  if (w * h > max_pixels) {
    out->too_large = true;
    std::snprintf(errors->message, sizeof errors->message, "%s",
                  too_large_message(w, h, max_pixels).c_str());
    return false;
  }
  // libjpeg gives CMYK only as CMYK; everything else it reduces to Y itself.
  const bool cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
  cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_GRAYSCALE;
  jpeg_start_decompress(cinfo);
  out->width = static_cast<int>(cinfo->output_width);
  out->height = static_cast<int>(cinfo->output_height);
  out->luma.resize(static_cast<std::size_t>(w * h));
  row->resize(static_cast<std::size_t>(cinfo->output_width) * cinfo->output_components);
  while (cinfo->output_scanline < cinfo->output_height) {
    const std::int64_t y = cinfo->output_scanline;
    JSAMPROW samples = row->data();
    jpeg_read_scanlines(cinfo, &samples, 1);
    std::uint8_t* dst = out->luma.data() + y * w;
    if (!cmyk) {
      std::memcpy(dst, row->data(), static_cast<std::size_t>(w));
      continue;
    }
    // CMYK JPEGs come from Adobe software, which stores the channels inverted (255 = no ink).
    for (std::int64_t x = 0; x < w; ++x) {
      const std::uint8_t* p = row->data() + x * 4;
      dst[x] = luminance(p[0] * p[3] / 255, p[1] * p[3] / 255, p[2] * p[3] / 255);
    }
  }
  // No jpeg_finish_decompress: all rows are read, and a missing EOI after them is harmless.
  return true;
}

}  // namespace

GrayImage decode_jpeg(std::span<const std::uint8_t> data, std::int64_t max_pixels) {
  GrayImage out;
  out.format = "JPEG";
  jpeg_decompress_struct cinfo{};  // zeroed: jpeg_destroy_decompress is a no-op before create
  JpegErrors errors{};
  cinfo.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = jpeg_fail;
  errors.manager.emit_message = jpeg_note;
  errors.progress.progress_monitor = jpeg_progress;
  std::vector<std::uint8_t> row;
  const bool ok = jpeg_decode(&cinfo, &errors, data, max_pixels, &out, &row);
  jpeg_destroy_decompress(&cinfo);
  if (!ok) {
    out.luma.clear();
    out.width = out.height = 0;
    out.error = errors.message;
  } else if (errors.warning[0] != '\0') {
    out.warning = errors.warning;
  }
  return out;
}

}  // namespace dotlabel::render
