// The printer fonts: FreeType, monochrome only, every character in a fixed cell (docs/fonts.md).
#include "fonts.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_DRIVER_H
#include FT_MODULE_H
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "dotlabel_font_manifest.hpp"
#include "draw.hpp"
#include "glyphs.hpp"
#include "utf8.hpp"

namespace dotlabel::render {
namespace {

struct FileSpec {
  std::string key;   // "terminus", ...
  std::string path;  // Debian path
  std::string package;
  std::string sha256;
  int face = 0;
};

// One way of drawing characters: a file at one size, into one cell.
struct VariantSpec {
  std::string file;
  int strike = -1;  // bitmap strike index, -1 = render the outline at `ppem`
  int ppem = 0;
  int cell_w = 0, cell_h = 0;  // final cell, dots
  int baseline = 0;            // cell rows above the baseline, final dots
  int scale = 1;               // render at cell/scale, then replicate pixels
};

struct FontSpec {
  int ascii = -1;  // variant index for U+0000..U+007F
  int wide = -1;   // variant index for the rest, -1 = blank ascii-width cell
};

// A font file mapped read-only: the hashed bytes are the bytes FreeType reads. Mapped, not
// read into memory: wqy-zenhei.ttc is 16 MB of which a label touches a few hundred KB, and
// only the pages touched count in the process's memory.
struct FileState {
  FileSpec spec;
  std::once_flag once;
  const FT_Byte* data = nullptr;
  std::size_t size = 0;
  Diagnostics errors;
  ~FileState() { unmap(); }
  void unmap() {
    if (data) munmap(const_cast<FT_Byte*>(data), size);
    data = nullptr;
    size = 0;
  }
};

struct VariantState {
  VariantSpec spec;
  FileState* file = nullptr;
  std::once_flag once;
  FT_Face face = nullptr;
  Diagnostics errors;  // the file's errors or the face's own
  Bitmap blank;        // the cell of a character the printer does not print
};

Diagnostic font_error(std::string_view code, std::string message, std::string hint) {
  Diagnostic d;
  d.severity = Severity::error;
  d.code = std::string(code);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

// Hashes the mapped file 1 MB at a time, dropping each part from this process's memory once
// hashed (the page cache keeps it; FreeType faults back in only what it reads).
std::string sha256_hex(const FT_Byte* data, std::size_t size) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return {};
  constexpr std::size_t kPart = 1 << 20;  // a multiple of the page size
  for (std::size_t at = 0; at < size; at += kPart) {
    std::size_t n = std::min(kPart, size - at);
    if (EVP_DigestUpdate(ctx.get(), data + at, n) != 1) return {};
    madvise(const_cast<FT_Byte*>(data) + at, n, MADV_DONTNEED);
  }
  if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

// Beyond Unicode, so never printable: a blank cell (U+FFFD would draw a glyph).
constexpr char32_t kInvalid = 0x110000;

// Pixel replication: each dot becomes an sx x sy block.
// Taken by value: at 1 x 1 (most text) the bitmap is moved through, not copied.
Bitmap magnify(Bitmap src, int sx, int sy) {
  if (sx == 1 && sy == 1) return src;
  Bitmap dst(src.width() * sx, src.height() * sy);
  if (dst.stride() == 0) return dst;  // no cells: rows without bytes
  // Each run of black dots in a source row becomes one run sx times as long, drawn once and
  // copied to the other sy - 1 rows.
  for (int y = 0; y < src.height(); ++y) {
    for (int x = 0; x < src.width();) {
      if (!src.get(x, y)) {
        ++x;
        continue;
      }
      int end = x + 1;
      while (end < src.width() && src.get(end, y)) ++end;
      dst.fill(x * sx, y * sy, (end - x) * sx, 1);
      x = end;
    }
    for (int k = 1; k < sy; ++k)
      std::memcpy(dst.row(y * sy + k), dst.row(y * sy), static_cast<std::size_t>(dst.stride()));
  }
  return dst;
}

// FreeType's allocator hooks: FT_New_Library wants one, and FT_New_Memory is not public.
void* ft_alloc(FT_Memory, long size) {
  return std::malloc(static_cast<std::size_t>(size));
}
void ft_free(FT_Memory, void* block) {
  std::free(block);
}
void* ft_realloc(FT_Memory, long, long size, void* block) {
  return std::realloc(block, static_cast<std::size_t>(size));
}

}  // namespace

struct FontSet::Impl {
  std::filesystem::path dir;  // empty = the Debian paths
  std::map<std::string, std::unique_ptr<FileState>> files;
  std::vector<std::unique_ptr<VariantState>> variants;
  FontSpec fonts[9];  // by printer font id 1..8

