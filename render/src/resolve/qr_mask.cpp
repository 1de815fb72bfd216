// QR mask selection as libqrencode 4.1.1 (Debian 12's libqrencode4) does it, word-parallel.
//
// QRcode_encodeData builds the symbol once and then Mask_mask (mask.c) writes all eight masked
// copies byte per module and scores each with byte loops: about a third of `dotlabel base64`'s
// CPU time when every label carries another QR (issue #18). Printed labels and goldens must not
// change, so the symbol is still libqrencode's: its data and error correction come from
// QRcode_encodeMask with mask 0, and the mask libqrencode would choose is found here from the same
// penalties, with rows and columns as bit sets. Reproduced exactly, quirks included:
// - a mask flips the data modules (bit 7 clear) where its condition holds;
// - each mask's format information is written before it is scored (and counts as dark modules);
// - N1: a run of 5 or more modules of one colour in a row or column costs 3 + (length - 5);
// - N2: each 2 x 2 block of one colour costs 3;
// - N3: dark:light:dark:light:dark runs of f:f:3f:f:f (any f) cost 40 when the 4f modules before
//   or the 4f modules after them are light, the outside of the symbol counting as light
//   (libqrencode's run-length rules amount to that: a pattern on a line's first dark run counts
//   whatever light run is before it, one followed by the line's last run whatever that run is);
// - N4: 10 for each whole 5 points that the dark percentage, rounded half up to a whole number
//   ((200 * dark + n) / n / 2), is away from 50;
// - the first mask with the lowest penalty wins.
// tests/render_elements/qr_mask_test.cpp holds this to QRcode_encodeData symbol for symbol.
#include "resolve/qr_mask.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <memory>

// libqrencode.so.4 exports QRcode_encodeMask and Debian's symbols file for libqrencode4 lists it
// (QRcode_encodeMask@Base 3.2.0), so it is part of the library's versioned ABI, but qrencode.h
// does not declare it. QRcode_encodeInput is QRcode_encodeMask(input, -1) (search the masks); a
// mask of 0..7 applies that mask and writes its format information instead.
extern "C" QRcode* QRcode_encodeMask(QRinput* input, int mask);

namespace dotlabel::render {

namespace {

constexpr int kMaxWidth = 177;  // version 40
constexpr int kMaxWords = 3;    // 64-bit words of a row or column of kMaxWidth modules
constexpr int kMasks = 8;
constexpr std::uint8_t kNotData = 0x80, kFormatModule = 0x84;

// Whether `mask` flips the data module at column x, row y (libqrencode's mask conditions).
constexpr bool flips(int mask, int x, int y) {
  switch (mask) {
    case 0:
      return (x + y) % 2 == 0;
    case 1:
      return y % 2 == 0;
    case 2:
      return x % 3 == 0;
    case 3:
      return (x + y) % 3 == 0;
    case 4:
      return (y / 2 + x / 3) % 2 == 0;
    case 5:
      return x * y % 2 + x * y % 3 == 0;
    case 6:
      return (x * y % 2 + x * y % 3) % 2 == 0;
    default:
      return (x * y % 3 + (x + y) % 2) % 2 == 0;
  }
}

// Every mask repeats every 12 rows and every 12 columns, so a row's flips depend on y % 12 only
// and a column's on x % 12: [mask][line % 12] is the line's flips as a bit set.
constexpr int kPeriod = 12;
using FlipTable = std::array<std::array<std::array<std::uint64_t, kMaxWords>, kPeriod>, kMasks>;

constexpr FlipTable make_flips(bool columns) {
  FlipTable table{};
  for (int mask = 0; mask < kMasks; ++mask)
    for (int line = 0; line < kPeriod; ++line)
      for (int i = 0; i < kMaxWords * 64; ++i)
        if (columns ? flips(mask, line, i) : flips(mask, i, line))
          table[mask][line][i / 64] |= std::uint64_t{1} << (i % 64);
  return table;
}

constexpr FlipTable kRowFlips = make_flips(false), kColumnFlips = make_flips(true);

// The 15 format information bits for `mask` at `level`: BCH(15,5) code of the level's two bits
// and the mask, XOR 0x5412 (ISO/IEC 18004 annex C), the value libqrencode's table holds.
constexpr unsigned format_information(int mask, QRecLevel level) {
  constexpr unsigned kLevelBits[4] = {1, 0, 3, 2};  // L, M, Q, H in the symbol
  const unsigned data = kLevelBits[level] << 3 | static_cast<unsigned>(mask);
  unsigned check = data << 10;
  for (int bit = 14; bit >= 10; --bit)
    if (check >> bit & 1) check ^= 0x537u << (bit - 10);
  return (data << 10 | check) ^ 0x5412u;
}

struct Module {
  int x, y;
};

// Where libqrencode writes format bit i (least significant first): both copies.
std::array<std::array<Module, 2>, 15> format_modules(int width) {
  std::array<std::array<Module, 2>, 15> at{};
  for (int i = 0; i < 8; ++i) at[i] = {{{width - 1 - i, 8}, {8, i < 6 ? i : i + 1}}};
  for (int i = 0; i < 7; ++i) at[8 + i] = {{{8, width - 7 + i}, {i == 0 ? 7 : 6 - i, 8}}};
  return at;
}

// The build targets x86-64 without POPCNT, where std::popcount is a call into libgcc.
int count_bits(std::uint64_t w) {
#ifdef __POPCNT__
  return std::popcount(w);
#else
  w -= (w >> 1) & 0x5555555555555555u;
  w = (w & 0x3333333333333333u) + ((w >> 2) & 0x3333333333333333u);
  w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fu;
  return static_cast<int>((w * 0x0101010101010101u) >> 56);
#endif
}

// A row or column of up to 64 * N modules, bit x of the set being module x.
template <int N>
struct Line {
  std::array<std::uint64_t, N> words{};

