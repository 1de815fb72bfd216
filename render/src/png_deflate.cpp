#include "png_deflate.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "thread_scratch.hpp"

namespace dotlabel::render {
namespace {

constexpr std::size_t kMinMatch = 3, kMaxMatch = 258, kMaxDistance = 32768;
// A match from the hashed candidate is taken from this length: its distance has a code of its
// own, and shorter ones made the golden labels larger than literals did (bench/png_levels.cpp).
constexpr std::size_t kFarMatch = 16;
constexpr std::size_t kMaxStored = 65535;  // bytes in one stored block
// Tokens per block: bounds the writer's memory whatever the image, and lets each part of a long
// strip have the code that fits it.
constexpr std::size_t kBlockTokens = 1 << 15;

// 288 literal/length symbols as the fixed code defines them (its canonical codes count 286 and
// 287); a block's own code never uses those two.
constexpr int kLiteralSymbols = 288, kDistanceSymbols = 30, kLengthCodes = 19;
constexpr int kEndOfBlock = 256, kFirstLength = 257;
constexpr int kMaxCodeBits = 15, kMaxLengthCodeBits = 7;
// A match's bits: its length code and 5 extra bits, its distance code and 13 extra bits.
constexpr int kMaxMatchBits = kMaxCodeBits + 5 + kMaxCodeBits + 13;

// RFC 1951, 3.2.5: the base and extra bits of each length and distance symbol.
constexpr std::array<std::uint16_t, 29> kLengthBase{3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                                    15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                                    67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<std::uint8_t, 29> kLengthExtra{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                    2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<std::uint32_t, 30> kDistanceBase{
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<std::uint8_t, 30> kDistanceExtra{0, 0, 0,  0,  1,  1,  2,  2,  3,  3,
                                                      4, 4, 5,  5,  6,  6,  7,  7,  8,  8,
                                                      9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
// RFC 1951, 3.2.7: the order in which the code-length code's lengths are sent.
constexpr std::array<std::uint8_t, kLengthCodes> kLengthCodeOrder{
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// The length symbol (0-28, after 257) of every match length 3-258.
constexpr std::array<std::uint8_t, kMaxMatch + 1> kLengthSymbol = [] {
  std::array<std::uint8_t, kMaxMatch + 1> table{};
  for (std::size_t length = kMinMatch, symbol = 0; length <= kMaxMatch; ++length) {
    while (symbol + 1 < kLengthBase.size() && kLengthBase[symbol + 1] <= length) ++symbol;
    table[length] = static_cast<std::uint8_t>(symbol);
  }
  return table;
}();

// The distance symbol of every distance 1-32768: of d - 1 below 256, else of (d - 1) >> 7 at
// 256 + that (symbols 16 and up span multiples of 128).
constexpr std::array<std::uint8_t, 512> kDistanceSymbolOf = [] {
  std::array<std::uint8_t, 512> table{};
  auto symbol_of = [](std::size_t distance) {
    std::uint8_t symbol = 0;
    while (symbol + 1 < kDistanceSymbols && kDistanceBase[symbol + 1u] <= distance) ++symbol;
    return symbol;
  };
  for (std::size_t d = 1; d <= 256; ++d) table[d - 1] = symbol_of(d);
  for (std::size_t high = 2; high < 256; ++high) table[256 + high] = symbol_of((high << 7) + 1);
  return table;
}();

std::size_t distance_symbol(std::size_t distance) {
  return kDistanceSymbolOf[distance <= 256 ? distance - 1 : 256 + ((distance - 1) >> 7)];
}

// A token is a literal byte (0-255), or a match: kMatch | (length - 3) | distance << 9 |
// distance symbol << 25 (found once, when the match is counted).
using Token = std::uint32_t;
constexpr Token kMatch = 0x100;
constexpr int kDistanceShift = 9, kDistanceSymbolShift = 25;

// Content that repeats elsewhere than one row up or to the left (the same glyph further along a
// line, the same word a few lines down) is found through a table of the last position where
// each hash of 4 bytes was seen: one candidate, as zlib's fastest level keeps, and only at the
// bytes the two fixed distances do not cover, so blank paper never pays for it.
constexpr int kHashBits = 13;
// A label has little to find that way, and each lookup that finds nothing costs about as much
// as writing a literal: a tenth of a batch label's time in `dotlabel base64`, for labels 2 %
// larger than the matches one row up alone made them. So, as LZ4 does, lookups (and with them
// the positions kept in the table) thin out while they find nothing: after every
// 2^kSkipStrength misses in a row, one byte more is passed over before the next, up to
// kMaxSkip. A match found resumes every byte. What is lost: a repeat that comes after a long
// stretch found nowhere is seen only where both its positions were looked at (receipts 0.8 to
// 5 % larger, docs/performance.md).
constexpr int kSkipStrength = 2;
constexpr std::size_t kMaxSkip = 32;
// Of the stream's bytes, whichever way they are given: the same matches either way.
template <bool kComplemented>
std::uint32_t hash4(const std::uint8_t* at) {
  std::uint32_t value;
  std::memcpy(&value, at, 4);
  if constexpr (kComplemented) value = ~value;
  return (value * 2654435761u) >> (32 - kHashBits);
}

std::uint64_t word(const std::uint8_t* at) {
  std::uint64_t value;
  std::memcpy(&value, at, 8);
  return value;
}

// Where the first of 8 bytes that differ is, from their XOR (not 0): the lowest byte in memory
// order is the lowest one on a little-endian machine.
std::size_t first_difference(std::uint64_t differ) {
  const int bit = std::endian::native == std::endian::little ? std::countr_zero(differ)
                                                             : std::countl_zero(differ);
  return static_cast<std::size_t>(bit / 8);
}

// common_length() past its first 16 bytes. Blank paper makes this the writer's hot loop: 64
// bytes per step while they are equal, then the first byte that differs found from the step's
// own comparisons.
[[gnu::noinline]] std::size_t long_common_length(const std::uint8_t* a, const std::uint8_t* b,
                                                 std::size_t max) {
  std::size_t n = 0;
#if defined(__SSE2__)
  auto equal = [&](std::size_t at) {  // 0xFF where the bytes are equal, 16 of them
    return _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a + at)),
                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + at)));
  };
  auto bits = [](__m128i equal) {  // one bit a byte
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(equal)));
  };
  for (; n + 64 <= max; n += 64) {
    const __m128i e0 = equal(n), e1 = equal(n + 16), e2 = equal(n + 32), e3 = equal(n + 48);
    if (bits(_mm_and_si128(_mm_and_si128(e0, e1), _mm_and_si128(e2, e3))) != 0xFFFF) {
      const std::uint64_t same = bits(e0) | bits(e1) << 16 | bits(e2) << 32 | bits(e3) << 48;
      return n + static_cast<std::size_t>(std::countr_one(same));
    }
  }
  for (; n + 16 <= max; n += 16)
    if (const std::uint64_t same = bits(equal(n)); same != 0xFFFF)
      return n + static_cast<std::size_t>(std::countr_one(same));
#endif
  for (; n + 8 <= max; n += 8)
    if (std::uint64_t differ = word(a + n) ^ word(b + n)) return n + first_difference(differ);
  while (n < max && a[n] == b[n]) ++n;
  return n;
}