  FT_MemoryRec_ memory{nullptr, ft_alloc, ft_free, ft_realloc};
  std::once_flag library_once;
  FT_Library library = nullptr;
  std::mutex ft_mutex;  // FreeType objects are not thread-safe: one caller at a time

  std::shared_mutex cache_mutex;
  std::unordered_map<std::uint64_t, Bitmap> cache;  // (font << 32 | code point) -> its cell

  ~Impl() {
    for (auto& v : variants)
      if (v->face) FT_Done_Face(v->face);
    if (library) FT_Done_Library(library);
  }

  std::filesystem::path file_path(const FileSpec& spec) const {
    return dir.empty() ? std::filesystem::path(spec.path)
                       : dir / std::filesystem::path(spec.path).filename();
  }

  void load_file(FileState& file) {
    std::filesystem::path path = file_path(file.spec);
    std::string hint = "install " + file.spec.package +
                       ", or set DOTLABEL_FONT_DIR to a folder holding " +
                       std::filesystem::path(file.spec.path).filename().string();
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
      int saved = errno;
      if (fd >= 0) ::close(fd);
      file.errors.push_back(font_error(
          codes::kFontMissing,
          "cannot read font file " + path.string() + ": " + std::strerror(saved), std::move(hint)));
      return;
    }
    void* mapped = st.st_size > 0 ? mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                                         MAP_PRIVATE, fd, 0)
                                  : MAP_FAILED;
    ::close(fd);
    if (mapped == MAP_FAILED) {
      file.errors.push_back(font_error(codes::kFontMissing,
                                       "cannot read font file " + path.string(), std::move(hint)));
      return;
    }
    file.data = static_cast<const FT_Byte*>(mapped);
    file.size = static_cast<std::size_t>(st.st_size);
    std::string actual = sha256_hex(file.data, file.size);
    if (actual != file.spec.sha256) {
      file.unmap();
      file.errors.push_back(font_error(
          codes::kFontMismatch,
          "font file " + path.string() + " has sha256 " + actual + ", expected " +
              file.spec.sha256 + " (fonts/manifest.json): renders would not match the printer",
          "install exactly " + file.spec.package));
    }
  }

  void init_library() {
    // Not FT_Init_FreeType: it applies $FREETYPE_PROPERTIES, which changes outline rendering.
    // The properties that matter are pinned to FreeType's defaults instead.
    if (FT_New_Library(&memory, &library) != 0) return;
    FT_Add_Default_Modules(library);
    FT_UInt interpreter = TT_INTERPRETER_VERSION_40;
    FT_Property_Set(library, "truetype", "interpreter-version", &interpreter);
    FT_UInt engine = FT_HINTING_ADOBE;
    FT_Property_Set(library, "cff", "hinting-engine", &engine);
    FT_Bool no_darkening = 1;
    FT_Property_Set(library, "cff", "no-stem-darkening", &no_darkening);
  }

