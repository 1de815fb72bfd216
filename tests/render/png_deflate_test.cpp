// The PNG encoder's zlib writer (render/src/png_deflate.cpp), read back by libdeflate's
// decompressor, a second implementation of RFC 1950/1951: every kind of block it can choose
// (stored, fixed code, a code of its own), block boundaries, rows too long to match one row up,
// and sizes from nothing to several blocks.
#include <gtest/gtest.h>
#include <libdeflate.h>

#include <cstdint>
#include <random>
#include <thread>
#include <vector>

#include "png_deflate.hpp"

namespace dotlabel::render {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes compress(const Bytes& data, std::size_t row_bytes) {
  Bytes out;
  append_zlib_stream(data, row_bytes, out);
  return out;
}

// The stream inflated by libdeflate, which checks the Adler-32 too; nullopt if it refuses it.
std::optional<Bytes> inflate(const Bytes& stream, std::size_t size) {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  Bytes out(size + 1);  // one spare byte: a stream that inflates to more must not fit exactly
  std::size_t actual = 0;
  libdeflate_result result =
      libdeflate_zlib_decompress(d, stream.data(), stream.size(), out.data(), out.size(), &actual);
  libdeflate_free_decompressor(d);
  if (result != LIBDEFLATE_SUCCESS) return std::nullopt;
  out.resize(actual);
  return out;
}

// The BTYPE of the first block: 0 stored, 1 fixed code, 2 a code of its own.
int first_block_type(const Bytes& stream) {
  return (stream.at(2) >> 1) & 3;
}

// PNG-like rows: a filter byte 0, then mostly white (0xFF) with some structure.
Bytes label_rows(std::size_t row_bytes, std::size_t rows, unsigned seed) {
  std::mt19937 random(seed);
  Bytes data(row_bytes * rows, 0xFF);
  for (std::size_t y = 0; y < rows; ++y) {
    data[y * row_bytes] = 0;
    if (y % 17 < 9)  // bands of "text": a few changed bytes, repeated a few rows
      for (std::size_t i = 1; i < row_bytes; i += 1 + random() % 23)
        data[y * row_bytes + i] = static_cast<std::uint8_t>(random());
  }
  return data;
}

void expect_round_trip(const Bytes& data, std::size_t row_bytes) {
  Bytes stream = compress(data, row_bytes);
  std::optional<Bytes> back = inflate(stream, data.size());
  ASSERT_TRUE(back) << data.size() << " bytes in rows of " << row_bytes;
  EXPECT_EQ(*back, data) << data.size() << " bytes in rows of " << row_bytes;
}

TEST(PngDeflate, ZlibHeaderAndAdler32) {
  Bytes data = label_rows(101, 20, 1);
  Bytes stream = compress(data, 101);
  EXPECT_EQ(stream[0], 0x78);  // deflate, 32 KB window
  EXPECT_EQ((stream[0] * 256 + stream[1]) % 31, 0);
  std::uint32_t adler = libdeflate_adler32(1, data.data(), data.size());
  std::size_t n = stream.size();
  EXPECT_EQ(std::uint32_t{stream[n - 4]} << 24 | std::uint32_t{stream[n - 3]} << 16 |
                std::uint32_t{stream[n - 2]} << 8 | stream[n - 1],
            adler);
}

TEST(PngDeflate, NothingAndTinyInputs) {
  expect_round_trip({}, 1);
  expect_round_trip({0}, 1);
  expect_round_trip({0, 0x80}, 2);
  expect_round_trip({0, 1, 2}, 3);
  expect_round_trip({7, 7, 7, 7, 7, 7, 7, 7, 7}, 3);
}

TEST(PngDeflate, NoiseIsStoredNotExpanded) {
  std::mt19937 random(7);
  Bytes data(200'000);
  for (auto& b : data) b = static_cast<std::uint8_t>(random());
  Bytes stream = compress(data, 1000);
  EXPECT_EQ(first_block_type(stream), 0);
  // A stored block costs 5 bytes (and alignment) per block of 32,768 literals: no Huffman code
  // beats noise.
  EXPECT_LE(stream.size(), data.size() + 6 * (data.size() / 32768 + 1) + 2 + 4);
  expect_round_trip(data, 1000);
}

TEST(PngDeflate, ShortInputsTakeTheFixedCode) {
  Bytes data{0, 0xFF, 0xFF, 0xF0, 0, 0xFF, 0xFF, 0xF0};  // two 1-bit rows of 24 dots
  EXPECT_EQ(first_block_type(compress(data, 4)), 1);
  expect_round_trip(data, 4);
}

TEST(PngDeflate, LabelsTakeACodeOfTheirOwnAndShrink) {
  Bytes data = label_rows(101, 480, 3);  // the reference label's size
  Bytes stream = compress(data, 101);
  EXPECT_EQ(first_block_type(stream), 2);
  EXPECT_LT(stream.size(), data.size() / 4);
  expect_round_trip(data, 101);
}

TEST(PngDeflate, BlankPaperIsRowsOfMatches) {
  Bytes data(101 * 480, 0xFF);
  for (std::size_t y = 0; y < 480; ++y) data[y * 101] = 0;
  Bytes stream = compress(data, 101);
  // 48,480 bytes as ~190 matches of 258: a few hundred bytes at most.
  EXPECT_LT(stream.size(), 300u);
  expect_round_trip(data, 101);
}

TEST(PngDeflate, ManyBlocksAndLongStrips) {
  // A receipt-like strip long enough for several blocks of tokens, every row different.
  Bytes data = label_rows(81, 20'000, 11);
  for (std::size_t y = 0; y < 20'000; ++y) data[y * 81 + 1 + y % 80] = static_cast<std::uint8_t>(y);
  Bytes stream = compress(data, 81);
  expect_round_trip(data, 81);
}

TEST(PngDeflate, RowsLongerThanTheWindowStillCompress) {
  // 40,001-byte rows: one row up is past deflate's 32 KB reach, so only runs are matched.
  Bytes data = label_rows(40'001, 3, 5);
  Bytes stream = compress(data, 40'001);
  EXPECT_LT(stream.size(), data.size());
  expect_round_trip(data, 40'001);
  expect_round_trip(label_rows(32'768, 3, 6), 32'768);  // exactly the window: still in reach
}

TEST(PngDeflate, ContentRepeatedFarAwayIsMatched) {
  // Rows of noise, each repeated once 7 rows further down: neither one row up nor a run, only
  // the hashed candidate finds the repeats (a receipt's words line after line).
  std::mt19937 random(13);
  Bytes data;
  std::vector<Bytes> rows(105, Bytes(81));  // 200 rows use 105 of them
  for (auto& row : rows)
    for (auto& b : row) b = static_cast<std::uint8_t>(random());
  for (std::size_t y = 0; y < 200; ++y) {
    const Bytes& row = rows[(y / 14) * 7 + y % 7];
    data.insert(data.end(), row.begin(), row.end());
  }
  Bytes stream = compress(data, 81);
  EXPECT_LT(stream.size(), data.size() * 6 / 10);
  expect_round_trip(data, 81);
}

TEST(PngDeflate, AllByteValuesAndEveryMatchLength) {
  Bytes data;
  for (int length = 1; length <= 300; ++length)
    data.insert(data.end(), static_cast<std::size_t>(length), static_cast<std::uint8_t>(length));
  expect_round_trip(data, 97);
  expect_round_trip(data, 1);
}

TEST(PngDeflate, AStreamDoesNotDependOnTheOnesBeforeIt) {
  // The writer keeps its table of where 4-byte hashes were seen from one stream to the next on a
  // thread: what an earlier stream left in it must not be matched. Both images have 20 bytes of
  // noise in row 1 and again further down in row 6. In `later` the first 3 of them are in row 0
  // too, so row 1 starts with a match one row up and its first 4 bytes are never hashed: only
  // the `earlier` image, where they are literals, could have told where they were.
  constexpr std::size_t kRow = 81;
  std::mt19937 random(17);
  Bytes noise(20);
  for (auto& b : noise) b = static_cast<std::uint8_t>(1 + random() % 254);  // neither 0 nor 0xFF
  Bytes earlier(kRow * 8, 0xFF);
  for (std::size_t y = 0; y < 8; ++y) earlier[y * kRow] = 0;
  std::copy(noise.begin(), noise.end(), earlier.begin() + kRow + 10);
  std::copy(noise.begin(), noise.end(), earlier.begin() + 6 * kRow + 40);
  Bytes later = earlier;
  std::copy(noise.begin(), noise.begin() + 3, later.begin() + 10);
  Bytes alone;
  std::thread([&] { alone = compress(later, kRow); }).join();
  Bytes after;
  std::thread([&] {
    compress(earlier, kRow);
    after = compress(later, kRow);
  }).join();
  EXPECT_EQ(after, alone);
  expect_round_trip(later, kRow);
}

TEST(PngDeflate, ComplementedBytesGiveTheSameStream) {
  // The PNG encoder hands over its rows complemented (a copy of the dots, not their inverse):
  // the stream, literals, stored blocks and Adler-32 included, must be that of the bytes meant.
  std::mt19937 random(19);
  Bytes noise(70'000);
  for (auto& b : noise) b = static_cast<std::uint8_t>(random());
  const std::vector<std::pair<Bytes, std::size_t>> cases{
      {label_rows(101, 480, 3), 101}, {noise, 1000}, {{0, 0xFF, 0xFF, 0xF0}, 4}, {{}, 1}};
  for (const auto& [data, row_bytes] : cases) {
    Bytes complement(data);
    for (auto& b : complement) b = static_cast<std::uint8_t>(~b);
    Bytes stream;
    append_zlib_stream(complement, row_bytes, stream, Given::complemented);
    EXPECT_EQ(stream, compress(data, row_bytes)) << data.size() << " bytes";
    EXPECT_EQ(inflate(stream, data.size()), data) << data.size() << " bytes";
  }
}

}  // namespace
}  // namespace dotlabel::render