// How many bytes from `a` equal those from `b`, at most `max`. Most matches inside text end in
// their first 16 bytes: those are compared here, inline, for less than the call would cost.
std::size_t common_length(const std::uint8_t* a, const std::uint8_t* b, std::size_t max) {
  if (max < 16) return long_common_length(a, b, max);
  if (std::uint64_t differ = word(a) ^ word(b)) return first_difference(differ);
  if (std::uint64_t differ = word(a + 8) ^ word(b + 8)) return 8 + first_difference(differ);
  return 16 + long_common_length(a + 16, b + 16, max - 16);
}

// Code lengths of a Huffman code for `frequency` of at most `limit` bits (0 for symbols not
// used; at least two symbols must be used, so the code is complete). When the tree is too
// deep, the frequencies are halved and the tree built again: flatter each time, and a code
// this small (at most 286 symbols) reaches the limit in a pass or two.
//
// A label's block is small (~1,600 tokens) and each is coded once, with the branch predictor
// cold: the code was an eighth of a batch label's time when built with std::sort and a branch
// per node. So the symbols are sorted by counting and the tree is built without a branch that
// depends on the weights. The code is the same as a sort by (frequency, symbol) and the classic
// two queues give, leaves first on equal weights.
template <std::size_t N>
std::array<std::uint8_t, N> huffman_lengths(std::array<std::uint32_t, N> frequency, int limit) {
  std::array<std::uint8_t, N> lengths{};
  // Frequency above, symbol below: ordering the keys orders by frequency, then by symbol.
  constexpr int kSymbolBits = 9;
  static_assert(N <= 1u << kSymbolBits && kBlockTokens < 1u << (32 - kSymbolBits));
  constexpr std::uint32_t kLast = N - 1;  // the bucket of every frequency from N - 1 up
  // One more than the symbols: unused symbols are all put in the slot after the leaves.
  std::array<std::uint32_t, N + 1> keys;
  // Leaves' weights then a sentinel; inner nodes' weights, each followed by a sentinel until
  // it is made. A sentinel is never taken: each step takes the lighter of the two queues' heads.
  constexpr std::uint64_t kNone = ~std::uint64_t{0};
  std::array<std::uint64_t, N + 1> leaf_weight;
  std::array<std::uint64_t, N> inner_weight;
  // Parents of leaves (0..N-1) and of inner nodes (N..2N-1), as inner node numbers.
  std::array<std::uint16_t, 2 * N> parent;
  std::array<std::uint8_t, N> inner_depth;  // capped at 255: only whether it passes `limit` counts
  for (;;) {
    // Counting sort by frequency, stable: symbols in order within each bucket, and only the
    // last bucket (the few most frequent symbols) sorted again, by key.
    std::array<std::uint16_t, N + 1> start{};
    for (std::size_t s = 0; s < N; ++s) ++start[std::min(frequency[s], kLast) + 1];
    const std::size_t unused = start[1];
    start[1] = 0;
    for (std::size_t b = 2; b <= N; ++b) start[b] += start[b - 1];
    const std::size_t leaves = N - unused;
    // Unused symbols (bucket 0) all go to slot `leaves`, past the leaves.
    start[0] = static_cast<std::uint16_t>(leaves);
    const std::size_t last = start[kLast];
    for (std::size_t s = 0; s < N; ++s) {
      const std::uint32_t f = frequency[s], bucket = std::min(f, kLast);
      keys[start[bucket]] = f << kSymbolBits | static_cast<std::uint32_t>(s);
      start[bucket] += f != 0;
    }
    std::sort(keys.begin() + static_cast<std::ptrdiff_t>(last),
              keys.begin() + static_cast<std::ptrdiff_t>(leaves));
    for (std::size_t i = 0; i < leaves; ++i) leaf_weight[i] = keys[i] >> kSymbolBits;
    leaf_weight[leaves] = kNone;
    inner_weight[0] = kNone;
    std::size_t next_leaf = 0, next_inner = 0;
    for (std::size_t node = 0; node + 1 < leaves; ++node) {
      std::uint64_t sum = 0;
      for (int child = 0; child < 2; ++child) {
        const std::uint64_t a = leaf_weight[next_leaf], b = inner_weight[next_inner];
        const bool leaf = a <= b;
        parent[leaf ? next_leaf : N + next_inner] = static_cast<std::uint16_t>(node);
        sum += leaf ? a : b;
        next_leaf += leaf;
        next_inner += !leaf;
      }
      inner_weight[node] = sum;
      inner_weight[node + 1] = kNone;
    }
    // Inner nodes were made children first: the root is the last, each parent after its child.
    // (At least two leaves, as said above; the max only tells the compiler.)
    const std::size_t root = std::max<std::size_t>(leaves, 2) - 2;
    inner_depth[root] = 0;
    for (std::size_t node = root; node-- > 0;) {
      const unsigned d = inner_depth[parent[N + node]] + 1u;
      inner_depth[node] = static_cast<std::uint8_t>(std::min(d, 255u));
    }
    int deepest = 0;
    for (std::size_t i = 0; i < leaves; ++i) {
      const int d = inner_depth[parent[i]] + 1;
      deepest = std::max(deepest, d);
      lengths[keys[i] & ((1u << kSymbolBits) - 1)] = static_cast<std::uint8_t>(std::min(d, 255));
    }
    if (deepest <= limit) return lengths;
    for (std::uint32_t& f : frequency) f = (f + 1) / 2;  // a used symbol stays used
  }
}