  void load_variant(VariantState& v) {
    std::call_once(v.file->once, [&] { load_file(*v.file); });
    if (!v.file->errors.empty()) {
      v.errors = v.file->errors;
      return;
    }
    std::call_once(library_once, [&] { init_library(); });
    std::string name = file_path(v.file->spec).string();
    std::lock_guard lock(ft_mutex);
    FT_Face face = nullptr;
    if (!library || FT_New_Memory_Face(library, v.file->data, static_cast<FT_Long>(v.file->size),
                                       v.file->spec.face, &face) != 0) {
      v.errors.push_back(
          font_error(codes::kFontBroken, "FreeType cannot open font file " + name, {}));
      return;
    }
    FT_Error error = 0;
    if (v.spec.strike >= 0) {
      bool has = v.spec.strike < face->num_fixed_sizes &&
                 (face->available_sizes[v.spec.strike].y_ppem + 32) / 64 == v.spec.ppem;
      error = has ? FT_Select_Size(face, v.spec.strike) : 1;
    } else {
      error = FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(v.spec.ppem));
    }
    if (error != 0) {
      FT_Done_Face(face);
      v.errors.push_back(font_error(
          codes::kFontBroken,
          "font file " + name + " has no " + std::to_string(v.spec.ppem) + " ppem " +
              (v.spec.strike >= 0 ? "bitmap strike " + std::to_string(v.spec.strike) : "size"),
          {}));
      return;
    }
    v.face = face;
  }

  VariantState& variant(int index) {
    VariantState& v = *variants[index];
    std::call_once(v.once, [&] { load_variant(v); });
    return v;
  }

  // The character's cell in variant `v`, unmagnified: the glyph placed per docs/fonts.md
  // (column xoff + bitmap_left + i, row B - bitmap_top + j, xoff centring the advance).
  Bitmap render_cell(VariantState& v, char32_t cp) {
    const VariantSpec& s = v.spec;
    Bitmap cell(s.cell_w / s.scale, s.cell_h / s.scale);
    if (!v.face) return magnify(std::move(cell), s.scale, s.scale);
    std::lock_guard lock(ft_mutex);
    FT_UInt index = FT_Get_Char_Index(v.face, cp);
    // Glyph index 0 is a box in Terminus and blank in OCR-B: a missing character is blank.
    // Strikes only (Terminus outlines are uneven); outlines only for the others.
    FT_Int32 flags = FT_LOAD_TARGET_MONO | (s.strike >= 0 ? FT_LOAD_SBITS_ONLY : FT_LOAD_NO_BITMAP);
    if (index == 0 || FT_Load_Glyph(v.face, index, flags) != 0)
      return magnify(std::move(cell), s.scale, s.scale);
    FT_GlyphSlot slot = v.face->glyph;
    if (slot->format != FT_GLYPH_FORMAT_BITMAP && FT_Render_Glyph(slot, FT_RENDER_MODE_MONO) != 0)
      return magnify(std::move(cell), s.scale, s.scale);
    const FT_Bitmap& bm = slot->bitmap;
    int advance = static_cast<int>((slot->advance.x + 32) >> 6);
    int xoff = (cell.width() - advance) / 2;
    int left = xoff + slot->bitmap_left;
    int top = s.baseline / s.scale - slot->bitmap_top;
    for (unsigned j = 0; j < bm.rows; ++j) {
      const unsigned char* row = bm.buffer + static_cast<std::ptrdiff_t>(j) * bm.pitch;
      for (unsigned i = 0; i < bm.width; ++i) {
        bool black = bm.pixel_mode == FT_PIXEL_MODE_MONO ? (row[i >> 3] >> (7 - (i & 7))) & 1
                                                         : row[i] >= 128;  // 8-bit strike: no grey
        int x = left + static_cast<int>(i), y = top + static_cast<int>(j);
        if (black && x >= 0 && x < cell.width() && y >= 0 && y < cell.height())
          cell.set(x, y, true);
      }
    }
    return magnify(std::move(cell), s.scale, s.scale);
  }

  const Bitmap& cell(int font, char32_t cp) {
    std::uint64_t key = static_cast<std::uint64_t>(font) << 32 | cp;
    {
      std::shared_lock lock(cache_mutex);
      if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    const FontSpec& f = fonts[font];
    // f=7/8: ASCII half width, every other character a full-width cell. f=1..6: one cell each.
    int index = cp < 0x80 || f.wide < 0 ? f.ascii : f.wide;
    // The printer's fonts hold printable ASCII and, in f=7/8, GB2312 and nothing else (the
    // compiler warns about the rest, DL0308): outside that a character is a blank cell, though
    // WQY or Unifont has a glyph. Not cached: the cache holds at most the printable
    // characters, whatever the input.
    if (!font_prints(font, cp)) return variants[index]->blank;
    Bitmap bitmap = render_cell(variant(index), cp);
    std::unique_lock lock(cache_mutex);
    // unordered_map keeps references valid across rehashing, so callers may hold them.
    return cache.try_emplace(key, std::move(bitmap)).first->second;
  }
};

