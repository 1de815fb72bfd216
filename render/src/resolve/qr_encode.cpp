// QR symbols encoded here, the way libqrencode 4.1.1 encodes one 8-bit segment (ISO/IEC 18004).
//
// libqrencode builds each symbol through linked lists of input, a bit stream that grows one bit
// at a time, a generic Reed-Solomon coder and a module walk that tests every module it passes:
// ~76,000 instructions for a label's version 4 code, about a tenth of a batch label's time in
// `dotlabel base64` (issue #18). The labels only ever need one 8-bit segment, so this file does
// that case alone: the version libqrencode chooses, the bit stream written a byte at a
// time, Reed-Solomon from log tables, and each version's function patterns and data-module order
// computed once and kept. The symbol must stay libqrencode's, or printed labels and
// goldens would change: tests/render_elements/qr_mask_test.cpp holds it to libqrencode, which
// stays a test dependency, frame for frame at every version and level.
#include "resolve/qr_encode.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <utility>

namespace dotlabel::render {
namespace {

constexpr int kMaxVersion = 40;

// The standard's tables, laid out as it prints them.
// clang-format off
// Per version: all codewords, and the error correction codewords at L, M, Q, H (ISO/IEC 18004
// Table 9).
constexpr std::array<std::uint16_t, kMaxVersion + 1> kCodewords{
    0,    26,   44,   70,   100,  134,  172,  196,  242,  292,  346,  404,  466,  532,
    581,  655,  733,  815,  901,  991,  1085, 1156, 1258, 1364, 1474, 1588, 1706, 1828,
    1921, 2051, 2185, 2323, 2465, 2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706};
constexpr std::array<std::array<std::uint16_t, 4>, kMaxVersion + 1> kEccCodewords{{
    {0, 0, 0, 0},           {7, 10, 13, 17},        {10, 16, 22, 28},       {15, 26, 36, 44},
    {20, 36, 52, 64},       {26, 48, 72, 88},       {36, 64, 96, 112},      {40, 72, 108, 130},
    {48, 88, 132, 156},     {60, 110, 160, 192},    {72, 130, 192, 224},    {80, 150, 224, 264},
    {96, 176, 260, 308},    {104, 198, 288, 352},   {120, 216, 320, 384},   {132, 240, 360, 432},
    {144, 280, 408, 480},   {168, 308, 448, 532},   {180, 338, 504, 588},   {196, 364, 546, 650},
    {224, 416, 600, 700},   {224, 442, 644, 750},   {252, 476, 690, 816},   {270, 504, 750, 900},
    {300, 560, 810, 960},   {312, 588, 870, 1050},  {336, 644, 952, 1110},  {360, 700, 1020, 1200},
    {390, 728, 1050, 1260}, {420, 784, 1140, 1350}, {450, 812, 1200, 1440}, {480, 868, 1290, 1530},
    {510, 924, 1350, 1620}, {540, 980, 1440, 1710}, {570, 1036, 1530, 1800}, {570, 1064, 1590, 1890},
    {600, 1120, 1680, 1980}, {630, 1204, 1770, 2100}, {660, 1260, 1860, 2220}, {720, 1316, 1950, 2310},
    {750, 1372, 2040, 2430},
}};
// Per version and level: how many blocks of the shorter length, and of one data codeword more
// (Table 9). Every block of a symbol has the same number of error correction codewords.
constexpr std::array<std::array<std::array<std::uint8_t, 2>, 4>, kMaxVersion + 1> kBlocks{{
    {{{0, 0}, {0, 0}, {0, 0}, {0, 0}}},      {{{1, 0}, {1, 0}, {1, 0}, {1, 0}}},
    {{{1, 0}, {1, 0}, {1, 0}, {1, 0}}},      {{{1, 0}, {1, 0}, {2, 0}, {2, 0}}},
    {{{1, 0}, {2, 0}, {2, 0}, {4, 0}}},      {{{1, 0}, {2, 0}, {2, 2}, {2, 2}}},
    {{{2, 0}, {4, 0}, {4, 0}, {4, 0}}},      {{{2, 0}, {4, 0}, {2, 4}, {4, 1}}},
    {{{2, 0}, {2, 2}, {4, 2}, {4, 2}}},      {{{2, 0}, {3, 2}, {4, 4}, {4, 4}}},
    {{{2, 2}, {4, 1}, {6, 2}, {6, 2}}},      {{{4, 0}, {1, 4}, {4, 4}, {3, 8}}},
    {{{2, 2}, {6, 2}, {4, 6}, {7, 4}}},      {{{4, 0}, {8, 1}, {8, 4}, {12, 4}}},
    {{{3, 1}, {4, 5}, {11, 5}, {11, 5}}},    {{{5, 1}, {5, 5}, {5, 7}, {11, 7}}},
    {{{5, 1}, {7, 3}, {15, 2}, {3, 13}}},    {{{1, 5}, {10, 1}, {1, 15}, {2, 17}}},
    {{{5, 1}, {9, 4}, {17, 1}, {2, 19}}},    {{{3, 4}, {3, 11}, {17, 4}, {9, 16}}},
    {{{3, 5}, {3, 13}, {15, 5}, {15, 10}}},  {{{4, 4}, {17, 0}, {17, 6}, {19, 6}}},
    {{{2, 7}, {17, 0}, {7, 16}, {34, 0}}},   {{{4, 5}, {4, 14}, {11, 14}, {16, 14}}},
    {{{6, 4}, {6, 14}, {11, 16}, {30, 2}}},  {{{8, 4}, {8, 13}, {7, 22}, {22, 13}}},
    {{{10, 2}, {19, 4}, {28, 6}, {33, 4}}},  {{{8, 4}, {22, 3}, {8, 26}, {12, 28}}},
    {{{3, 10}, {3, 23}, {4, 31}, {11, 31}}}, {{{7, 7}, {21, 7}, {1, 37}, {19, 26}}},
    {{{5, 10}, {19, 10}, {15, 25}, {23, 25}}}, {{{13, 3}, {2, 29}, {42, 1}, {23, 28}}},
    {{{17, 0}, {10, 23}, {10, 35}, {19, 35}}}, {{{17, 1}, {14, 21}, {29, 19}, {11, 46}}},
    {{{13, 6}, {14, 23}, {44, 7}, {59, 1}}}, {{{12, 7}, {12, 26}, {39, 14}, {22, 41}}},
    {{{6, 14}, {6, 34}, {46, 10}, {2, 64}}}, {{{17, 4}, {29, 14}, {49, 10}, {24, 46}}},
    {{{4, 18}, {13, 32}, {48, 14}, {42, 32}}}, {{{20, 4}, {40, 7}, {43, 22}, {10, 67}}},
    {{{19, 6}, {18, 31}, {34, 34}, {20, 61}}},
}};
// Per version: the centres of the alignment patterns after 6, the second and the third (Annex
// E); the others follow at the same spacing. Version 1 has none; 2 to 6 one.
constexpr std::array<std::array<std::uint8_t, 2>, kMaxVersion + 1> kAlignment{{
    {0, 0},   {0, 0},   {18, 0},  {22, 0},  {26, 0},  {30, 0},  {34, 0},  {22, 38}, {24, 42},
    {26, 46}, {28, 50}, {30, 54}, {32, 58}, {34, 62}, {26, 46}, {26, 48}, {26, 50}, {30, 54},
    {30, 56}, {30, 58}, {34, 62}, {28, 50}, {26, 50}, {30, 54}, {28, 54}, {32, 58}, {30, 58},
    {34, 62}, {26, 50}, {30, 54}, {26, 52}, {30, 56}, {34, 60}, {30, 58}, {34, 62}, {30, 54},
    {24, 50}, {28, 54}, {32, 58}, {26, 54}, {30, 58},
}};
// clang-format on

constexpr int width_of(int version) {
  return 17 + 4 * version;
}

// Bits left over after the last codeword (Table 1).
constexpr int remainder_bits(int version) {
  return version < 2    ? 0
         : version < 7  ? 7
         : version < 14 ? 0
         : version < 21 ? 3
         : version < 28 ? 4
         : version < 35 ? 3
                        : 0;
}

int data_codewords(int version, QRecLevel level) {
  return kCodewords[static_cast<std::size_t>(version)] -
         kEccCodewords[static_cast<std::size_t>(version)][level];
}

// The 8-bit mode's character count indicator: 8 bits up to version 9, 16 from 10.
int count_bits(int version) {
  return version <= 9 ? 8 : 16;
}

constexpr int kModeBits = 4;
constexpr std::uint32_t kMode8 = 0b0100;

// The segment's bits at `version`: mode, count and the bytes. (At the versions where the count
// has 8 bits, 255 bytes never fit, so the segment is always one.)
std::size_t segment_bits(std::size_t size, int version) {
  return kModeBits + static_cast<std::size_t>(count_bits(version)) + 8 * size;
}

// The smallest version whose data codewords hold the segment, or 0. libqrencode gets there
// through an estimate (QRinput_estimateVersion) and then raises the version until the stream
// fits; for one 8-bit segment that ends on the smallest version at every length and level
// (tests/render_elements/qr_mask_test.cpp tries them all).
int choose_version(std::size_t size, QRecLevel level) {
  for (int version = 1; version <= kMaxVersion; ++version)
    if (segment_bits(size, version) <= static_cast<std::size_t>(data_codewords(version, level)) * 8)
      return version;
  return 0;
}

// GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D): antilogarithms twice over, so
// that a sum of two logarithms needs no reduction.
struct Galois {
  std::array<std::uint8_t, 512> exp{};
  std::array<std::uint8_t, 256> log{};
};
constexpr Galois kGalois = [] {
  Galois g;
  unsigned x = 1;
  for (int i = 0; i < 255; ++i) {
    g.exp[static_cast<std::size_t>(i)] = g.exp[static_cast<std::size_t>(i) + 255] =
        static_cast<std::uint8_t>(x);
    g.log[x] = static_cast<std::uint8_t>(i);
    x <<= 1;
    if (x & 0x100) x ^= 0x11D;
  }
  return g;
}();

// The generator polynomials (x - a^0)(x - a^1)...(x - a^(n-1)) of every length n up to 30 (the
// most a block has): the logarithms of the coefficients of x^(n-1) down to x^0, the leading 1
// left out.
constexpr int kMaxEcc = 30;
constexpr auto kGenerators = [] {
  std::array<std::array<std::uint8_t, kMaxEcc>, kMaxEcc + 1> logs{};
  for (int n = 1; n <= kMaxEcc; ++n) {
    std::array<std::uint8_t, kMaxEcc + 1> poly{};  // poly[i]: coefficient of x^(n - i)
    poly[0] = 1;
    for (int root = 0; root < n; ++root)  // times (x + a^root)
      for (int i = root + 1; i > 0; --i) {
        const std::uint8_t c = poly[static_cast<std::size_t>(i - 1)];
        if (c)
          poly[static_cast<std::size_t>(i)] ^=
              kGalois.exp[static_cast<std::size_t>(kGalois.log[c] + root)];
      }
    for (int i = 0; i < n; ++i)
      logs[static_cast<std::size_t>(n)][static_cast<std::size_t>(i)] =
          kGalois.log[poly[static_cast<std::size_t>(i + 1)]];
  }
  return logs;
}();

// The `ecc` error correction codewords of a block: the remainder of data(x) x^ecc divided by
// the generator.
void reed_solomon(const std::uint8_t* data, int size, int ecc, std::uint8_t* out) {
  const auto& generator = kGenerators[static_cast<std::size_t>(ecc)];
  std::array<std::uint8_t, kMaxEcc + 1> r{};
  for (int i = 0; i < size; ++i) {
    const std::uint8_t factor = data[i] ^ r[0];
    std::copy(r.begin() + 1, r.begin() + ecc, r.begin());
    r[static_cast<std::size_t>(ecc - 1)] = 0;
    if (!factor) continue;
    const int log = kGalois.log[factor];
    for (int j = 0; j < ecc; ++j)
      r[static_cast<std::size_t>(j)] ^=
          kGalois.exp[static_cast<std::size_t>(log + generator[static_cast<std::size_t>(j)])];
  }
  std::copy(r.begin(), r.begin() + ecc, out);
}

// The 18 bits of version information: the version and its BCH(18,6) check (Annex D).
constexpr std::uint32_t version_information(int version) {
  std::uint32_t check = static_cast<std::uint32_t>(version) << 12;
  for (int bit = 17; bit >= 12; --bit)
    if (check >> bit & 1) check ^= 0x1F25u << (bit - 12);
  return static_cast<std::uint32_t>(version) << 12 | check;
}

// Module kinds as libqrencode marks them (bit 7: not data).
constexpr std::uint8_t kFinder = 0xC0, kFormat = 0x84, kTiming = 0x90, kAlignmentMark = 0xA0,
                       kVersionInfo = 0x88, kDarkModule = 0x81;

// A version's function patterns, and where its data modules are in the order codeword bits
// fill them: from the bottom right, two columns at a time, up and down in turn, the timing
// column passed over.
struct Layout {
  std::vector<std::uint8_t> frame;
  std::vector<std::uint16_t> order;  // width^2 <= 31,329: indexes fit 16 bits
};

Layout make_layout(int version) {
  const int w = width_of(version);
  Layout layout;
  std::vector<std::uint8_t>& f = layout.frame;
  f.assign(static_cast<std::size_t>(w) * w, 0);
  auto at = [&](int x, int y) -> std::uint8_t& { return f[static_cast<std::size_t>(y) * w + x]; };
  // Finders, dark rings 7 and 3 wide around a light one, and their light separators.
  for (auto [ox, oy] : {std::pair{0, 0}, std::pair{w - 7, 0}, std::pair{0, w - 7}}) {
    for (int y = -1; y <= 7; ++y)
      for (int x = -1; x <= 7; ++x) {
        if (ox + x < 0 || ox + x >= w || oy + y < 0 || oy + y >= w) continue;
        const int ring = std::max(std::abs(x - 3), std::abs(y - 3));
        at(ox + x, oy + y) = kFinder | (ring != 2 && ring <= 3 ? 1 : 0);
      }
  }
  // The format information's modules, reserved and light.
  for (int i = 0; i <= 8; ++i) at(i, 8) = at(8, i) = kFormat;
  for (int i = 0; i < 8; ++i) at(w - 1 - i, 8) = kFormat;
  for (int i = 0; i < 7; ++i) at(8, w - 1 - i) = kFormat;
  // Timing: dark on even positions, between the finders.
  for (int i = 8; i <= w - 9; ++i) at(i, 6) = at(6, i) = kTiming | (i % 2 == 0 ? 1 : 0);
  // Alignment patterns: 5 x 5, dark ring, light ring, dark centre; none over a finder.
  if (version >= 2) {
    const auto [first, second] = kAlignment[static_cast<std::size_t>(version)];
    std::vector<int> centres{6, first};
    if (second)
      for (int c = second; c < w; c += second - first) centres.push_back(c);
    for (int cy : centres)
      for (int cx : centres) {
        if ((cx == 6 && cy == 6) || (cx == 6 && cy == centres.back()) ||
            (cx == centres.back() && cy == 6))
          continue;
        for (int y = -2; y <= 2; ++y)
          for (int x = -2; x <= 2; ++x)
            at(cx + x, cy + y) = kAlignmentMark | (std::max(std::abs(x), std::abs(y)) != 1 ? 1 : 0);
      }
  }
  // Version information, 6 x 3 above the bottom left finder and 3 x 6 left of the top right.
  if (version >= 7) {
    const std::uint32_t bits = version_information(version);
    for (int i = 0; i < 18; ++i) {
      const std::uint8_t module = kVersionInfo | (bits >> i & 1);
      at(i / 3, w - 11 + i % 3) = module;
      at(w - 11 + i % 3, i / 3) = module;
    }
  }
  at(8, w - 8) = kDarkModule;
  // The data modules' order.
  layout.order.reserve(static_cast<std::size_t>(kCodewords[static_cast<std::size_t>(version)]) * 8 +
                       static_cast<std::size_t>(remainder_bits(version)));
  bool upward = true;
  for (int right = w - 1; right > 0; right -= 2) {
    if (right == 6) right = 5;
    for (int step = 0; step < w; ++step) {
      const int y = upward ? w - 1 - step : step;
      for (int x = right; x >= right - 1; --x)
        if (!(at(x, y) & 0x80)) layout.order.push_back(static_cast<std::uint16_t>(y * w + x));
    }
    upward = !upward;
  }
  return layout;
}

const Layout& layout(int version) {
  static std::array<std::once_flag, kMaxVersion + 1> made;
  static std::array<Layout, kMaxVersion + 1> layouts;
  const auto v = static_cast<std::size_t>(version);
  std::call_once(made[v], [&] { layouts[v] = make_layout(version); });
  return layouts[v];
}

}  // namespace

bool encode_qr_frame(const std::uint8_t* data, std::size_t size, QRecLevel level, QrFrame& out) {
  if (size == 0 || level < QR_ECLEVEL_L || level > QR_ECLEVEL_H) {
    errno = EINVAL;
    return false;
  }
  // More than version 40 holds at any level, and more than the bit counts below could count.
  constexpr std::size_t kMostBytes = 2953;
  const int version = size <= kMostBytes ? choose_version(size, level) : 0;
  if (version == 0) {
    errno = ERANGE;
    return false;
  }
  const int data_length = data_codewords(version, level);
  const std::size_t bits = segment_bits(size, version);

  // The bit stream: mode, count and bytes, then the terminator and padding as
  // QRinput_appendPaddingBit writes them.
  std::array<std::uint8_t, kCodewords.back()> codewords;  // more than any symbol's data
  std::size_t filled = 0;
  std::uint64_t pending = 0;
  int pending_bits = 0;
  auto put = [&](std::uint32_t value, int count) {
    pending = pending << count | value;
    pending_bits += count;
    while (pending_bits >= 8) {
      pending_bits -= 8;
      codewords[filled++] = static_cast<std::uint8_t>(pending >> pending_bits);
    }
  };
  put(kMode8, kModeBits);
  put(static_cast<std::uint32_t>(size), count_bits(version));
  for (std::size_t i = 0; i < size; ++i) put(data[i], 8);
  const std::size_t max_bits = static_cast<std::size_t>(data_length) * 8;
  if (max_bits - bits <= 4) {
    put(0, static_cast<int>(max_bits - bits));
  } else {
    put(0, static_cast<int>((bits + 4 + 7) / 8 * 8 - bits));
    for (std::uint8_t pad = 0xEC; filled < static_cast<std::size_t>(data_length);
         pad = pad == 0xEC ? 0x11 : 0xEC)
      codewords[filled++] = pad;
  }

  // Blocks: b1 of `short_length` data codewords, then b2 of one more, each with `ecc` more.
  const auto [b1, b2] = kBlocks[static_cast<std::size_t>(version)][level];
  const int blocks = b1 + b2;
  const int ecc = kEccCodewords[static_cast<std::size_t>(version)][level] / blocks;
  const int short_length = data_length / blocks;
  std::array<std::uint8_t, kMaxEcc * 81> ecc_codewords;  // at most 81 blocks
  for (int b = 0, start = 0; b < blocks; ++b) {
    const int length = short_length + (b >= b1 ? 1 : 0);
    reed_solomon(codewords.data() + start, length, ecc, ecc_codewords.data() + b * ecc);
    start += length;
  }

  // Codewords interleaved, a column of the blocks at a time, each bit MSB first onto the next
  // data module; the remainder modules stay light.
  const Layout& l = layout(version);
  out.version = version;
  out.width = width_of(version);
  out.modules = l.frame;
  const std::uint16_t* next = l.order.data();
  auto place = [&](std::uint8_t codeword) {
    for (int bit = 7; bit >= 0; --bit) out.modules[*next++] = codeword >> bit & 1;
  };
  for (int column = 0; column <= short_length; ++column)
    for (int b = column < short_length ? 0 : b1; b < blocks; ++b) {  // the last: long blocks'
      const int start = b * short_length + std::max(0, b - b1);
      place(codewords[static_cast<std::size_t>(start + column)]);
    }
  for (int column = 0; column < ecc; ++column)
    for (int b = 0; b < blocks; ++b)
      place(ecc_codewords[static_cast<std::size_t>(b * ecc + column)]);
  return true;
}

}  // namespace dotlabel::render