  void set(int x) { words[x / 64] |= std::uint64_t{1} << (x % 64); }
  void clear(int x) { words[x / 64] &= ~(std::uint64_t{1} << (x % 64)); }
  bool any() const {
    return std::any_of(words.begin(), words.end(), [](std::uint64_t w) { return w != 0; });
  }
  int count() const {
    int n = 0;
    for (std::uint64_t w : words) n += count_bits(w);
    return n;
  }
  // No module in [from, to) is set (positions outside the set are clear).
  bool clear_between(int from, int to) const {
    from = std::max(from, 0);
    to = std::min(to, 64 * N);
    for (int i = from / 64; i < N && 64 * i < to; ++i) {
      std::uint64_t range = ~std::uint64_t{0};
      if (from > 64 * i) range &= ~std::uint64_t{0} << (from - 64 * i);
      if (to < 64 * (i + 1)) range &= ~(~std::uint64_t{0} << (to - 64 * i));
      if (words[i] & range) return false;
    }
    return true;
  }
  // Every module in [from, to), inside the set, is set.
  bool set_between(int from, int to) const { return (~*this).clear_between(from, to); }
  // How many set modules follow from x on, x included.
  int run_from(int x) const {
    int run = 0;
    for (int i = x / 64, shift = x % 64; i < N; ++i, shift = 0) {
      const int ones = std::countr_one(words[i] >> shift);
      run += ones;
      if (ones < 64 - shift) break;
    }
    return run;
  }
  template <typename F>
  void for_each(F&& f) const {
    for (int i = 0; i < N; ++i)
      for (std::uint64_t w = words[i]; w; w &= w - 1) f(64 * i + std::countr_zero(w));
  }
  Line operator&(const Line& o) const {
    return zip(o, [](auto a, auto b) { return a & b; });
  }
  Line operator|(const Line& o) const {
    return zip(o, [](auto a, auto b) { return a | b; });
  }
  Line operator^(const Line& o) const {
    return zip(o, [](auto a, auto b) { return a ^ b; });
  }
  Line operator~() const {
    return zip(*this, [](auto a, auto) { return ~a; });
  }
  // Bit x of the result is bit x + k (ahead): module x + k brought to x.
  Line ahead(int k) const {
    Line out;
    if constexpr (N == 1) {
      out.words[0] = k < 64 ? words[0] >> k : 0;
    } else {
      const int q = k / 64, r = k % 64;
      for (int i = 0; i + q < N; ++i) {
        out.words[i] = words[i + q] >> r;
        if (r && i + q + 1 < N) out.words[i] |= words[i + q + 1] << (64 - r);
      }
    }
    return out;
  }
  // Bit x of the result is bit x - k (behind).
  Line behind(int k) const {
    Line out;
    if constexpr (N == 1) {
      out.words[0] = k < 64 ? words[0] << k : 0;
    } else {
      const int q = k / 64, r = k % 64;
      for (int i = q; i < N; ++i) {
        out.words[i] = words[i - q] << r;
        if (r && i - q >= 1) out.words[i] |= words[i - q - 1] >> (64 - r);
      }
    }
    return out;
  }

