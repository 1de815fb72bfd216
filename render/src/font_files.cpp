// The printer's font files (font_files.hpp): mapped, hashed, opened in FreeType, drawn from.
#include "font_files.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_DRIVER_H
#include FT_MODULE_H
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
// Inline: the few functions used are compiled in, and nothing more is linked.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto_library.hpp"
#include "diagnostic_codes.hpp"
#include "dotlabel_font_manifest.hpp"
#include "font_digest_cache.hpp"

namespace dotlabel::render {
namespace {

struct FileSpec {
  std::string key;   // "terminus", ...
  std::string path;  // Debian path
  std::string package;
  std::string sha256;    // what docs/fonts.md and sha256sum name the file by
  std::string xxh3_128;  // what the renderer checks
  int face = 0;
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
};

Diagnostic font_error(std::string_view code, std::string message, std::string hint) {
  Diagnostic d;
  d.severity = Severity::error;
  d.code = std::string(code);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

// A failure the next attempt may not meet: too many open files, no memory for the mapping.
// It is thrown out of the std::call_once that loads the file, which then counts as not run,
// and reported for this attempt only: a long-lived renderer (serve, the C API) must not lose a
// font for good to a moment of load.
struct TransientFontError {
  Diagnostic diagnostic;
};

bool is_transient(int error) {
  return error == EMFILE || error == ENFILE || error == ENOMEM || error == EAGAIN || error == EINTR;
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

// Reads the file 64 KB at a time into one buffer that stays in the CPU's cache and hands each
// part to `take`; false when the file is shorter than it was or unreadable (not the file that
// was pinned). Read, not hashed through the mapping FreeType uses: the first touch of each of
// wqy-zenhei.ttc's 4,096 mapped pages costs more than copying and hashing them (measured: 16 MB
// by pread + XXH3 6-14 ms, the mapping's first pass 20-35 ms, with MAP_POPULATE no less), and a
// label touches a few of them.
template <typename Take>
bool read_parts(int fd, std::size_t size, Take take) {
  std::vector<unsigned char> part(std::size_t{1} << 16);
  for (std::size_t at = 0; at < size;) {
    ssize_t n = ::pread(fd, part.data(), std::min(part.size(), size - at), static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || !take(part.data(), static_cast<std::size_t>(n))) return false;
    at += static_cast<std::size_t>(n);
  }
  return true;
}

// XXH3-128 in its canonical (big-endian) form, as `xxhsum -H2` prints it: the load-time check.
// SHA-256 of the same 16 MB cost more than the rest of a label's render.
std::string xxh3_128_hex(int fd, std::size_t size) {
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                 XXH3_freeState);
  if (!state || XXH3_128bits_reset(state.get()) != XXH_OK) return {};
  if (!read_parts(fd, size, [&](const unsigned char* data, std::size_t n) {
        return XXH3_128bits_update(state.get(), data, n) == XXH_OK;
      }))
    return {};
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state.get()));
  return hex(canonical.digest, sizeof canonical.digest);
}

// Only for the message of a file that failed the check: sha256 is what a person compares with
// sha256sum and docs/fonts.md. Lowercase hex; "(unreadable)" when the file cannot be read, or
// "(unavailable: ...)" when libcrypto cannot be loaded, the message still naming the xxh3_128.
std::string sha256_text(int fd, std::size_t size) {
  std::string why;
  const support::Crypto* crypto = support::load_crypto(why);
  if (!crypto) return "(unavailable: " + why + ")";
  std::unique_ptr<EVP_MD_CTX, decltype(crypto->EVP_MD_CTX_free)> ctx(crypto->EVP_MD_CTX_new(),
                                                                     crypto->EVP_MD_CTX_free);
  if (!ctx || crypto->EVP_DigestInit_ex(ctx.get(), crypto->EVP_sha256(), nullptr) != 1)
    return "(unreadable)";
  if (!read_parts(fd, size, [&](const unsigned char* data, std::size_t n) {
        return crypto->EVP_DigestUpdate(ctx.get(), data, n) == 1;
      }))
    return "(unreadable)";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (crypto->EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) return "(unreadable)";
  return hex(digest, length);
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

struct FontFiles::Impl {
  std::filesystem::path dir;  // empty = the Debian paths
  FontDigestCache digests{FontDigestCache::default_dir()};
  std::map<std::string, std::unique_ptr<FileState>> files;
  std::vector<std::unique_ptr<VariantState>> variants;
  FontSpec fonts[9];  // by printer font id 1..8

  FT_MemoryRec_ memory{nullptr, ft_alloc, ft_free, ft_realloc};
  std::once_flag library_once;
  FT_Library library = nullptr;
  std::mutex ft_mutex;  // FreeType objects are not thread-safe: one caller at a time

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
      Diagnostic error = font_error(
          codes::kFontMissing,
          "cannot read font file " + path.string() + ": " + std::strerror(saved), std::move(hint));
      if (is_transient(saved)) throw TransientFontError{std::move(error)};
      file.errors.push_back(std::move(error));
      return;
    }
    void* mapped = st.st_size > 0 ? mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                                         MAP_PRIVATE, fd, 0)
                                  : MAP_FAILED;
    const int map_error = mapped == MAP_FAILED && st.st_size > 0 ? errno : 0;
    const std::size_t size = static_cast<std::size_t>(st.st_size);
    // A file verified before, unchanged since, is not hashed again (font_digest_cache.hpp).
    std::string actual;
    if (mapped != MAP_FAILED) {
      const FontFileIdentity identity = font_file_identity(st);
      actual = digests.lookup(identity);
      if (actual.empty()) {
        actual = xxh3_128_hex(fd, size);
        if (actual == file.spec.xxh3_128) digests.record(path, identity, actual);
      }
    }
    const bool mismatch = mapped != MAP_FAILED && actual != file.spec.xxh3_128;
    const std::string sha256 = mismatch ? sha256_text(fd, size) : std::string();
    ::close(fd);
    if (mapped == MAP_FAILED) {
      Diagnostic error =
          font_error(codes::kFontMissing,
                     "cannot read font file " + path.string() +
                         (map_error ? std::string(": ") + std::strerror(map_error) : std::string()),
                     std::move(hint));
      if (is_transient(map_error)) throw TransientFontError{std::move(error)};
      file.errors.push_back(std::move(error));
      return;
    }
    file.data = static_cast<const FT_Byte*>(mapped);
    file.size = size;
    if (mismatch) {
      file.unmap();
      file.errors.push_back(font_error(
          codes::kFontMismatch,
          "font file " + path.string() + " has sha256 " + sha256 + ", expected " +
              file.spec.sha256 + " (xxh3_128 " + (actual.empty() ? "(unreadable)" : actual) +
              ", expected " + file.spec.xxh3_128 +
              ", fonts/manifest.json): renders would not match the printer",
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

  // The character's cell in variant `v` at its drawn size (cell / scale): the glyph placed per
  // docs/fonts.md (column xoff + bitmap_left + i, row B - bitmap_top + j, xoff centring the
  // advance).
  Bitmap render_cell(VariantState& v, char32_t cp) {
    const VariantSpec& s = v.spec;
    Bitmap cell(s.cell_w / s.scale, s.cell_h / s.scale);
    if (!v.face) return cell;
    std::lock_guard lock(ft_mutex);
    FT_UInt index = FT_Get_Char_Index(v.face, cp);
    // Glyph index 0 is a box in Terminus and blank in OCR-B: a missing character is blank.
    // Strikes only (Terminus outlines are uneven); outlines only for the others.
    FT_Int32 flags = FT_LOAD_TARGET_MONO | (s.strike >= 0 ? FT_LOAD_SBITS_ONLY : FT_LOAD_NO_BITMAP);
    if (index == 0 || FT_Load_Glyph(v.face, index, flags) != 0) return cell;
    FT_GlyphSlot slot = v.face->glyph;
    if (slot->format != FT_GLYPH_FORMAT_BITMAP && FT_Render_Glyph(slot, FT_RENDER_MODE_MONO) != 0)
      return cell;
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
    return cell;
  }
};

FontFiles::FontFiles(std::filesystem::path font_dir) : impl_(std::make_unique<Impl>()) {
  if (font_dir.empty())
    if (const char* env = std::getenv("DOTLABEL_FONT_DIR"); env && *env) font_dir = env;
  impl_->dir = std::move(font_dir);

  nlohmann::json manifest = nlohmann::json::parse(kFontManifestJson);
  for (const auto& [key, f] : manifest.at("files").items()) {
    auto state = std::make_unique<FileState>();
    state->spec = {key,         f.at("path"), f.at("package"), f.at("sha256"), f.at("xxh3_128"),
                   f.at("face")};
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

FontFiles::~FontFiles() = default;

const FontSpec& FontFiles::font(int font) const {
  return impl_->fonts[font];
}

const VariantSpec& FontFiles::variant(int index) const {
  return impl_->variants[index]->spec;
}

int FontFiles::variant_count() const {
  return static_cast<int>(impl_->variants.size());
}

bool FontFiles::same_file(int a, int b) const {
  return impl_->variants[a]->file == impl_->variants[b]->file;
}

const Diagnostics& FontFiles::open(int index) {
  try {
    return impl_->variant(index).errors;
  } catch (TransientFontError& e) {
    thread_local Diagnostics this_attempt;  // valid until this thread's next call
    this_attempt = {std::move(e.diagnostic)};
    return this_attempt;
  }
}

std::optional<Bitmap> FontFiles::glyph_cell(int index, char32_t cp) {
  try {
    return impl_->render_cell(impl_->variant(index), cp);
  } catch (const TransientFontError&) {  // open() says why
    return std::nullopt;
  }
}

}  // namespace dotlabel::render
