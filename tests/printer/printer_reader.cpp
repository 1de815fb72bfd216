#include "printer_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace dotlabel::test {

Bitmap mirrored(const Bitmap& bitmap) {
  Bitmap out(bitmap.width(), bitmap.height());
  for (int y = 0; y < bitmap.height(); ++y)
    for (int x = 0; x < bitmap.width(); ++x)
      if (bitmap.get(x, y)) out.set(bitmap.width() - 1 - x, y, true);
  return out;
}

Bitmap turned_180(const Bitmap& bitmap) {
  Bitmap out(bitmap.width(), bitmap.height());
  for (int y = 0; y < bitmap.height(); ++y)
    for (int x = 0; x < bitmap.width(); ++x)
      if (bitmap.get(x, y)) out.set(bitmap.width() - 1 - x, bitmap.height() - 1 - y, true);
  return out;
}

Bitmap as_fed(const PrintedLabel& label) {
  return label.direction == 0 ? turned_180(label.bitmap) : label.bitmap;
}

namespace {

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

bool integer(std::string_view text, long long& value) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// "50.125 mm" -> 401 dots.
bool millimetres(std::string_view text, int& dots) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (!text.ends_with(" mm")) return false;
  std::string number(text.substr(0, text.size() - 3));
  char* end = nullptr;
  double mm = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size()) return false;
  dots = static_cast<int>(std::lround(mm * 8));
  return std::abs(mm * 8 - dots) < 1e-9;
}

class Tspl {
 public:
  explicit Tspl(std::span<const std::uint8_t> program)
      : text_(reinterpret_cast<const char*>(program.data()), program.size()) {}

  TsplReading read() {
    while (pos_ < text_.size() && reading_.error.empty()) command();
    return std::move(reading_);
  }

 private:
  void fail(const std::string& what) { reading_.error = what + " at byte " + std::to_string(pos_); }

  // The rest of the line up to CR LF, which is consumed.
  bool line(std::string_view& out) {
    std::size_t end = text_.find("\r\n", pos_);
    std::size_t lf = text_.find('\n', pos_);
    if (end == std::string_view::npos || lf < end + 1) {
      fail("a line that does not end in CR LF");
      return false;
    }
    out = text_.substr(pos_, end - pos_);
    pos_ = end + 2;
    return true;
  }

  void command() {
    std::size_t space = text_.find_first_of(" \r", pos_);
    std::string_view name = text_.substr(pos_, space - pos_);
    if (name == "BITMAP") return bitmap();
    std::string_view whole;
    if (!line(whole)) return;
    std::string_view args = whole.size() > name.size() ? whole.substr(name.size() + 1) : "";
    std::vector<std::string_view> a = split(args);
    std::vector<long long> n(a.size());
    bool numeric = true;
    for (std::size_t i = 0; i < a.size(); ++i) numeric = numeric && integer(a[i], n[i]);

    if (name == "SIZE") {
      if (a.size() != 2 || !millimetres(a[0], reading_.width) ||
          !millimetres(a[1], reading_.height))
        return fail("bad SIZE");
      reading_.setup.emplace_back(whole);
    } else if (name == "CLS") {
      if (reading_.width <= 0 || reading_.height <= 0) return fail("CLS before SIZE");
      canvas_ = Bitmap(reading_.width, reading_.height);
    } else if (name == "DIRECTION") {
      if (!numeric || a.empty() || a.size() > 2 || n[0] < 0 || n[0] > 1 ||
          (a.size() == 2 && (n[1] < 0 || n[1] > 1)))
        return fail("bad DIRECTION");
      direction_ = static_cast<int>(n[0]);
      mirror_ = a.size() == 2 && n[1] == 1;
      reading_.setup.emplace_back(whole);
    } else if (name == "BAR" || name == "REVERSE") {
      if (!numeric || a.size() != 4) return fail("bad " + std::string(name));
      if (name == "BAR")
        canvas_.fill(int(n[0]), int(n[1]), int(n[2]), int(n[3]));
      else
        canvas_.invert(int(n[0]), int(n[1]), int(n[2]), int(n[3]));
    } else if (name == "BOX") {
      if (!numeric || a.size() != 5) return fail("bad BOX");
      // Outer edge on the corners, the line drawn inward.
      int x0 = int(n[0]), y0 = int(n[1]), w = int(n[2] - n[0]), h = int(n[3] - n[1]);
      int t = int(n[4]), tx = std::min(t, w), ty = std::min(t, h);
      canvas_.fill(x0, y0, w, ty);
      canvas_.fill(x0, y0 + h - ty, w, ty);
      canvas_.fill(x0, y0, tx, h);
      canvas_.fill(x0 + w - tx, y0, tx, h);
    } else if (name == "PRINT") {
      if (!numeric || a.empty() || a.size() > 2 || n[0] < 1 || (a.size() == 2 && n[1] < 1))
        return fail("bad PRINT");
      PrintedLabel label;
      label.bitmap = mirror_ ? mirrored(canvas_) : canvas_;
      label.copies = static_cast<int>(n[0] * (a.size() == 2 ? n[1] : 1));
      label.direction = direction_;
      label.mirrored = mirror_;
      reading_.labels.push_back(std::move(label));
    } else if (name == "TEXT" || name == "BARCODE" || name == "QRCODE") {
      reading_.not_drawn.emplace_back(name);
    } else if (name == "GAP" || name == "BLINE" || name == "REFERENCE" || name == "SET" ||
               name == "CUT") {
      reading_.setup.emplace_back(whole);
    } else {
      fail("unknown command " + std::string(name));
    }
  }