 private:
  template <typename Op>
  Line zip(const Line& o, Op op) const {
    Line out;
    for (int i = 0; i < N; ++i) out.words[i] = op(words[i], o.words[i]);
    return out;
  }
};

template <int N>
Line<N> first_modules(int count) {
  Line<N> line;
  for (int x = 0; x < count; ++x) line.set(x);
  return line;
}

template <int N>
Line<N> flip_line(const FlipTable& table, int mask, int line) {
  Line<N> out;
  std::copy_n(table[mask][line % kPeriod].begin(), N, out.words.begin());
  return out;
}

// columns[x] bit y = rows[y] bit x, by 64 x 64 blocks: each block's row i and column i swap their
// halves, then quarters, ... (Hacker's Delight, 7-3).
template <int N>
void transpose(const std::array<Line<N>, kMaxWidth>& rows, std::array<Line<N>, kMaxWidth>& columns,
               int width) {
  for (int a = 0; a < N; ++a)
    for (int b = 0; b < N; ++b) {
      std::array<std::uint64_t, 64> block{};
      for (int i = 0; i < 64 && 64 * a + i < width; ++i) block[i] = rows[64 * a + i].words[b];
      std::uint64_t halves = 0x00000000ffffffffu;
      for (int j = 32; j != 0; j >>= 1, halves ^= halves << j)
        for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
          const std::uint64_t swap = ((block[k] >> j) ^ block[k | j]) & halves;
          block[k] ^= swap << j;
          block[k | j] ^= swap;
        }
      for (int i = 0; i < 64 && 64 * b + i < width; ++i) columns[64 * b + i].words[a] = block[i];
    }
}

// N1 and N3 of one row or column (`line`, modules [0, width) of `inside`).
template <int N>
int line_penalty(const Line<N>& line, const Line<N>& inside, int width) {
  // N1: a run of length L >= 5 holds L - 4 windows of 5 equal modules, one of them at its start;
  // it costs 3 + (L - 5) = windows + 2.
  const Line<N> same_as_next = ~(line ^ line.ahead(1)) & inside.ahead(1);
  const Line<N> five =
      same_as_next & same_as_next.ahead(1) & same_as_next.ahead(2) & same_as_next.ahead(3);
  Line<N> run_starts = line ^ line.behind(1);
  run_starts.set(0);
  int penalty = five.count() + 2 * (five & run_starts).count();

  // N3. The 4f modules before the pattern at x or the 4f after it must be light.
  const auto score = [&](int x, int f) {
    if (line.clear_between(x - 4 * f, x) || line.clear_between(x + 7 * f, x + 11 * f))
      penalty += 40;
  };
  // f = 1, word-parallel: exactly 1011101 from x (dark runs end on light or the edge).
  const Line<N> light = ~line & inside;
  const Line<N> dark_starts = line & ~line.behind(1);
  const Line<N> dark3 = line & line.ahead(1) & line.ahead(2);
  const Line<N> ones = dark_starts & light.ahead(1) & dark3.ahead(2) & light.ahead(5) &
                       line.ahead(6) & ~line.ahead(7);
  ones.for_each([&](int x) { score(x, 1); });
  // f >= 2: dark runs of 6 or more are few; each one 3f long is looked at alone as the middle.
  const Line<N> long_dark = dark_starts & dark3 & dark3.ahead(3);
  long_dark.for_each([&](int middle) {
    const int length = line.run_from(middle);
    if (length % 3) return;
    const int f = length / 3, x = middle - 2 * f, end = middle + 5 * f;
    if (x >= 0 && end <= width && line.clear_between(x - 1, x) && line.set_between(x, x + f) &&
        line.clear_between(x + f, middle) && line.clear_between(middle + length, middle + 4 * f) &&
        line.set_between(middle + 4 * f, end) && line.clear_between(end, end + 1))
      score(x, f);
  });
  return penalty;
}

// N2 of rows `above` and `below`: 3 for each 2 x 2 block of one colour.
template <int N>
int block_penalty(const Line<N>& above, const Line<N>& below, const Line<N>& inside) {
  const Line<N> same_below = ~(above ^ below) & inside;
  const Line<N> same_right = ~(above ^ above.ahead(1)) & inside.ahead(1);
  return 3 * (same_below & same_below.ahead(1) & same_right).count();
}

template <int N>
std::array<int, kMasks> demerits(const QrModules& symbol, int applied, QRecLevel level) {
  const int width = symbol.width;
  // The symbol without its mask: dark modules and data modules, by row and by column. The format
  // modules start light, as in libqrencode's frame, and take each mask's bits in turn.
  std::array<Line<N>, kMaxWidth> rows, row_data, columns, column_data;
  for (int y = 0; y < width; ++y) {
    const std::uint8_t* row = symbol.modules.data() + static_cast<std::size_t>(y) * width;
    for (int x = 0; x < width; ++x) {
      const std::uint64_t bit = std::uint64_t{1} << (x % 64);
      if (!(row[x] & kNotData)) row_data[y].words[x / 64] |= bit;
      if (row[x] & 1) rows[y].words[x / 64] |= bit;
    }
    rows[y] = rows[y] ^ (flip_line<N>(kRowFlips, applied, y) & row_data[y]);
  }
  transpose(rows, columns, width);
  transpose(row_data, column_data, width);
  const auto format_at = format_modules(width);
  const auto clear_format = [&] {
    for (const auto& copies : format_at)
      for (Module m : copies) {
        rows[m.y].clear(m.x);
        columns[m.x].clear(m.y);
      }
  };
  clear_format();

  const Line<N> inside = first_modules<N>(width);
  std::array<int, kMasks> penalty{};
  for (int mask = 0; mask < kMasks; ++mask) {
    const unsigned format = format_information(mask, level);
    for (int bit = 0; bit < 15; ++bit)
      if (format >> bit & 1)
        for (Module m : format_at[bit]) {
          rows[m.y].set(m.x);
          columns[m.x].set(m.y);
        }

    int dark = 0;
    Line<N> above;
    for (int y = 0; y < width; ++y) {
      const Line<N> row = rows[y] ^ (flip_line<N>(kRowFlips, mask, y) & row_data[y]);
      dark += row.count();
      penalty[mask] += line_penalty(row, inside, width);
      if (y > 0) penalty[mask] += block_penalty(above, row, inside);
      above = row;
    }
    for (int x = 0; x < width; ++x)
      penalty[mask] += line_penalty(
          columns[x] ^ (flip_line<N>(kColumnFlips, mask, x) & column_data[x]), inside, width);
    const int area = width * width;
    const int percent = (200 * dark + area) / area / 2;
    penalty[mask] += std::abs(percent - 50) / 5 * 10;
    clear_format();
  }
  return penalty;
}

// Re-masks `symbol` from mask `from` to mask `to` and writes `to`'s format information.
void remask(QrModules& symbol, int from, int to, QRecLevel level) {
  const int width = symbol.width;
  for (int y = 0; y < width; ++y) {
    std::uint8_t* row = symbol.modules.data() + static_cast<std::size_t>(y) * width;
    const auto& from_flips = kRowFlips[from][y % kPeriod];
    const auto& to_flips = kRowFlips[to][y % kPeriod];
    for (int x = 0; x < width; ++x)
      if (!(row[x] & kNotData))
        row[x] ^=
            static_cast<std::uint8_t>((from_flips[x / 64] ^ to_flips[x / 64]) >> (x % 64) & 1);
  }
  const unsigned format = format_information(to, level);
  const auto format_at = format_modules(width);
  for (int bit = 0; bit < 15; ++bit)
    for (Module m : format_at[bit])
      symbol.modules[static_cast<std::size_t>(m.y) * width + m.x] =
          static_cast<std::uint8_t>(kFormatModule | (format >> bit & 1));
}

struct InputDeleter {
  void operator()(QRinput* input) const { QRinput_free(input); }
};
struct CodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::array<int, 8> qr_mask_demerits(const QrModules& symbol, int applied, QRecLevel level) {
  if (symbol.width <= 64) return demerits<1>(symbol, applied, level);
  if (symbol.width <= 128) return demerits<2>(symbol, applied, level);
  return demerits<3>(symbol, applied, level);
}

bool encode_qr(const std::uint8_t* data, std::size_t size, QRecLevel level, QrModules& out) {
  // QRcode_encodeData's own steps (qrencode.c: QRcode_encodeDataReal), the mask aside.
  if (size == 0) {
    errno = EINVAL;
    return false;
  }
  if (size > INT_MAX) {
    errno = ERANGE;
    return false;
  }
  std::unique_ptr<QRinput, InputDeleter> input(QRinput_new2(0, level));
  if (!input || QRinput_append(input.get(), QR_MODE_8, static_cast<int>(size), data) < 0)
    return false;
  std::unique_ptr<QRcode, CodeDeleter> code(QRcode_encodeMask(input.get(), 0));
  if (!code) return false;
  out.version = code->version;
  out.width = code->width;
  out.modules.assign(code->data, code->data + static_cast<std::size_t>(code->width) * code->width);
  const std::array<int, 8> penalty = qr_mask_demerits(out, 0, level);
  const int best = static_cast<int>(std::min_element(penalty.begin(), penalty.end()) -
                                    penalty.begin());  // the first of equals, as Mask_mask
  remask(out, 0, best, level);
  return true;
}

}  // namespace dotlabel::render