constexpr std::array<std::uint8_t, 256> kReversedByte = [] {
  std::array<std::uint8_t, 256> table{};
  for (unsigned b = 0; b < 256; ++b)
    for (int i = 0; i < 8; ++i)
      if (b & (1u << i)) table[b] |= static_cast<std::uint8_t>(0x80u >> i);
  return table;
}();

// Canonical codes (RFC 1951, 3.2.2), bit-reversed: Huffman codes go out first bit first.
template <std::size_t N>
std::array<std::uint16_t, N> canonical_codes(const std::array<std::uint8_t, N>& lengths) {
  std::array<int, kMaxCodeBits + 1> count{};
  for (std::uint8_t length : lengths) ++count[length];
  count[0] = 0;
  std::array<int, kMaxCodeBits + 1> next{};
  for (int bits = 1, code = 0; bits <= kMaxCodeBits; ++bits) {
    code = (code + count[bits - 1]) << 1;
    next[bits] = code;
  }
  // Unused symbols (length 0) take codes from next[0] too, without a branch: shifted right by
  // 16, each comes out 0.
  std::array<std::uint16_t, N> codes;
  for (std::size_t s = 0; s < N; ++s) {
    const int length = lengths[s];
    const unsigned code = static_cast<unsigned>(next[length]++);
    codes[s] = static_cast<std::uint16_t>(
        (kReversedByte[code & 0xFF] << 8 | kReversedByte[code >> 8 & 0xFF]) >> (16 - length));
  }
  return codes;
}

