// Every diagnostic code the compiler emits (range DL0001-DL0399), named once. The meaning,
// severity and an example of each are in docs/diagnostics.md; keep the two in step.
#pragma once

#include <string_view>

namespace dotlabel::codes {

// Input and XML level.
inline constexpr std::string_view kXmlSyntax = "DL0001";
inline constexpr std::string_view kIoError = "DL0002";  // compile_file only
inline constexpr std::string_view kInvalidUtf8 = "DL0003";
inline constexpr std::string_view kDoctype = "DL0004";
inline constexpr std::string_view kInputTooLarge = "DL0005";
inline constexpr std::string_view kTooManyElements = "DL0006";
inline constexpr std::string_view kForbiddenCharacter = "DL0007";
inline constexpr std::string_view kReceiptDialect = "DL0008";
inline constexpr std::string_view kNotUtf8Encoding = "DL0009";
inline constexpr std::string_view kTooManyDiagnostics = "DL0010";

// Document structure.
inline constexpr std::string_view kUnknownElement = "DL0100";
inline constexpr std::string_view kElementCase = "DL0101";
inline constexpr std::string_view kMisplacedElement = "DL0102";
inline constexpr std::string_view kNoPage = "DL0103";
inline constexpr std::string_view kUnexpectedText = "DL0104";
inline constexpr std::string_view kDuplicateLabelId = "DL0105";
inline constexpr std::string_view kNoLabel = "DL0106";
inline constexpr std::string_view kNewlineInText = "DL0107";
inline constexpr std::string_view kContentTooLong = "DL0108";
inline constexpr std::string_view kLabelTooLarge = "DL0109";
inline constexpr std::string_view kEmptyText = "DL0110";
inline constexpr std::string_view kTooManyCopies = "DL0111";

// Attributes.
inline constexpr std::string_view kUnknownAttribute = "DL0200";
inline constexpr std::string_view kDuplicateAttribute = "DL0201";
inline constexpr std::string_view kMissingAttribute = "DL0202";
inline constexpr std::string_view kNotANumber = "DL0203";
inline constexpr std::string_view kNotAWholeNumber = "DL0204";
inline constexpr std::string_view kOutOfRange = "DL0205";
inline constexpr std::string_view kNotInEnumeration = "DL0206";
inline constexpr std::string_view kOutOfRangeReplaced = "DL0207";
inline constexpr std::string_view kFontZero = "DL0208";
inline constexpr std::string_view kCenterNotMiddle = "DL0210";

// Element content.
inline constexpr std::string_view kBarcodeCharacter = "DL0300";
inline constexpr std::string_view kBarcodeLength = "DL0301";
inline constexpr std::string_view kBarcodeCheckDigit = "DL0302";
inline constexpr std::string_view kEmptyContent = "DL0303";
inline constexpr std::string_view kQrCapacity = "DL0304";
inline constexpr std::string_view kWideInferred = "DL0305";
inline constexpr std::string_view kCode39FullAscii = "DL0306";
inline constexpr std::string_view kBarcodeCompleted = "DL0307";
inline constexpr std::string_view kMissingGlyph = "DL0308";
inline constexpr std::string_view kBadBase64 = "DL0309";
inline constexpr std::string_view kUnknownImageFormat = "DL0310";
inline constexpr std::string_view kBase64TooLarge = "DL0311";
inline constexpr std::string_view kImageTooLarge = "DL0312";

}  // namespace dotlabel::codes