  // BITMAP x,y,width_bytes,height,mode,<binary data> CR LF; a 0 bit prints.
  void bitmap() {
    std::size_t start = pos_ + 7, field = start;
    long long v[5];
    for (long long& value : v) {
      std::size_t comma = text_.find(',', field);
      if (comma == std::string_view::npos || !integer(text_.substr(field, comma - field), value))
        return fail("bad BITMAP header");
      field = comma + 1;
    }
    long long x = v[0], y = v[1], bytes = v[2], rows = v[3], mode = v[4];
    if (bytes < 1 || rows < 1 || mode < 0 || mode > 2) return fail("bad BITMAP size or mode");
    std::size_t size = static_cast<std::size_t>(bytes * rows);
    if (field + size + 2 > text_.size() || text_.substr(field + size, 2) != "\r\n")
      return fail("BITMAP data of the wrong length");
    const auto* data = reinterpret_cast<const std::uint8_t*>(text_.data() + field);
    for (long long r = 0; r < rows; ++r)
      for (long long c = 0; c < bytes * 8; ++c) {
        long long px = x + c, py = y + r;
        if (px < 0 || py < 0 || px >= canvas_.width() || py >= canvas_.height()) continue;
        bool black = !((data[r * bytes + c / 8] >> (7 - c % 8)) & 1);
        int ix = static_cast<int>(px), iy = static_cast<int>(py);
        if (mode == 0)
          canvas_.set(ix, iy, black);
        else if (mode == 1 && black)
          canvas_.set(ix, iy, true);
        else if (mode == 2 && black)
          canvas_.set(ix, iy, !canvas_.get(ix, iy));
      }
    pos_ = field + size + 2;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  TsplReading reading_;
  Bitmap canvas_;
  int direction_ = 0;
  bool mirror_ = false;
};

}  // namespace

TsplReading read_tspl(std::span<const std::uint8_t> program) {
  return Tspl(program).read();
}

EscPosReading read_escpos(std::span<const std::uint8_t> job) {
  EscPosReading reading;
  std::vector<std::vector<std::uint8_t>> rows;  // bytes of each paper row
  std::size_t widest = 0, i = 0;
  auto need = [&](std::size_t n) {
    if (i + n <= job.size()) return true;
    reading.error = "truncated command at byte " + std::to_string(i);
    return false;
  };
  // Whether the bytes at i start with `prefix` (no error when the job is shorter).
  auto at = [&](std::initializer_list<int> prefix) {
    if (i + prefix.size() > job.size()) return false;
    std::size_t k = i;
    for (int byte : prefix)
      if (job[k++] != byte) return false;
    return true;
  };
  while (i < job.size() && reading.error.empty()) {
    if (at({0x1B, '@'})) {
      ++reading.resets;
      i += 2;
    } else if (at({0x1B, 'J'}) && need(3)) {
      rows.insert(rows.end(), job[i + 2], std::vector<std::uint8_t>{});
      i += 3;
    } else if (at({0x1D, 'v', '0'}) && need(8)) {
      if (job[i + 3] != 0) {
        reading.error = "GS v 0 in a scaled mode";
        break;
      }
      std::size_t bytes = job[i + 4] | job[i + 5] << 8, height = job[i + 6] | job[i + 7] << 8;
      i += 8;
      if (!need(bytes * height)) break;
      widest = std::max(widest, bytes);
      for (std::size_t r = 0; r < height; ++r, i += bytes)
        rows.emplace_back(job.begin() + static_cast<std::ptrdiff_t>(i),
                          job.begin() + static_cast<std::ptrdiff_t>(i + bytes));
    } else if (at({0x1D, 'V'}) && need(3)) {
      reading.cuts.push_back(static_cast<int>(rows.size()));
      bool feeds = job[i + 2] == 65 || job[i + 2] == 66;  // function B: feed n, then cut
      if (feeds && !need(4)) break;
      i += feeds ? 4 : 3;
    } else if (reading.error.empty()) {  // need() has not already said why
      reading.error = "unknown byte " + std::to_string(job[i]) + " at " + std::to_string(i);
    }
  }
  reading.paper = Bitmap(static_cast<int>(widest * 8), static_cast<int>(rows.size()));
  for (std::size_t r = 0; r < rows.size(); ++r)
    std::copy(rows[r].begin(), rows[r].end(), reading.paper.row(static_cast<int>(r)));
  return reading;
}

}  // namespace dotlabel::test