// Bits out, first bit in the lowest place of each byte (RFC 1951, 3.1.1). Bits gather in 64:
// flush() stores all eight bytes of the buffer and keeps the whole bytes of them, without a
// branch, so the output has 8 bytes of room past what is written. Passed by value, in and out:
// a copy's state stays in registers, where stores through the byte pointer would make the
// compiler reload the members of an object in memory after each.
class BitWriter {
 public:
  explicit BitWriter(std::vector<std::uint8_t>& out) : out_(&out), next_(out.data() + out.size()) {}
  // Room for `bytes` more, written or not; finish() trims what was not.
  void reserve(std::size_t bytes) {
    const std::size_t at = written();
    if (out_->size() < at + bytes + 8) out_->resize(at + bytes + 8);
    next_ = out_->data() + at;
  }
  // `count` <= 32, bits above it zero; at most kMaxPending bits between two flushes (one flush
  // leaves at most 7).
  static constexpr int kMaxPending = 56;
  void add(std::uint32_t bits, int count) {
    buffer_ |= std::uint64_t{bits} << filled_;
    filled_ += count;
  }
  // Flushes unless `bits` more fit.
  void room_for(int bits) {
    if (filled_ > kMaxPending - bits) flush();
  }
  void flush() {
    std::uint64_t little = buffer_;
    if constexpr (std::endian::native == std::endian::big) little = __builtin_bswap64(little);
    std::memcpy(next_, &little, 8);
    next_ += filled_ >> 3;
    buffer_ >>= filled_ & ~7;
    filled_ &= 7;
  }
  void put(std::uint32_t bits, int count) {
    add(bits, count);
    flush();
  }
  void align() {  // zero bits up to the next byte
    flush();
    if (filled_ > 0) *next_++ = static_cast<std::uint8_t>(buffer_);
    filled_ = 0;
    buffer_ = 0;
  }
  void bytes(const std::uint8_t* data, std::size_t size) {  // after align()
    std::memcpy(next_, data, size);
    next_ += size;
  }
  void complemented_bytes(const std::uint8_t* data, std::size_t size) {  // after align()
    for (std::size_t i = 0; i < size; ++i) next_[i] = static_cast<std::uint8_t>(~data[i]);
    next_ += size;
  }
  void finish() {
    align();
    out_->resize(written());
  }

 private:
  std::size_t written() const { return static_cast<std::size_t>(next_ - out_->data()); }
  std::vector<std::uint8_t>* out_;
  std::uint8_t* next_;
  std::uint64_t buffer_ = 0;
  int filled_ = 0;
};

// One block's tokens, how often each symbol occurs, and the raw bytes they stand for.
struct Block {
  std::vector<Token> tokens;  // kBlockTokens long; the first `count` are this block's
  std::size_t count = 0;
  std::array<std::uint32_t, kLiteralSymbols> literals{};
  std::array<std::uint32_t, kDistanceSymbols> distances{};
  const std::uint8_t* raw = nullptr;
  std::size_t raw_size = 0;
  bool complemented = false;  // raw holds the complement of the stream's bytes
  // Where each hash of 4 bytes was last seen, as `base` + position. The table outlives the
  // stream instead of clearing 32 KB per image: each stream's `base` lies more than a window
  // past the entries of the streams before it (and past an empty slot's 0), so the one check of
  // distance that a match needs anyway rejects them too.
  std::vector<std::uint32_t> last_seen;  // 2^kHashBits
  std::uint32_t base = 0;
};

