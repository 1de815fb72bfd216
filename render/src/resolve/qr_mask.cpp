// QR mask selection as libqrencode 4.1.1 (Debian 12's libqrencode4) does it, word-parallel.
//
// QRcode_encodeData builds the symbol once and then Mask_mask (mask.c) writes all eight masked
// copies byte per module and scores each with byte loops: about a third of `dotlabel base64`'s
// CPU time when every label carries another QR (issue #18). Printed labels and goldens must not
// change, so the symbol is still libqrencode's: its data and error correction are placed as
// libqrencode places them (resolve/qr_encode.cpp), and the mask libqrencode would choose is found
// here from the same penalties, with rows and columns as bit sets. Reproduced exactly, quirks
// included:
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
// tests/render_elements/qr_mask_test.cpp holds this to libqrencode symbol for symbol.
#include "resolve/qr_mask.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "resolve/qr_encode.hpp"
#include "thread_scratch.hpp"

namespace dotlabel::render {

namespace {

constexpr int kMaxWidth = 177;  // version 40
constexpr int kMaxWords = 3;    // 64-bit words of a row or column of kMaxWidth modules
constexpr int kMasks = 8;
constexpr std::uint64_t kByteBit0 = 0x0101010101010101u;  // bit 0 of each byte of a word

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

// Counting bits is a large part of the scoring, and POPCNT is not in the x86-64 baseline the
// build targets (std::popcount is then a call into libgcc): on x86-64 the scoring is compiled
// again for processors with it (every x86-64 one since 2008) and for x86-64-v3 (AVX2 and BMI,
// since 2013: three-operand instructions, fewer moves), the loader choosing the one that runs.
#if defined(__x86_64__) && !defined(__POPCNT__)
#define CLONED_FOR_NEWER_X86_64 [[gnu::target_clones("arch=x86-64-v3", "popcnt", "default")]]
#else
#define CLONED_FOR_NEWER_X86_64
#endif

// The 8 bytes at p as a word, the first in the lowest byte.
std::uint64_t load_bytes(const std::uint8_t* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

// Bit i of the result is bit 0 of byte i of `w` (w holding nothing else): the product moves
// byte i's bit to bit 56 + i, and no two of its partial products meet.
std::uint64_t gather_bytes(std::uint64_t w) {
  return (w * 0x0102040810204080u) >> 56;
}

// Two words side by side, in one SSE register, the same instructions working on both: a row and
// a column of a symbol up to 64 modules wide (version 11) are scored together, and the dark and
// the data modules are transposed together.
using WordPair = std::uint64_t __attribute__((vector_size(16)));

int count_bits(std::uint64_t w) {
  return std::popcount(w);
}
int count_bits(WordPair w) {
  return std::popcount(w[0]) + std::popcount(w[1]);
}
bool any_bit(std::uint64_t w) {
  return w != 0;
}
bool any_bit(WordPair w) {
  return (w[0] | w[1]) != 0;
}

// A row or column of up to 64 * N modules, bit x of the set being module x (of each line of a
// WordPair); the bits past the symbol's width stay clear, which is what the penalties take the
// outside to be (light).
template <int N, typename Word = std::uint64_t>
struct Line {
  std::array<Word, N> words{};

  void set(int x) { words[x / 64] |= std::uint64_t{1} << (x % 64); }
  bool any() const {
    return std::any_of(words.begin(), words.end(), [](Word w) { return any_bit(w); });
  }
  int count() const {
    int n = 0;
    for (Word w : words) n += count_bits(w);
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
      out.words[0] = k < 64 ? words[0] >> k : Word{};
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
      out.words[0] = k < 64 ? words[0] << k : Word{};
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

// The flips of mask `mask` in a line whose index is `phase` modulo kPeriod.
template <int N>
Line<N> flip_line(const FlipTable& table, int mask, int phase) {
  Line<N> out;
  std::copy_n(table[mask][phase].begin(), N, out.words.begin());
  return out;
}

template <int N>
using Lines = std::array<Line<N>, kMaxWidth>;

// rows[y]: the dark modules of row y of libqrencode's `frame`; data[y]: its data modules (bit 7
// clear), 8 modules a step.
template <int N>
void pack_rows(const std::uint8_t* frame, int width, Lines<N>& rows, Lines<N>& data) {
  const std::uint8_t* const end = frame + static_cast<std::size_t>(width) * width;
  const std::uint64_t last_step = (std::uint64_t{1} << (width % 8)) - 1;
  for (int y = 0; y < width; ++y) {
    const std::uint8_t* row = frame + static_cast<std::size_t>(y) * width;
    for (int x = 0; x < width; x += 8) {
      std::uint64_t bytes = 0;
      // A step may run into the next row (cut off below by `inside`), never past the symbol.
      if (row + x + 8 <= end)
        bytes = load_bytes(row + x);
      else
        for (int i = 0; i < width - x; ++i) bytes |= std::uint64_t{row[x + i]} << (8 * i);
      const std::uint64_t inside = x + 8 <= width ? 0xff : last_step;
      rows[y].words[x / 64] |= (gather_bytes(bytes & kByteBit0) & inside) << (x % 64);
      data[y].words[x / 64] |= (gather_bytes(~bytes >> 7 & kByteBit0) & inside) << (x % 64);
    }
  }
}

// columns[x] bit y = rows[y] bit x, and column_data from data the same way, by 64 x 64 blocks:
// each block's row i and column i swap their halves, then quarters, ... (Hacker's Delight, 7-3),
// the dark and the data modules side by side in a WordPair.
template <int N>
void transpose(const Lines<N>& rows, const Lines<N>& data, Lines<N>& columns, Lines<N>& column_data,
               int width) {
  for (int a = 0; a < N; ++a)
    for (int b = 0; b < N; ++b) {
      std::array<WordPair, 64> block{};
      for (int i = 0; i < 64 && 64 * a + i < width; ++i)
        block[i] = WordPair{rows[64 * a + i].words[b], data[64 * a + i].words[b]};
      std::uint64_t halves = 0x00000000ffffffffu;
      for (int j = 32; j != 0; j >>= 1, halves ^= halves << j)
        for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
          const WordPair swap = ((block[k] >> j) ^ block[k | j]) & halves;
          block[k] ^= swap << j;
          block[k | j] ^= swap;
        }
      for (int i = 0; i < 64 && 64 * b + i < width; ++i) {
        columns[64 * b + i].words[a] = block[i][0];
        column_data[64 * b + i].words[a] = block[i][1];
      }
    }
}

// N3 with f >= 2 of one row or column: `middles` are the dark runs of 6 or more that might be
// the middle of a pattern.
template <int N>
int large_patterns(const Line<N>& line, const Line<N>& middles, int width) {
  int penalty = 0;
  middles.for_each([&](int middle) {
    const int length = line.run_from(middle);
    if (length % 3) return;
    const int f = length / 3, x = middle - 2 * f, end = middle + 5 * f;
    if (x >= 0 && end <= width && line.clear_between(x - 1, x) && line.set_between(x, x + f) &&
        line.clear_between(x + f, middle) && line.clear_between(middle + length, middle + 4 * f) &&
        line.set_between(middle + 4 * f, end) && line.clear_between(end, end + 1) &&
        (line.clear_between(x - 4 * f, x) || line.clear_between(end, end + 4 * f)))
      penalty += 40;
  });
  return penalty;
}

// Line i of a pair of lines.
Line<1> lane(const Line<1, WordPair>& pair, int i) {
  return Line<1>{{pair.words[0][i]}};
}

// N1 and N3 of one row or column (or a WordPair of them): `line` its dark modules,
// `same_as_next` bit x set when modules x and x + 1 are both inside and of one colour.
template <int N, typename Word>
[[gnu::always_inline]] inline int line_penalty(const Line<N, Word>& line,
                                               const Line<N, Word>& same_as_next, int width) {
  using L = Line<N, Word>;
  // N1: a run of L >= 5 modules holds L - 4 windows of 5 equal modules; their first modules and
  // the two after the last of them are L - 2 = 3 + (L - 5) modules, all in the run.
  const L three = same_as_next & same_as_next.ahead(1);  // x .. x + 2 of one colour
  const L five = three & three.ahead(2);
  const L five_or_next = five | five.behind(1);
  int penalty = (five_or_next | five_or_next.behind(1)).count();

  // N3, f = 1: a lone dark module at x, three dark ones from x + 2, a lone one at x + 6.
  const L starts = line & ~line.behind(1);  // dark modules after a light one or the edge
  const L next = line.ahead(1);
  const L lone = starts & ~next;
  const L dark3 = line & next & line.ahead(2);
  const L patterns = lone & (starts & dark3 & ~line.ahead(3)).ahead(2) & lone.ahead(6);
  if (patterns.any()) {
    // Scored when none of x - 4 .. x - 1 or none of x + 7 .. x + 10 is dark.
    const L before2 = line.behind(1) | line.behind(2);
    const L after2 = line | next;
    const L dark_before = before2 | before2.behind(2);
    const L dark_after = (after2 | after2.ahead(2)).ahead(7);
    penalty += 40 * (patterns & ~(dark_before & dark_after)).count();
  }

  // f >= 2: dark runs of 6 or more after 2 light modules, from module 4 on (2f before them), are
  // few; each one 3f long is looked at alone as the middle.
  const L middles = (starts & ~line.behind(2) & dark3 & dark3.ahead(3)).ahead(4).behind(4);
  if (middles.any()) {
    if constexpr (std::is_same_v<Word, WordPair>)
      penalty += large_patterns(lane(line, 0), lane(middles, 0), width) +
                 large_patterns(lane(line, 1), lane(middles, 1), width);
    else
      penalty += large_patterns(line, middles, width);
  }
  return penalty;
}

// Bit x set when module x equals module x + 1, both inside the symbol (`pairs`: bits 0..width-2).
template <int N, typename Word>
Line<N, Word> same_as_next(const Line<N, Word>& line, const Line<N, Word>& pairs) {
  return ~(line ^ line.ahead(1)) & pairs;
}

// The dark format modules of one mask in row 8 or column 8 (every format module is in one of
// them), and in the other lines their module 8.
template <int N>
struct FormatLines {
  Line<N> row8, column8;

  FormatLines(const std::array<std::array<Module, 2>, 15>& at, unsigned format) {
    for (int bit = 0; bit < 15; ++bit)
      if (format >> bit & 1)
        for (Module m : at[bit]) {
          if (m.y == 8) row8.words[m.x / 64] |= std::uint64_t{1} << (m.x % 64);
          if (m.x == 8) column8.words[m.y / 64] |= std::uint64_t{1} << (m.y % 64);
        }
  }
  Line<N> row(int y) const { return line(y, row8, column8); }
  Line<N> column(int x) const { return line(x, column8, row8); }

 private:
  static Line<N> line(int i, const Line<N>& own, const Line<N>& across) {
    if (i == 8) return own;
    Line<N> out;
    out.words[0] = (across.words[i / 64] >> (i % 64) & 1) << 8;
    return out;
  }
};

template <int N>
[[gnu::always_inline]] inline std::array<int, kMasks> select_mask(
    const std::uint8_t* frame, int width, QRecLevel level, std::vector<std::uint64_t>* masked) {
  // The unmasked symbol's dark modules and data modules, by row and by column. Its format
  // modules are light, and dark where each mask's format bits are.
  Lines<N> rows, row_data, columns, column_data;
  pack_rows(frame, width, rows, row_data);
  transpose(rows, row_data, columns, column_data, width);
  const auto format_at = format_modules(width);
  Line<N> pairs;
  for (int x = 0; x + 1 < width; ++x) pairs.set(x);
  const auto masked_row = [&](int mask, int y, int phase, const FormatLines<N>& format) {
    return (rows[y] ^ (flip_line<N>(kRowFlips, mask, phase) & row_data[y])) | format.row(y);
  };

  std::array<int, kMasks> penalty{};
  for (int mask = 0; mask < kMasks; ++mask) {
    const FormatLines<N> format(format_at, format_information(mask, level));
    int dark = 0;
    Line<N> above, above_same;
    for (int i = 0, phase = 0; i < width; ++i, phase = phase + 1 < kPeriod ? phase + 1 : 0) {
      const Line<N> row = masked_row(mask, i, phase, format);
      const Line<N> column =
          (columns[i] ^ (flip_line<N>(kColumnFlips, mask, phase) & column_data[i])) |
          format.column(i);
      Line<N> same;
      if constexpr (N == 1) {
        const Line<1, WordPair> both{{WordPair{row.words[0], column.words[0]}}};
        const Line<1, WordPair> both_pairs{{WordPair{pairs.words[0], pairs.words[0]}}};
        const Line<1, WordPair> both_same = same_as_next(both, both_pairs);
        penalty[mask] += line_penalty(both, both_same, width);
        same = lane(both_same, 0);
      } else {
        same = same_as_next(row, pairs);
        penalty[mask] += line_penalty(row, same, width) +
                         line_penalty(column, same_as_next(column, pairs), width);
      }
      dark += row.count();
      if (i > 0) {
        // N2: blocks whose top left module is x in the row above.
        const Line<N> same_below = ~(above ^ row);
        penalty[mask] += 3 * (same_below & same_below.ahead(1) & above_same).count();
      }
      above = row;
      above_same = same;
    }
    const int area = width * width;
    const int percent = (200 * dark + area) / area / 2;
    penalty[mask] += std::abs(percent - 50) / 5 * 10;
  }

  if (masked) {
    const int best = static_cast<int>(std::min_element(penalty.begin(), penalty.end()) -
                                      penalty.begin());  // the first of equals, as Mask_mask
    const FormatLines<N> format(format_at, format_information(best, level));
    masked->resize(static_cast<std::size_t>(width) * N);
    for (int y = 0, phase = 0; y < width; ++y, phase = phase + 1 < kPeriod ? phase + 1 : 0) {
      const Line<N> row = masked_row(best, y, phase, format);
      std::copy(row.words.begin(), row.words.end(), masked->begin() + y * N);
    }
  }
  return penalty;
}

CLONED_FOR_NEWER_X86_64 std::array<int, kMasks> select_mask(const std::uint8_t* frame, int width,
                                                            QRecLevel level,
                                                            std::vector<std::uint64_t>* masked) {
  if (width <= 64) return select_mask<1>(frame, width, level, masked);
  if (width <= 128) return select_mask<2>(frame, width, level, masked);
  return select_mask<3>(frame, width, level, masked);
}

}  // namespace

std::array<int, 8> qr_mask_demerits(const std::uint8_t* unmasked, int width, QRecLevel level) {
  return select_mask(unmasked, width, level, nullptr);
}

bool encode_qr(const std::uint8_t* data, std::size_t size, QRecLevel level, QrModules& out) {
  QrFrame& frame = thread_scratch<QrFrame>();
  if (!encode_qr_frame(data, size, level, frame)) return false;
  out.version = frame.version;
  out.width = frame.width;
  select_mask(frame.modules.data(), frame.width, level, &out.rows);
  return true;
}

}  // namespace dotlabel::render