FontSet::FontSet(std::filesystem::path font_dir) : impl_(std::make_unique<Impl>()) {
  if (font_dir.empty())
    if (const char* env = std::getenv("DOTLABEL_FONT_DIR"); env && *env) font_dir = env;
  impl_->dir = std::move(font_dir);

  nlohmann::json manifest = nlohmann::json::parse(kFontManifestJson);
  for (const auto& [key, f] : manifest.at("files").items()) {
    auto state = std::make_unique<FileState>();
    state->spec = {key, f.at("path"), f.at("package"), f.at("sha256"), f.at("face")};
    impl_->files.emplace(key, std::move(state));
  }
  auto add_variant = [&](const nlohmann::json& j) {
    auto v = std::make_unique<VariantState>();
    v->spec.file = j.at("file");
    v->spec.strike = j.value("strike", -1);
    v->spec.ppem = j.at("ppem");
    v->spec.cell_w = j.at("cell").at(0);
    v->spec.cell_h = j.at("cell").at(1);
    v->spec.baseline = j.at("baseline");
    v->spec.scale = j.value("scale", 1);
    v->blank = Bitmap(v->spec.cell_w, v->spec.cell_h);
    v->file = impl_->files.at(v->spec.file).get();
    impl_->variants.push_back(std::move(v));
    return static_cast<int>(impl_->variants.size()) - 1;
  };
  for (const nlohmann::json& f : manifest.at("fonts")) {
    FontSpec& spec = impl_->fonts[f.at("id").get<int>()];
    spec.ascii = add_variant(f.at("ascii"));
    if (f.contains("wide")) spec.wide = add_variant(f.at("wide"));
  }
}

FontSet::~FontSet() = default;

namespace {
// The IR guarantees 1..8; anything else draws as the default font, as f="0" does.
int checked_font(int font) {
  return font >= 1 && font <= 8 ? font : 7;
}
}  // namespace

Diagnostics FontSet::load(int font) const {
  const FontSpec& f = impl_->fonts[checked_font(font)];
  Diagnostics errors = impl_->variant(f.ascii).errors;
  if (f.wide >= 0) {
    const Diagnostics& wide = impl_->variant(f.wide).errors;
    // Two variants of one file share its errors: report them once.
    if (impl_->variants[f.wide]->file != impl_->variants[f.ascii]->file || errors.empty())
      errors.insert(errors.end(), wide.begin(), wide.end());
  }
  return errors;
}

Bitmap FontSet::text_line(std::string_view utf8, int font, int xw, int yh) const {
  return window(layout(utf8, font, xw), font, xw, yh, std::numeric_limits<long long>::min(),
                std::numeric_limits<long long>::max())
      .sprite;
}

std::vector<GlyphCell> FontSet::layout(std::string_view utf8, int font, int xw) const {
  const FontSpec& f = impl_->fonts[checked_font(font)];
  xw = std::max(xw, 1);
  std::vector<GlyphCell> cells;
  long long at = 0;
  for (char32_t cp : utf8::decode_all(utf8, kInvalid)) {
    // f=7/8: ASCII half width, every other character a full-width cell. f=1..6: one cell each.
    long long width =
        static_cast<long long>(
            impl_->variants[cp < 0x80 || f.wide < 0 ? f.ascii : f.wide]->spec.cell_w) *
        xw;
    cells.push_back({cp, at, width});
    at += width;
  }
  return cells;
}

int FontSet::cell_height(int font) const {
  return impl_->variants[impl_->fonts[checked_font(font)].ascii]->spec.cell_h;
}

long long FontSet::line_height(int font, int yh) const {
  return static_cast<long long>(cell_height(font)) * std::max(yh, 1);
}

FontSet::Window FontSet::window(const std::vector<GlyphCell>& cells, int font, int xw, int yh,
                                long long from, long long to) const {
  font = checked_font(font);
  xw = std::max(xw, 1);
  yh = std::max(yh, 1);
  // Only the cells in the window are drawn: a font file is read for those alone.
  std::vector<const Bitmap*> drawn;
  long long first = -1;
  int width = 0;
  for (const GlyphCell& cell : cells) {
    if (cell.x + cell.width <= from || cell.x >= to) continue;
    if (first < 0) first = cell.x;
    drawn.push_back(&impl_->cell(font, cell.code_point));
    width += drawn.back()->width();
  }
  Bitmap line(width, cell_height(font));
  int x = 0;
  for (const Bitmap* cell : drawn) {
    or_into(line, *cell, x, 0);
    x += cell->width();
  }
  return {magnify(std::move(line), xw, yh), first < 0 ? 0 : first};
}

}  // namespace dotlabel::render