// The code-length sequence of a dynamic block's two codes, run-length coded (RFC 1951, 3.2.7).
struct LengthCodes {
  std::array<std::uint8_t, kLiteralSymbols + kDistanceSymbols> symbols{}, extra{};
  std::size_t size = 0;
  std::array<std::uint32_t, kLengthCodes> frequency{};
  void add(int symbol, int extra_value) {
    symbols[size] = static_cast<std::uint8_t>(symbol);
    extra[size++] = static_cast<std::uint8_t>(extra_value);
    ++frequency[static_cast<std::size_t>(symbol)];
  }
};
constexpr std::array<int, kLengthCodes> kLengthCodeExtraBits{0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                             0, 0, 0, 0, 0, 0, 2, 3, 7};

LengthCodes run_length_code(const std::uint8_t* lengths, std::size_t count) {
  LengthCodes codes;
  for (std::size_t i = 0; i < count;) {
    std::uint8_t value = lengths[i];
    std::size_t run = 1;
    while (i + run < count && lengths[i + run] == value) ++run;
    i += run;
    if (value == 0) {
      for (; run >= 11; run -= std::min<std::size_t>(run, 138))
        codes.add(18, static_cast<int>(std::min<std::size_t>(run, 138) - 11));
      if (run >= 3) codes.add(17, static_cast<int>(run - 3)), run = 0;
    } else {
      codes.add(value, 0);
      --run;
      for (; run >= 3; run -= std::min<std::size_t>(run, 6))
        codes.add(16, static_cast<int>(std::min<std::size_t>(run, 6) - 3));
    }
    for (; run > 0; --run) codes.add(value, 0);
  }
  return codes;
}

// Bits of the symbols' extra bits, the same under any code.
std::uint64_t extra_bits(const Block& block) {
  std::uint64_t bits = 0;
  for (std::size_t s = 0; s < kLengthExtra.size(); ++s)
    bits += std::uint64_t{block.literals[kFirstLength + s]} * kLengthExtra[s];
  for (std::size_t s = 0; s < kDistanceExtra.size(); ++s)
    bits += std::uint64_t{block.distances[s]} * kDistanceExtra[s];
  return bits;
}

template <std::size_t N>
std::uint64_t coded_bits(const std::array<std::uint32_t, N>& frequency,
                         const std::array<std::uint8_t, N>& lengths) {
  std::uint64_t bits = 0;
  for (std::size_t s = 0; s < N; ++s) bits += std::uint64_t{frequency[s]} * lengths[s];
  return bits;
}

// Two used symbols at least, so that every code is a complete Huffman code (a code of one
// symbol is not, and some inflaters refuse it).
template <std::size_t N>
void at_least_two(std::array<std::uint32_t, N>& frequency) {
  std::size_t used = static_cast<std::size_t>(
      std::count_if(frequency.begin(), frequency.end(), [](std::uint32_t f) { return f != 0; }));
  for (std::size_t s = 0; used < 2; ++s)
    if (!frequency[s]) frequency[s] = 1, ++used;
}

// The block's tokens and end under the given codes; returns the writer after them.
BitWriter write_tokens(const Block& block, const std::array<std::uint16_t, kLiteralSymbols>& codes,
                       const std::array<std::uint8_t, kLiteralSymbols>& lengths,
                       const std::array<std::uint16_t, kDistanceSymbols>& distance_codes,
                       const std::array<std::uint8_t, kDistanceSymbols>& distance_lengths,
                       BitWriter out) {
  // A match's length symbol and extra bits as one put, and each distance's likewise.
  std::array<std::uint32_t, 256> match_bits;
  std::array<std::uint8_t, 256> match_count;
  for (std::size_t length = kMinMatch; length <= kMaxMatch; ++length) {
    int s = kLengthSymbol[length];
    std::size_t symbol = static_cast<std::size_t>(kFirstLength + s);
    match_bits[length - kMinMatch] =
        codes[symbol] |
        (static_cast<std::uint32_t>(length - kLengthBase[static_cast<std::size_t>(s)])
         << lengths[symbol]);
    match_count[length - kMinMatch] =
        static_cast<std::uint8_t>(lengths[symbol] + kLengthExtra[static_cast<std::size_t>(s)]);
  }
  // Bytes written could alias the block: its tokens are read through pointers kept here.
  const Token* const end = block.tokens.data() + block.count;
  for (const Token* next = block.tokens.data(); next != end; ++next) {
    const Token token = *next;
    if (!(token & kMatch)) {
      out.room_for(kMaxCodeBits);  // up to three literals between two flushes
      out.add(codes[token], lengths[token]);
      continue;
    }
    out.room_for(kMaxMatchBits);
    std::size_t length = token & 0xFF;
    out.add(match_bits[length], match_count[length]);
    const std::size_t distance = token >> kDistanceShift & 0xFFFF,
                      s = token >> kDistanceSymbolShift;
    out.add(distance_codes[s] | static_cast<std::uint32_t>(distance - kDistanceBase[s])
                                    << distance_lengths[s],
            distance_lengths[s] + kDistanceExtra[s]);
  }
  out.put(codes[kEndOfBlock], lengths[kEndOfBlock]);
  return out;
}

