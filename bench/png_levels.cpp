// How the PNG encoder was chosen (render/src/encode_png.cpp, png_deflate.cpp): every golden
// image (golden/**/*.png) decoded, then re-encoded by libpng as the encoder was at first (zlib
// level 1, no filter), by dotlabel's encode_png, and by libdeflate at each level with each
// filter. Prints, per candidate, the total size, the time of one pass over all goldens (best of
// REPEAT passes), and how many goldens came out larger than libpng's encoding of them.
//
//   build/bin/dotlabel_png_levels [golden dir] [repeat] [first level] [last level]
//   PER_DIR=1 ... adds the sizes per golden folder; LIST_LARGER=1 names each golden larger than
//   libpng's (no filter).
#include <libdeflate.h>
#include <png.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "dotlabel/encode.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes libpng_level1(const dotlabel::Bitmap& bitmap) {
  Bytes out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t n) {
        auto* o = static_cast<Bytes*>(png_get_io_ptr(p));
        o->insert(o->end(), data, data + n);
      },
      [](png_structp) {});
  png_set_IHDR(png, info, static_cast<png_uint_32>(bitmap.width()),
               static_cast<png_uint_32>(bitmap.height()), 1, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_pHYs(png, info, 7992, 7992, PNG_RESOLUTION_METER);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level(png, 1);
  png_write_info(png, info);
  std::vector<png_byte> row(static_cast<std::size_t>(bitmap.stride()));
  for (int y = 0; y < bitmap.height(); ++y) {
    for (std::size_t i = 0; i < row.size(); ++i) row[i] = static_cast<png_byte>(~bitmap.row(y)[i]);
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

// Filters as PNG defines them, on bytes (1-bit grey: the "pixel" to the left is the byte to the
// left). 5 = per row, the filter with the smallest sum of bytes as signed (libpng's heuristic).
enum Filter { kNone, kSub, kUp, kAverage, kPaeth, kAdaptive };
const char* const kFilterNames[] = {"none", "sub", "up", "average", "paeth", "adaptive"};

std::uint8_t paeth(int a, int b, int c) {
  int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return static_cast<std::uint8_t>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

void filter_row(int type, const std::uint8_t* row, const std::uint8_t* prev, std::size_t n,
                std::uint8_t* out) {
  if (type == kNone) return void(std::memcpy(out, row, n));
  for (std::size_t i = 0; i < n; ++i) {
    int a = i ? row[i - 1] : 0, b = prev[i], c = i ? prev[i - 1] : 0;
    int predictor = type == kSub       ? a
                    : type == kUp      ? b
                    : type == kAverage ? (a + b) / 2
                    : type == kPaeth   ? paeth(a, b, c)
                                       : 0;
    out[i] = static_cast<std::uint8_t>(row[i] - predictor);
  }
}

Bytes filtered(const dotlabel::Bitmap& bitmap, int filter) {
  std::size_t n = static_cast<std::size_t>(bitmap.stride());
  Bytes out((n + 1) * static_cast<std::size_t>(bitmap.height()));
  std::vector<std::uint8_t> prev(n, 0), row(n), trial(n);
  for (int y = 0; y < bitmap.height(); ++y) {
    for (std::size_t i = 0; i < n; ++i) row[i] = static_cast<std::uint8_t>(~bitmap.row(y)[i]);
    std::uint8_t* dst = out.data() + (n + 1) * static_cast<std::size_t>(y);
    int type = filter;
    if (filter == kAdaptive) {
      long best = -1;
      for (int t = kNone; t <= kPaeth; ++t) {
        filter_row(t, row.data(), prev.data(), n, trial.data());
        long sum = 0;
        for (std::uint8_t v : trial) sum += std::abs(static_cast<std::int8_t>(v));
        if (best < 0 || sum < best) {
          best = sum;
          type = t;
        }
      }
    }
    dst[0] = static_cast<std::uint8_t>(type);
    filter_row(type, row.data(), prev.data(), n, dst + 1);
    prev = row;
  }
  return out;
}

void chunk(Bytes& out, const char* type, const std::uint8_t* data, std::size_t n) {
  std::uint8_t head[8] = {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                          static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
  std::memcpy(head + 4, type, 4);
  out.insert(out.end(), head, head + 8);
  out.insert(out.end(), data, data + n);
  std::uint32_t crc = libdeflate_crc32(libdeflate_crc32(0, head + 4, 4), data, n);
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(crc >> s));
}

// Only the IDAT matters to the comparison; the rest is the same 57 bytes as libpng writes.
Bytes deflate_png(const dotlabel::Bitmap& bitmap, libdeflate_compressor* compressor, int filter) {
  Bytes raw = filtered(bitmap, filter);
  Bytes z(libdeflate_zlib_compress_bound(compressor, raw.size()));
  z.resize(libdeflate_zlib_compress(compressor, raw.data(), raw.size(), z.data(), z.size()));
  Bytes out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::uint8_t ihdr[13] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    ihdr[i] = static_cast<std::uint8_t>(bitmap.width() >> (24 - 8 * i));
    ihdr[4 + i] = static_cast<std::uint8_t>(bitmap.height() >> (24 - 8 * i));
  }
  chunk(out, "IHDR", ihdr, 13);
  const std::uint8_t phys[9] = {0, 0, 0x1F, 0x38, 0, 0, 0x1F, 0x38, 1};
  chunk(out, "pHYs", phys, 9);
  chunk(out, "IDAT", z.data(), z.size());
  chunk(out, "IEND", nullptr, 0);
  return out;
}

template <typename F>
double best_seconds(int repeat, F&& pass) {
  double best = 1e9;
  for (int r = 0; r < repeat; ++r) {
    auto start = std::chrono::steady_clock::now();
    pass();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path root = argc > 1 ? argv[1] : DOTLABEL_SOURCE_DIR "/golden";
  int repeat = argc > 2 ? std::atoi(argv[2]) : 5;
  int first = argc > 3 ? std::atoi(argv[3]) : 1, last = argc > 4 ? std::atoi(argv[4]) : 12;
  struct Golden {
    std::filesystem::path path;
    std::size_t file_size;
    dotlabel::Bitmap bitmap;
    std::size_t libpng_size;
  };
  std::vector<Golden> goldens;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.path().extension() == ".png" &&
        entry.path().string().find(".diff.") == std::string::npos)
      paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::size_t same_bytes = 0;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto bitmap = dotlabel::decode_png(bytes);
    if (!bitmap) {
      std::fprintf(stderr, "%s: not decodable\n", path.c_str());
      return 1;
    }
    Bytes old = libpng_level1(*bitmap);
    same_bytes += old == bytes;
    goldens.push_back({path, bytes.size(), *bitmap, old.size()});
  }
  std::size_t files = 0, libpng_total = 0;
  for (const auto& g : goldens) files += g.file_size, libpng_total += g.libpng_size;
  std::printf(
      "%zu goldens, %zu bytes as files; libpng level 1 re-encodes %zu of them byte for "
      "byte, %zu bytes in all\n",
      goldens.size(), files, same_bytes, libpng_total);
  double libpng_time = best_seconds(repeat, [&] {
    for (const auto& g : goldens) libpng_level1(g.bitmap);
  });
  std::printf("%-22s %9zu bytes %8.2f ms\n", "libpng 1 none", libpng_total, libpng_time * 1e3);
  {
    // dotlabel's encoder (render/src/png_deflate.cpp): the two distances a label repeats at.
    std::size_t total = 0, larger = 0, larger_than_file = 0;
    for (const auto& g : goldens) {
      std::size_t size = dotlabel::encode_png(g.bitmap).size();
      total += size;
      larger += size > g.libpng_size;
      larger_than_file += size > g.file_size;
      if (size > g.libpng_size && std::getenv("LIST_LARGER"))
        std::printf("  dotlabel: %s %zu > %zu bytes\n", g.path.c_str(), size, g.libpng_size);
    }
    double seconds = best_seconds(repeat, [&] {
      for (const auto& g : goldens) dotlabel::encode_png(g.bitmap);
    });
    std::printf("%-22s %9zu bytes %8.2f ms  larger than libpng: %zu, than the file: %zu\n",
                "dotlabel encode_png", total, seconds * 1e3, larger, larger_than_file);
  }
  for (int level = first; level <= last; ++level) {
    libdeflate_compressor* compressor = libdeflate_alloc_compressor(level);
    for (int filter = kNone; filter <= kAdaptive; ++filter) {
      std::size_t total = 0, larger = 0;
      std::map<std::string, std::pair<std::size_t, std::size_t>> per_dir;
      for (const auto& g : goldens) {
        std::size_t size = deflate_png(g.bitmap, compressor, filter).size();
        total += size;
        larger += size > g.libpng_size;
        if (size > g.libpng_size && filter == kNone && std::getenv("LIST_LARGER"))
          std::printf("  level %d: %s %zu > %zu bytes\n", level, g.path.c_str(), size,
                      g.libpng_size);
        auto& dir = per_dir[g.path.parent_path().filename().string()];
        dir.first += g.libpng_size;
        dir.second += size;
      }
      double seconds = best_seconds(repeat, [&] {
        for (const auto& g : goldens) deflate_png(g.bitmap, compressor, filter);
      });
      std::printf("libdeflate %2d %-8s %9zu bytes %8.2f ms  larger than libpng: %zu", level,
                  kFilterNames[filter], total, seconds * 1e3, larger);
      if (std::getenv("PER_DIR"))
        for (const auto& [dir, sizes] : per_dir)
          std::printf("  %s %zu->%zu", dir.c_str(), sizes.first, sizes.second);
      std::printf("\n");
    }
    libdeflate_free_compressor(compressor);
  }
}
