#include "symbology.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "diagnostic_codes.hpp"
#include "utf8.hpp"

namespace dotlabel {
namespace {

using ir::Symbology;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii(char c) {
  return static_cast<unsigned char>(c) < 0x80;
}

constexpr std::string_view kCode39Basic = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -.$/+%";
constexpr std::string_view kCodabarData = "0123456789-$:/.+";
constexpr std::string_view kCodabarStartStop = "ABCDabcd";

std::string describe_char(std::string_view content, std::size_t index) {
  std::size_t at = index;
  char32_t cp = utf8::decode(content, at);
  std::string shown;
  if (cp >= 0x20 && cp != 0x7F) utf8::append(shown, cp);
  return (shown.empty() ? "" : "'" + shown + "' ") + "(" + utf8::code_point_name(cp) + ")";
}

// GS1 modulo-10 check digit of `digits` (the data without the check digit).
char gs1_check_digit(std::string_view digits) {
  int sum = 0;
  // Weights 3,1,3,... from the rightmost data digit.
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int digit = digits[digits.size() - 1 - i] - '0';
    sum += digit * (i % 2 == 0 ? 3 : 1);
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// UPC-E number system + 6 digits -> the 11 UPC-A data digits it stands for.
std::string expand_upce(char number_system, std::string_view six) {
  std::string out(1, number_system);
  char last = six[5];
  switch (last) {
    case '0':
    case '1':
    case '2':
      out += std::string(six.substr(0, 2)) + last + "0000" + std::string(six.substr(2, 3));
      break;
    case '3':
      out += std::string(six.substr(0, 3)) + "00000" + std::string(six.substr(3, 2));
      break;
    case '4':
      out += std::string(six.substr(0, 4)) + "00000" + six[4];
      break;
    default:
      out += std::string(six.substr(0, 5)) + "0000" + last;
      break;
  }
  return out;
}

class Checker {
 public:
  Checker(std::string_view type_name, std::string_view content)
      : type_name_(type_name), content_(content) {}

  void error(std::string_view code, std::size_t index, std::string message, std::string hint = {}) {
    result_.problems.push_back({Severity::error, code, index, std::move(message), std::move(hint)});
  }
  void note(std::string_view code, std::string message) {
    result_.problems.push_back({Severity::note, code, 0, std::move(message), {}});
  }

  // First character failing `allowed`, reported; true when all pass.
  template <typename Allowed>
  bool require_chars(Allowed allowed, std::string_view what) {
    for (std::size_t i = 0; i < content_.size(); ++i) {
      if (!allowed(content_[i])) {
        error(codes::kBarcodeCharacter, i,
              "BARC ct=\"" + std::string(type_name_) + "\" cannot encode " +
                  describe_char(content_, i),
              std::string(type_name_) + " takes " + std::string(what));
        return false;
      }
    }
    return true;
  }

  // EAN-13, EAN-8, UPC-A: `data_length` digits (check digit computed) or one more (verified).
  void check_gs1(std::size_t data_length) {
    if (!require_chars(is_digit, "digits only")) return;
    if (content_.size() != data_length && content_.size() != data_length + 1) {
      error(codes::kBarcodeLength, 0,
            "BARC ct=\"" + std::string(type_name_) + "\" content has " +
                std::to_string(content_.size()) + " digits",
            "write " + std::to_string(data_length) + " digits (the check digit is added) or " +
                std::to_string(data_length + 1) + " with a correct check digit");
      return;
    }
    char expected = gs1_check_digit(content_.substr(0, data_length));
    if (content_.size() == data_length + 1 && content_.back() != expected) {
      error(codes::kBarcodeCheckDigit, data_length,
            "BARC ct=\"" + std::string(type_name_) + "\" check digit is " + content_.back() +
                ", expected " + expected,
            "fix the last digit, or leave it out and it is computed");
      return;
    }
    result_.encoded = std::string(content_.substr(0, data_length)) + expected;
  }

  void check_upce() {
    if (!require_chars(is_digit, "digits only")) return;
    if (content_.size() < 6 || content_.size() > 8) {
      error(codes::kBarcodeLength, 0,
            "BARC ct=\"" + std::string(type_name_) + "\" content has " +
                std::to_string(content_.size()) + " digits",
            "UPC-E takes 6 digits, 7 (number system 0 or 1 first) or 8 (with the check digit)");
      return;
    }
    char number_system = content_.size() == 6 ? '0' : content_[0];
    if (number_system != '0' && number_system != '1') {
      error(codes::kBarcodeCharacter, 0,
            "BARC ct=\"" + std::string(type_name_) + "\" number system is " + number_system,
            "UPC-E number system must be 0 or 1");
      return;
    }
    std::string_view six = content_.size() == 6 ? content_ : content_.substr(1, 6);
    char expected = gs1_check_digit(expand_upce(number_system, six));
    if (content_.size() == 8 && content_.back() != expected) {
      error(codes::kBarcodeCheckDigit, 7,
            "BARC ct=\"" + std::string(type_name_) + "\" check digit is " + content_.back() +
                ", expected " + expected,
            "fix the last digit, or leave it out and it is computed");
      return;
    }
    result_.encoded = std::string(1, number_system) + std::string(six) + expected;
    result_.added_in_front = content_.size() == 6 ? 1 : 0;
  }

  void check_itf() {
    if (!require_chars(is_digit, "digits only")) return;
    result_.encoded = std::string(content_);
    if (content_.size() % 2 != 0) {
      result_.encoded.insert(0, "0");
      result_.added_in_front = 1;
      note(codes::kBarcodeCompleted, "BARC ct=\"" + std::string(type_name_) +
                                         "\" encodes digit pairs: a leading 0 is added to the " +
                                         std::to_string(content_.size()) + " digits");
    }
  }

  void check_code39() {
    if (!require_chars(is_ascii, "ASCII characters")) return;
    bool basic = std::all_of(content_.begin(), content_.end(),
                             [](char c) { return kCode39Basic.find(c) != std::string_view::npos; });
    if (!basic)
      note(codes::kCode39FullAscii, "BARC ct=\"" + std::string(type_name_) +
                                        "\" content needs Code 39 full ASCII (characters "
                                        "outside 0-9 A-Z space - . $ / + %)");
    result_.encoded = std::string(content_);
  }

  void check_codabar() {
    auto is_start_stop = [](char c) { return kCodabarStartStop.find(c) != std::string_view::npos; };
    auto is_codabar = [&](char c) {
      return is_start_stop(c) || kCodabarData.find(c) != std::string_view::npos;
    };
    if (!require_chars(is_codabar, "0-9 - $ : / . + with optional start/stop A-D")) return;
    bool starts = is_start_stop(content_.front());
    bool ends = content_.size() > 1 && is_start_stop(content_.back());
    std::string_view data = content_.substr(starts ? 1 : 0);
    if (ends) data.remove_suffix(1);
    // A-D anywhere else, or only at one end, is not a valid Codabar message.
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (is_start_stop(data[i])) {
        error(codes::kBarcodeCharacter, i + (starts ? 1 : 0),
              "BARC ct=\"" + std::string(type_name_) + "\" has start/stop character '" + data[i] +
                  "' inside the data",
              "A-D may only be the first and the last character");
        return;
      }
    }
    if (starts != ends) {
      error(codes::kBarcodeCharacter, starts ? 0 : content_.size() - 1,
            "BARC ct=\"" + std::string(type_name_) +
                "\" has a start character without a stop "
                "character or the reverse",
            "write both (\"A1234A\") or neither (A...A is added)");
      return;
    }
    if (data.empty()) {
      error(codes::kBarcodeLength, 0,
            "BARC ct=\"" + std::string(type_name_) + "\" has no data between start and stop");
      return;
    }
    if (starts) {
      // Start/stop may be written in lower case; the symbol has the upper-case ones.
      result_.encoded = std::string(content_);
      for (char* end : {&result_.encoded.front(), &result_.encoded.back()})
        if (*end >= 'a') *end = static_cast<char>(*end - 'a' + 'A');
    } else {
      result_.encoded = "A" + std::string(content_) + "A";
      result_.added_in_front = 1;
      note(codes::kBarcodeCompleted,
           "BARC ct=\"" + std::string(type_name_) + "\": start/stop characters A...A added");
    }
  }

  void check_ascii_only() {
    if (require_chars(is_ascii, "ASCII characters (0-127)"))
      result_.encoded = std::string(content_);
  }

  CheckedBarcode take() { return std::move(result_); }

 private:
  std::string_view type_name_;
  std::string_view content_;
  CheckedBarcode result_;
};

}  // namespace

bool CheckedBarcode::ok() const {
  return std::none_of(problems.begin(), problems.end(),
                      [](const BarcodeProblem& p) { return p.severity == Severity::error; });
}

std::optional<Symbology> symbology_for(std::string_view type_name) {
  for (const auto& [name, symbology] : kBarcodeTypes)
    if (name == type_name) return symbology;
  return std::nullopt;
}

bool is_two_width(Symbology symbology) {
  return symbology == Symbology::code39 || symbology == Symbology::itf ||
         symbology == Symbology::codabar;
}

CheckedBarcode check_barcode_content(Symbology symbology, std::string_view type_name,
                                     std::string_view content) {
  Checker checker(type_name, content);
  switch (symbology) {
    case Symbology::code128:
    case Symbology::code93:
      checker.check_ascii_only();
      break;
    case Symbology::codabar:
      checker.check_codabar();
      break;
    case Symbology::itf:
      checker.check_itf();
      break;
    case Symbology::code39:
      checker.check_code39();
      break;
    case Symbology::ean8:
      checker.check_gs1(7);
      break;
    case Symbology::ean13:
      checker.check_gs1(12);
      break;
    case Symbology::upca:
      checker.check_gs1(11);
      break;
    case Symbology::upce:
      checker.check_upce();
      break;
  }
  return checker.take();
}

}  // namespace dotlabel