// The fixed code (RFC 1951, 3.2.6).
constexpr std::array<std::uint8_t, kLiteralSymbols> kFixedLengths = [] {
  std::array<std::uint8_t, kLiteralSymbols> lengths{};
  for (std::size_t s = 0; s < lengths.size(); ++s)
    lengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
  return lengths;
}();
constexpr std::array<std::uint8_t, kDistanceSymbols> kFixedDistanceLengths = [] {
  std::array<std::uint8_t, kDistanceSymbols> lengths{};
  lengths.fill(5);
  return lengths;
}();

// Returns the writer after the block. Writers go by value here: see BitWriter.
BitWriter write_block(Block& block, bool last, BitWriter out) {
  block.literals[kEndOfBlock] = 1;
  const std::uint64_t extra = extra_bits(block);

  const std::uint64_t fixed_bits = 3 + extra + coded_bits(block.literals, kFixedLengths) +
                                   coded_bits(block.distances, kFixedDistanceLengths);

  std::array<std::uint32_t, kLiteralSymbols> literals = block.literals;
  std::array<std::uint32_t, kDistanceSymbols> distances = block.distances;
  at_least_two(literals);
  at_least_two(distances);
  const auto lengths = huffman_lengths(literals, kMaxCodeBits);
  const auto distance_lengths = huffman_lengths(distances, kMaxCodeBits);
  std::size_t literal_count = kLiteralSymbols, distance_count = kDistanceSymbols;
  while (literal_count > kFirstLength && !lengths[literal_count - 1]) --literal_count;
  while (distance_count > 1 && !distance_lengths[distance_count - 1]) --distance_count;
  std::array<std::uint8_t, kLiteralSymbols + kDistanceSymbols> all{};
  std::copy_n(lengths.begin(), literal_count, all.begin());
  std::copy_n(distance_lengths.begin(), distance_count, all.begin() + literal_count);
  LengthCodes header = run_length_code(all.data(), literal_count + distance_count);
  at_least_two(header.frequency);
  const auto header_lengths = huffman_lengths(header.frequency, kMaxLengthCodeBits);
  std::size_t header_count = kLengthCodes;
  while (header_count > 4 && !header_lengths[kLengthCodeOrder[header_count - 1]]) --header_count;
  std::uint64_t dynamic_bits =
      3 + 5 + 5 + 4 + 3 * header_count + coded_bits(header.frequency, header_lengths) + extra +
      coded_bits(block.literals, lengths) + coded_bits(block.distances, distance_lengths);
  for (std::size_t i = 0; i < header.size; ++i)
    dynamic_bits += static_cast<std::uint64_t>(kLengthCodeExtraBits[header.symbols[i]]);

  const std::size_t stored_blocks =
      std::max<std::size_t>(1, (block.raw_size + kMaxStored - 1) / kMaxStored);
  const std::uint64_t stored_bits =
      stored_blocks * (3 + 7 + 32) + 8 * std::uint64_t{block.raw_size};

  const std::uint32_t final_bit = last ? 1 : 0;
  if (stored_bits < fixed_bits && stored_bits < dynamic_bits) {
    out.reserve(static_cast<std::size_t>(stored_bits / 8) + 8);
    std::size_t left = block.raw_size;
    const std::uint8_t* raw = block.raw;
    do {
      std::size_t size = std::min(left, kMaxStored);
      left -= size;
      out.put(left == 0 ? final_bit : 0, 3);  // BTYPE 00
      out.align();
      const std::uint8_t head[4] = {
          static_cast<std::uint8_t>(size), static_cast<std::uint8_t>(size >> 8),
          static_cast<std::uint8_t>(~size), static_cast<std::uint8_t>(~size >> 8)};
      out.bytes(head, 4);
      if (block.complemented)
        out.complemented_bytes(raw, size);
      else
        out.bytes(raw, size);
      raw += size;
    } while (left > 0);
    return out;
  }
  if (fixed_bits <= dynamic_bits) {
    out.reserve(static_cast<std::size_t>(fixed_bits / 8) + 8);
    out.put(final_bit | 1u << 1, 3);
    return write_tokens(block, canonical_codes(kFixedLengths), kFixedLengths,
                        canonical_codes(kFixedDistanceLengths), kFixedDistanceLengths, out);
  }
  out.reserve(static_cast<std::size_t>(dynamic_bits / 8) + 8);
  out.put(final_bit | 2u << 1, 3);
  out.put(static_cast<std::uint32_t>(literal_count - kFirstLength), 5);
  out.put(static_cast<std::uint32_t>(distance_count - 1), 5);
  out.put(static_cast<std::uint32_t>(header_count - 4), 4);
  for (std::size_t i = 0; i < header_count; ++i) out.put(header_lengths[kLengthCodeOrder[i]], 3);
  const auto header_codes = canonical_codes(header_lengths);
  for (std::size_t i = 0; i < header.size; ++i) {
    std::size_t symbol = header.symbols[i];
    out.put(header_codes[symbol], header_lengths[symbol]);
    if (int bits = kLengthCodeExtraBits[symbol]) out.put(header.extra[i], bits);
  }
  return write_tokens(block, canonical_codes(lengths), lengths, canonical_codes(distance_lengths),
                      distance_lengths, out);
}

