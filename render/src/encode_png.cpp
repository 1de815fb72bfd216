// PNG: greyscale 1 bit per dot (0 = black, as PNG greys go) with a 203-dpi pHYs chunk.
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <csetjmp>
#include <cstring>
#include <iterator>

#include "dotlabel/encode.hpp"

namespace dotlabel {
namespace {

constexpr std::uint32_t kDotsPerMetre = 7992;  // 203 dpi = 8 dots/mm, as the printer's head
// Speed first: many labels per second get encoded. Measured on the 800 x 480 reference label
// (docs/performance.md): no filter at zlib level 1. Level 6 takes ~3.5x as long for a file
// ~30% smaller, level 9 ~14x; filters (sub/up/paeth/adaptive) only cost time on 1-bit rows;
// Z_RLE is faster still but its files are 2.4x larger (and base64 grows with them).
constexpr int kPngZlibLevel = 1;

struct Reader {
  std::span<const std::uint8_t> bytes;
  std::size_t at = 0;
};

void read_bytes(png_structp png, png_bytep data, png_size_t length) {
  auto* reader = static_cast<Reader*>(png_get_io_ptr(png));
  if (length > reader->bytes.size() - reader->at) png_error(png, "truncated PNG");
  std::memcpy(data, reader->bytes.data() + reader->at, length);
  reader->at += length;
}

// libpng reports errors by longjmp; keep its messages off stderr, the callers report.
void quiet_error(png_structp png, png_const_charp) {
  png_longjmp(png, 1);
}
void quiet_warning(png_structp, png_const_charp) {}

}  // namespace

// The PNG is written here rather than through libpng's writer: one zlib stream per thread,
// reset for each image (libpng allocates and clears ~270 KB of deflate state per image, which
// cost more page faults than the compression itself), the whole image deflated in one call
// into one IDAT, and the zlib checksum computed here, where the white runs that make up most
// of a label are a closed formula instead of a byte loop.
namespace {

constexpr std::uint32_t kAdlerBase = 65521;

// Adler-32 of `n` bytes of value `b` appended to the running sums (a, s).
void adler_run(std::uint32_t& a, std::uint32_t& s, std::uint32_t b, std::uint64_t n) {
  std::uint64_t sum = s + (n % kAdlerBase) * a + b * ((n * (n + 1) / 2) % kAdlerBase);
  a = static_cast<std::uint32_t>((a + (n % kAdlerBase) * b) % kAdlerBase);
  s = static_cast<std::uint32_t>(sum % kAdlerBase);
}

// Adler-32 of `n` more bytes: each run of white (0xFF) 8-byte words in closed form, the rest
// byte by byte. A label row is mostly white between a few inked bytes (a border, text), so
// this touches a few words per row instead of every byte.
void adler_row(std::uint32_t& a, std::uint32_t& s, const std::uint8_t* p, std::size_t n) {
  std::size_t i = 0, since_reduce = 0;
  while (i < n) {
    std::size_t j = i;
    for (std::uint64_t word; j + 8 <= n; j += 8) {
      std::memcpy(&word, p + j, 8);
      if (word != ~std::uint64_t{0}) break;
    }
    if (j > i) {  // adler_run leaves a and s reduced
      adler_run(a, s, 0xFF, j - i);
      since_reduce = 0;
      i = j;
      continue;
    }
    for (std::size_t end = std::min(n, i + 8); i < end; ++i, ++since_reduce) {
      a += p[i];
      s += a;
    }
    if (since_reduce >= 5552 - 8) {  // zlib's NMAX: no 32-bit overflow before reducing
      a %= kAdlerBase;
      s %= kAdlerBase;
      since_reduce = 0;
    }
  }
  a %= kAdlerBase;
  s %= kAdlerBase;
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 24));
  out.push_back(static_cast<std::uint8_t>(v >> 16));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

// Length, type and data must already be in `out` from `start`; appends the CRC of type+data.
void finish_chunk(std::vector<std::uint8_t>& out, std::size_t start) {
  std::uint32_t length = static_cast<std::uint32_t>(out.size() - start - 8);
  out[start] = static_cast<std::uint8_t>(length >> 24);
  out[start + 1] = static_cast<std::uint8_t>(length >> 16);
  out[start + 2] = static_cast<std::uint8_t>(length >> 8);
  out[start + 3] = static_cast<std::uint8_t>(length);
  put32(out, static_cast<std::uint32_t>(crc32(0, out.data() + start + 4, length + 4)));
}

std::size_t begin_chunk(std::vector<std::uint8_t>& out, const char (&type)[5]) {
  std::size_t start = out.size();
  put32(out, 0);
  out.insert(out.end(), type, type + 4);
  return start;
}

// Per-thread deflate state, kept across images: deflateReset() reuses its buffers.
struct Deflater {
  z_stream stream{};
  bool ready = false;
  std::vector<std::uint8_t> raw;  // the filtered image: per row, filter byte 0 + inverted row
  std::vector<std::uint8_t> compressed;  // deflate's output, before it is copied into the PNG
  // Buffers this large are not kept for the next image (a thread lives on in a server).
  static constexpr std::size_t kKeep = 4u << 20;
  void trim() {
    if (raw.capacity() > kKeep) std::vector<std::uint8_t>().swap(raw);
    if (compressed.capacity() > kKeep) std::vector<std::uint8_t>().swap(compressed);
  }
  Deflater() {
    // Raw deflate: the zlib header and Adler-32 are written by encode_png.
    ready = deflateInit2(&stream, kPngZlibLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ready) deflateEnd(&stream);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
};

}  // namespace

std::vector<std::uint8_t> encode_png(const Bitmap& bitmap) {
  thread_local Deflater deflater;
  if (!deflater.ready) return {};
  const std::size_t stride = static_cast<std::size_t>(bitmap.stride());
  const std::size_t height = static_cast<std::size_t>(bitmap.height());
  const std::size_t row_bytes = stride + 1;

  // Filter type 0 (none) on every row, PNG grey 1 = white: the inverted dots. The Adler-32 of
  // the filtered data goes along, row by row.
  std::vector<std::uint8_t>& raw = deflater.raw;
  raw.resize(row_bytes * height);
  std::uint32_t a = 1, s = 0;
  for (std::size_t y = 0; y < height; ++y) {
    const std::uint8_t* src = bitmap.row(static_cast<int>(y));
    std::uint8_t* dst = raw.data() + y * row_bytes;
    dst[0] = 0;
    // Eight dots' bytes at a time (the byte loop is not vectorised at -O2).
    std::size_t i = 0;
    for (std::uint64_t word; i + 8 <= stride; i += 8) {
      std::memcpy(&word, src + i, 8);
      word = ~word;
      std::memcpy(dst + 1 + i, &word, 8);
    }
    for (; i < stride; ++i) dst[i + 1] = static_cast<std::uint8_t>(~src[i]);
    adler_row(a, s, dst, row_bytes);
  }

  // Deflated into the thread's buffer (deflateBound is the size of the whole image), then
  // copied: the PNG itself is allocated once at its final size.
  z_stream& z = deflater.stream;
  if (deflateReset(&z) != Z_OK) return {};
  std::vector<std::uint8_t>& compressed = deflater.compressed;
  compressed.resize(deflateBound(&z, static_cast<uLong>(raw.size())));
  z.next_in = raw.data();
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = compressed.data();
  z.avail_out = static_cast<uInt>(compressed.size());
  bool deflated = deflate(&z, Z_FINISH) == Z_STREAM_END;
  const std::size_t deflated_size = z.total_out;
  if (!deflated) {
    deflater.trim();
    return {};
  }

  std::vector<std::uint8_t> out;
  out.reserve(8 + 25 + 21 + 12 + 2 + deflated_size + 4 + 12);

  static constexpr std::uint8_t kSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  out.insert(out.end(), std::begin(kSignature), std::end(kSignature));

  std::size_t chunk = begin_chunk(out, "IHDR");
  put32(out, static_cast<std::uint32_t>(bitmap.width()));
  put32(out, static_cast<std::uint32_t>(bitmap.height()));
  out.insert(out.end(), {1, 0, 0, 0, 0});  // 1 bit, grey, deflate, adaptive filters, no interlace
  finish_chunk(out, chunk);

  chunk = begin_chunk(out, "pHYs");
  put32(out, kDotsPerMetre);
  put32(out, kDotsPerMetre);
  out.push_back(1);  // unit: metre
  finish_chunk(out, chunk);

  chunk = begin_chunk(out, "IDAT");
  out.push_back(0x78);  // deflate, 32 KB window
  out.push_back(0x01);  // fastest compression, no preset dictionary (0x7801 % 31 == 0)
  out.insert(out.end(), compressed.begin(),
             compressed.begin() + static_cast<std::ptrdiff_t>(deflated_size));
  put32(out, s << 16 | a);
  finish_chunk(out, chunk);

  chunk = begin_chunk(out, "IEND");
  finish_chunk(out, chunk);
  deflater.trim();
  return out;
}

std::optional<Bitmap> decode_png(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  if (bytes.size() < 8 || png_sig_cmp(bytes.data(), 0, 8) != 0) return std::nullopt;
  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, quiet_error, quiet_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return std::nullopt;
  }
  Reader reader{bytes};
  // Declared before setjmp so that a longjmp out of libpng skips no destructor.
  Bitmap bitmap;
  std::vector<png_byte> row, image;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return std::nullopt;
  }
  png_set_read_fn(png, &reader, read_bytes);
  png_read_info(png, info);
  png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
  if (static_cast<std::int64_t>(width) * height > max_pixels || width > 0x7FFFFFFF / 8 ||
      height > 0x7FFFFFFF)
    png_error(png, "too large");
  // Every colour type becomes 8-bit RGBA, one layout for the thresholding below.
  png_set_expand(png);  // palette -> RGB, low-bit grey -> 8 bits, tRNS -> alpha
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_filler(png, 0xFF, PNG_FILLER_AFTER);  // alpha where there is none
  int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  row.resize(png_get_rowbytes(png, info));
  bitmap = Bitmap(static_cast<int>(width), static_cast<int>(height));
  // Interlaced images need every pass over the same rows; only then is a row final.
  if (passes > 1) image.resize(row.size() * height);
  for (int pass = 0; pass < passes; ++pass) {
    for (png_uint_32 y = 0; y < height; ++y) {
      png_bytep target = passes > 1 ? image.data() + row.size() * y : row.data();
      png_read_row(png, target, nullptr);
      if (pass + 1 < passes) continue;
      for (png_uint_32 x = 0; x < width; ++x) {
        const png_byte* p = target + 4 * x;
        // Luminance (Rec. 601) over white; below half = black.
        unsigned lum = (299u * p[0] + 587u * p[1] + 114u * p[2]) / 1000u;
        unsigned over_white = (lum * p[3] + 255u * (255u - p[3])) / 255u;
        if (over_white < 128) bitmap.set(static_cast<int>(x), static_cast<int>(y), true);
      }
    }
  }
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return bitmap;
}

}  // namespace dotlabel