// The Adler-32 (RFC 1950, 8.2) of the complements of `n` bytes whose own is `adler`. With
// s1 = 1 + the sum of the bytes and s2 = the sum of s1 after each byte, putting 255 - b for each
// b gives s1' = 2 + 255 n - s1 and s2' = 2 n + 255 n (n + 1) / 2 - s2, modulo 65521.
std::uint32_t complement_adler32(std::uint32_t adler, std::size_t n) {
  constexpr std::uint64_t kModulus = 65521;
  const std::uint64_t s1 = adler & 0xFFFF, s2 = adler >> 16, n_mod = n % kModulus;
  std::uint64_t even = n, odd = n + 1;  // n (n + 1) / 2 without overflow
  if (even % 2) std::swap(even, odd);
  const std::uint64_t triangle = (even / 2 % kModulus) * (odd % kModulus) % kModulus;
  const std::uint64_t s1_complement = (2 + 255 * n_mod + kModulus - s1) % kModulus;
  const std::uint64_t s2_complement = (2 * n_mod + 255 * triangle + kModulus - s2) % kModulus;
  return static_cast<std::uint32_t>(s2_complement << 16 | s1_complement);
}

template <bool kComplemented>
void write_stream(const std::uint8_t* data, std::size_t size, std::size_t row_bytes,
                  BitWriter& writer) {
  // One row up is out of deflate's reach in rows longer than its window: then no position is
  // `up` bytes in.
  const std::size_t up = row_bytes > 0 && row_bytes <= kMaxDistance ? row_bytes : SIZE_MAX;
  Block& block = thread_scratch<Block>();
  block.tokens.resize(kBlockTokens);
  // Positions are kept in 32 bits: near 4 GiB (beyond any label Limits allow) only the two
  // fixed distances are matched.
  constexpr std::uint32_t kBaseGap = kMaxDistance + 1;
  const bool hashing = size <= 0xFFFFFFFFu - 2 * kBaseGap;
  if (block.last_seen.empty() || (hashing && size > 0xFFFFFFFFu - kBaseGap - block.base)) {
    block.last_seen.assign(std::size_t{1} << kHashBits, 0);
    block.base = kBaseGap;
  }
  const std::uint32_t base = block.base;
  // A match from afar needs kFarMatch bytes: from here on none fits.
  const std::size_t hash_end = hashing && size >= kFarMatch ? size - kFarMatch + 1 : 0;
  // The loop keeps its state in locals: the block is a thread's, and the compiler would store
  // and load its members around every token.
  Token* const tokens = block.tokens.data();
  std::uint32_t* const last_seen = block.last_seen.data();
  std::array<std::uint32_t, kLiteralSymbols>& literals = block.literals;
  std::array<std::uint32_t, kDistanceSymbols>& distances = block.distances;
  block.complemented = kComplemented;
  std::size_t at = 0;
  // Lookups that found nothing since the last that did: see kSkipStrength.
  std::size_t next_lookup = 0, misses = 0;
  do {
    std::size_t count = 0;
    literals.fill(0);
    distances.fill(0);
    block.raw = data + at;
    const std::size_t start = at;
    // Greedy: the longer of the match one row up and the run, else the hashed candidate, else
    // a literal; only a match from afar looks one byte ahead first. The match one row up is
    // followed as far as it goes (blank paper: many rows) and cut into tokens of at most 258
    // bytes.
    auto match = [&](std::size_t length, std::size_t distance) {
      const std::size_t symbol = distance_symbol(distance);
      tokens[count++] =
          static_cast<Token>(kMatch | (length - kMinMatch) | distance << kDistanceShift |
                             symbol << kDistanceSymbolShift);
      ++literals[kFirstLength + kLengthSymbol[length]];
      ++distances[symbol];
      at += length;
    };
    while (at < size && count < kBlockTokens) {
      // Most literals differ from both neighbours in their first byte: no call for them.
      std::size_t above = 0;
      if (at >= up && data[at] == data[at - up]) {
        // Tokens left in this block bound how far one look may reach.
        const std::size_t reach = (kBlockTokens - count) * kMaxMatch;
        above = common_length(data + at, data + at - up, std::min(reach, size - at));
      }
      if (above > kMaxMatch) {
        while (above > kMaxMatch) {
          // A last piece of 1 or 2 bytes cannot be a match: leave 3 instead.
          std::size_t length = above - kMaxMatch < kMinMatch ? above - kMinMatch : kMaxMatch;
          match(length, up);
          above -= length;
        }
        match(above, up);
        continue;
      }
      const std::size_t max = std::min(kMaxMatch, size - at);
      const std::size_t run = above < max && at > 0 && data[at] == data[at - 1]
                                  ? common_length(data + at, data + at - 1, max)
                                  : 0;
      std::size_t best = std::max(above, run), distance = above >= run ? up : 1;
      // No match: look where these bytes were last seen.
      if (best < kMinMatch && at < hash_end && at >= next_lookup) {
        std::uint32_t& seen = last_seen[hash4<kComplemented>(data + at)];
        const std::size_t here = base + at, back = here - seen;
        seen = static_cast<std::uint32_t>(here);
        // Most candidates are another 4 bytes of the same hash, or bytes that match for less than
        // a match from afar must: 16 bytes compared at once settle those without a call.
        if (back <= kMaxDistance && std::memcmp(data + at, data + at - back, kFarMatch) == 0) {
          const std::size_t found = common_length(data + at, data + at - back, max);
          // One step of lazy matching: a literal and then a longer match one row up cost less
          // than a match from afar, whose distance has a code of its own.
          const std::size_t next_up = at + 1 >= up
                                          ? common_length(data + at + 1, data + at + 1 - up,
                                                          std::min(kMaxMatch, size - at - 1))
                                          : 0;
          if (next_up <= found) best = found, distance = back, misses = 0;
        }
        if (best < kMinMatch) next_lookup = at + 1 + std::min(kMaxSkip, misses++ >> kSkipStrength);
      }
      if (best >= kMinMatch)
        match(best, distance);
      else {
        const std::uint8_t literal =
            kComplemented ? static_cast<std::uint8_t>(~data[at]) : data[at];
        tokens[count++] = literal;
        ++literals[literal];
        ++at;
      }
    }
    block.count = count;
    block.raw_size = at - start;
    writer = write_block(block, at == size, writer);
  } while (at < size);
  if (hashing) block.base += static_cast<std::uint32_t>(size) + kBaseGap;
}

}  // namespace

void append_zlib_stream(std::span<const std::uint8_t> scanlines, std::size_t row_bytes,
                        std::vector<std::uint8_t>& out, Given given) {
  // CMF: deflate, 32 KB window; FLG: check bits, "fastest" (RFC 1950, 2.2).
  out.push_back(0x78);
  out.push_back(0x01);
  BitWriter writer(out);
  const std::uint8_t* data = scanlines.data();
  const std::size_t size = scanlines.size();
  std::uint32_t adler = libdeflate_adler32(1, data, size);
  if (given == Given::complemented) {
    write_stream<true>(data, size, row_bytes, writer);
    adler = complement_adler32(adler, size);
  } else {
    write_stream<false>(data, size, row_bytes, writer);
  }
  writer.finish();
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<std::uint8_t>(adler >> shift));
}

}  // namespace dotlabel::render
