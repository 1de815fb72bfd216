// Every diagnostic code of every stage, named once: the compiler (DL0001-DL0399), the renderer's
// resolve and raster stages (DL0400-DL0499), the Mstching back end (DL0500-DL0549), the printer
// languages (DL0550-DL0599) and templates with their data files (DL0600-DL0699). Each
// stage reports by name (codes::kXmlSyntax), never by a literal. The meaning and an example of
// each are in docs/diagnostics.md; DiagnosticRegistry.* (tests/compiler) holds the two in step.
#pragma once

#include <optional>
#include <string_view>

#include "dotlabel/diagnostics.hpp"

namespace dotlabel::codes {

// The pipeline stage that reports a code (docs/diagnostics.md has one section per stage).
enum class Stage { compile, resolve, raster, mstching, printer, data, fill };

struct Code {
  std::string_view code;             // "DL" + four digits
  std::optional<Severity> severity;  // none: varies (DL0010 takes the worst one it stands for)
  Stage stage;
  std::string_view summary;

  // Codes go into Diagnostic::code and compare with it as their text.
  constexpr operator std::string_view() const { return code; }
  friend constexpr bool operator==(const Code& a, std::string_view b) { return a.code == b; }
};

// Compiler: input and XML level.
inline constexpr Code kXmlSyntax{"DL0001", Severity::error, Stage::compile, "XML syntax error"};
inline constexpr Code kIoError{"DL0002", Severity::error, Stage::compile, "file cannot be read"};
inline constexpr Code kInvalidUtf8{"DL0003", Severity::error, Stage::compile, "invalid UTF-8"};
inline constexpr Code kDoctype{"DL0004", Severity::error, Stage::compile, "DOCTYPE refused"};
inline constexpr Code kInputTooLarge{"DL0005", Severity::error, Stage::compile,
                                     "input over max_input_bytes"};
inline constexpr Code kTooManyElements{"DL0006", Severity::error, Stage::compile,
                                       "more than max_elements"};
inline constexpr Code kForbiddenCharacter{"DL0007", Severity::error, Stage::compile,
                                          "control character"};
inline constexpr Code kReceiptDialect{"DL0008", Severity::error, Stage::compile,
                                      "receipt-printer dialect"};
inline constexpr Code kNotUtf8Encoding{"DL0009", Severity::error, Stage::compile,
                                       "declared encoding not UTF-8"};
inline constexpr Code kTooManyDiagnostics{"DL0010", std::nullopt, Stage::compile,
                                          "more diagnostics than are listed"};

// Compiler: document structure.
inline constexpr Code kUnknownElement{"DL0100", Severity::error, Stage::compile, "unknown element"};
inline constexpr Code kElementCase{"DL0101", Severity::error, Stage::compile,
                                   "element name in the wrong case"};
inline constexpr Code kMisplacedElement{"DL0102", Severity::error, Stage::compile,
                                        "element in the wrong place"};
inline constexpr Code kNoPage{"DL0103", Severity::error, Stage::compile, "no root element"};
inline constexpr Code kUnexpectedText{"DL0104", Severity::error, Stage::compile,
                                      "text where none belongs"};
inline constexpr Code kDuplicateLabelId{"DL0105", Severity::error, Stage::compile,
                                        "duplicate LABEL id"};
inline constexpr Code kNoLabel{"DL0106", Severity::warning, Stage::compile, "PAGE without LABEL"};
inline constexpr Code kNewlineInText{"DL0107", Severity::error, Stage::compile,
                                     "line break in TEXT"};
inline constexpr Code kContentTooLong{"DL0108", Severity::error, Stage::compile,
                                      "content over max_text_chars"};
inline constexpr Code kLabelTooLarge{"DL0109", Severity::error, Stage::compile,
                                     "PAGE over max_label_dots"};
inline constexpr Code kEmptyText{"DL0110", Severity::warning, Stage::compile, "empty TEXT"};
inline constexpr Code kTooManyCopies{"DL0111", Severity::error, Stage::compile,
                                     "LABEL c over max_copies"};

// Compiler: attributes.
inline constexpr Code kUnknownAttribute{"DL0200", Severity::error, Stage::compile,
                                        "unknown attribute"};
inline constexpr Code kDuplicateAttribute{"DL0201", Severity::error, Stage::compile,
                                          "duplicate attribute"};
inline constexpr Code kMissingAttribute{"DL0202", Severity::error, Stage::compile,
                                        "missing required attribute"};
inline constexpr Code kNotANumber{"DL0203", Severity::error, Stage::compile, "not a number"};
inline constexpr Code kNotAWholeNumber{"DL0204", Severity::error, Stage::compile,
                                       "not a whole number"};
inline constexpr Code kOutOfRange{"DL0205", Severity::error, Stage::compile, "value out of range"};
inline constexpr Code kNotInEnumeration{"DL0206", Severity::error, Stage::compile,
                                        "not an allowed value"};
inline constexpr Code kOutOfRangeReplaced{"DL0207", Severity::warning, Stage::compile,
                                          "LABEL os replaced by 0"};
inline constexpr Code kFontZero{"DL0208", Severity::warning, Stage::compile,
                                "TEXT f=0 printed as f=7"};
inline constexpr Code kCenterNotMiddle{"DL0210", Severity::warning, Stage::compile,
                                       "TEXT/BARC a=center off the middle"};

// Compiler: element content.
inline constexpr Code kBarcodeCharacter{"DL0300", Severity::error, Stage::compile,
                                        "character not in symbology"};
inline constexpr Code kBarcodeLength{"DL0301", Severity::error, Stage::compile,
                                     "wrong barcode length"};
inline constexpr Code kBarcodeCheckDigit{"DL0302", Severity::error, Stage::compile,
                                         "wrong check digit"};
inline constexpr Code kEmptyContent{"DL0303", Severity::error, Stage::compile,
                                    "BARC or QRC without content"};
inline constexpr Code kQrCapacity{"DL0304", Severity::error, Stage::compile,
                                  "QRC over version-40 capacity"};
inline constexpr Code kWideInferred{"DL0305", Severity::note, Stage::compile,
                                    "wide bar width inferred"};
inline constexpr Code kCode39FullAscii{"DL0306", Severity::note, Stage::compile,
                                       "Code 39 full ASCII"};
inline constexpr Code kBarcodeCompleted{"DL0307", Severity::note, Stage::compile,
                                        "barcode content completed"};
inline constexpr Code kMissingGlyph{"DL0308", Severity::warning, Stage::compile,
                                    "character the font lacks"};
inline constexpr Code kBadBase64{"DL0309", Severity::error, Stage::compile,
                                 "BMP content not base64"};
inline constexpr Code kUnknownImageFormat{"DL0310", Severity::error, Stage::compile,
                                          "not PNG, JPEG or BMP"};
inline constexpr Code kBase64TooLarge{"DL0311", Severity::error, Stage::compile,
                                      "base64 over max_base64_bytes"};
inline constexpr Code kImageTooLarge{"DL0312", Severity::error, Stage::compile,
                                     "image header over max pixels"};
inline constexpr Code kImageDataPrefix{"DL0313", Severity::warning, Stage::compile,
                                       "BMP content behind a data: prefix"};

// Renderer: fonts, the page, placement.
inline constexpr Code kFontMissing{"DL0400", Severity::error, Stage::raster,
                                   "font file missing or unreadable"};
inline constexpr Code kFontMismatch{"DL0401", Severity::error, Stage::raster,
                                    "font file digest differs"};
inline constexpr Code kFontBroken{"DL0402", Severity::error, Stage::raster,
                                  "FreeType refuses the font file"};
inline constexpr Code kPageAreaOutOfRange{"DL0403", Severity::error, Stage::resolve,
                                          "label area out of range"};
inline constexpr Code kStripTooLarge{"DL0404", Severity::error, Stage::raster,
                                     "strip over max_label_dots"};
inline constexpr Code kClipped{"DL0410", Severity::warning, Stage::raster,
                               "element leaves the label"};

// Renderer: scan-safety lint over a label's resolved layout (resolve/scan_safety.cpp).
inline constexpr Code kQuietZoneCutByEdge{"DL0420", Severity::warning, Stage::resolve,
                                          "quiet zone cut by the label edge"};
inline constexpr Code kQuietZoneOverlapped{"DL0421", Severity::warning, Stage::resolve,
                                           "quiet zone overlapped by another element"};
inline constexpr Code kTextOverlapsText{"DL0422", Severity::warning, Stage::resolve,
                                        "TEXT overlaps another TEXT"};
inline constexpr Code kScanSafetyOther{"DL0423", Severity::note, Stage::resolve,
                                       "the other element of a scan-safety warning"};
inline constexpr Code kScanSafetyStopped{"DL0424", Severity::note, Stage::resolve,
                                         "scan-safety lint stopped on a crowded label"};

// Renderer: barcodes, QR codes, shapes, images.
inline constexpr Code kBarcodeUnencodable{"DL0450", Severity::error, Stage::resolve,
                                          "BARC cannot be encoded"};
inline constexpr Code kBarcodeZintWarning{"DL0451", Severity::warning, Stage::resolve,
                                          "zint warned"};
inline constexpr Code kBarcodeLongerThanLabel{"DL0452", Severity::warning, Stage::resolve,
                                              "BARC longer than the label"};
inline constexpr Code kBarcodeNarrowOneDot{"DL0453", Severity::warning, Stage::resolve, "BARC n=1"};
inline constexpr Code kBarcodeTooLarge{"DL0454", Severity::error, Stage::resolve,
                                       "BARC bars over any label"};
inline constexpr Code kQrUnencodable{"DL0460", Severity::error, Stage::resolve,
                                     "QRC cannot be encoded"};
inline constexpr Code kQrModuleOneDot{"DL0461", Severity::warning, Stage::resolve, "QRC s=1"};
inline constexpr Code kQrTooLarge{"DL0462", Severity::error, Stage::resolve,
                                  "QRC symbol over any label"};
inline constexpr Code kBoxCornersReversed{"DL0470", Severity::warning, Stage::resolve,
                                          "SQ corners reversed"};
inline constexpr Code kShapeNoArea{"DL0471", Severity::warning, Stage::resolve,
                                   "SQ, BL or REV draws nothing"};
inline constexpr Code kReverseOverNothing{"DL0472", Severity::warning, Stage::resolve,
                                          "REV over nothing drawn before it"};
inline constexpr Code kTextOverReverse{"DL0473", Severity::warning, Stage::resolve,
                                       "TEXT drawn over an earlier REV"};
inline constexpr Code kImageUndecodable{"DL0480", Severity::error, Stage::resolve,
                                        "BMP cannot be decoded"};
inline constexpr Code kImageOverLimit{"DL0481", Severity::error, Stage::resolve,
                                      "BMP over max_image_pixels"};
inline constexpr Code kImageDamaged{"DL0482", Severity::warning, Stage::resolve,
                                    "JPEG data damaged"};
inline constexpr Code kLogoPlaceholder{"DL0483", Severity::warning, Stage::resolve,
                                       "empty BMP: logo placeholder"};
inline constexpr Code kImageNoWidth{"DL0484", Severity::warning, Stage::resolve, "BMP w <= 0"};

// Mstching back end.
inline constexpr Code kMstchingNoGbk{"DL0500", Severity::error, Stage::mstching,
                                     "character without GBK"};
inline constexpr Code kMstchingBoxLeftOut{"DL0501", Severity::warning, Stage::mstching,
                                          "SQ left out"};
inline constexpr Code kMstchingBarLeftOut{"DL0502", Severity::warning, Stage::mstching,
                                          "BL left out"};
inline constexpr Code kMstchingReverseLeftOut{"DL0503", Severity::warning, Stage::mstching,
                                              "REV left out"};
inline constexpr Code kMstchingRotated{"DL0504", Severity::warning, Stage::mstching,
                                       "item printed unrotated"};
inline constexpr Code kMstchingTextWraps{"DL0505", Severity::warning, Stage::mstching,
                                         "TEXT wraps on the device"};
inline constexpr Code kMstchingSymbology{"DL0506", Severity::note, Stage::mstching,
                                         "device picks the symbology"};
inline constexpr Code kMstchingImageScaled{"DL0507", Severity::note, Stage::mstching,
                                           "BMP scaled to the paper"};
inline constexpr Code kMstchingNoLogo{"DL0508", Severity::warning, Stage::mstching,
                                      "empty BMP left out"};
inline constexpr Code kMstchingMirrored{"DL0509", Severity::warning, Stage::mstching,
                                        "LABEL m=1 not mirrored"};
inline constexpr Code kMstchingPaperWidth{"DL0510", Severity::error, Stage::mstching,
                                          "paper width out of range"};
inline constexpr Code kMstchingImageTooLarge{"DL0511", Severity::error, Stage::mstching,
                                             "scaled label too large"};
inline constexpr Code kMstchingNothing{"DL0512", Severity::error, Stage::mstching,
                                       "empty PrintContent"};
inline constexpr Code kMstchingModulesVanish{"DL0513", Severity::warning, Stage::mstching,
                                             "modules below a dot"};
inline constexpr Code kMstchingTooLarge{"DL0514", Severity::error, Stage::mstching,
                                        "PrintContent over max_print_content_bytes"};

// Printer languages (TSPL, ESC/POS).
inline constexpr Code kEscposPaperWidth{"DL0550", Severity::error, Stage::printer,
                                        "ESC/POS paper width out of range"};
inline constexpr Code kEscposTooWide{"DL0551", Severity::error, Stage::printer,
                                     "label wider than the paper"};
inline constexpr Code kEscposScaled{"DL0552", Severity::warning, Stage::printer,
                                    "label scaled to the paper"};
inline constexpr Code kTsplAsBitmap{"DL0553", Severity::note, Stage::printer,
                                    "element sent as a bitmap"};
inline constexpr Code kTsplPrinterFont{"DL0554", Severity::note, Stage::printer,
                                       "printer's own font"};
inline constexpr Code kJobTooLarge{"DL0555", Severity::error, Stage::printer,
                                   "job over max_job_bytes"};

// Data files of templates.
inline constexpr Code kDataUnreadable{"DL0600", Severity::error, Stage::data,
                                      "data file cannot be read"};
inline constexpr Code kCsvSyntax{"DL0601", Severity::error, Stage::data, "CSV syntax error"};
inline constexpr Code kCsvFieldCount{"DL0602", Severity::error, Stage::data,
                                     "row with a wrong number of fields"};
inline constexpr Code kBadColumnName{"DL0603", Severity::error, Stage::data,
                                     "empty or repeated column name"};
inline constexpr Code kJsonSyntax{"DL0604", Severity::error, Stage::data, "JSON syntax error"};
inline constexpr Code kNotAnObject{"DL0605", Severity::error, Stage::data,
                                   "JSON row not an object"};
inline constexpr Code kRecordTooLarge{"DL0606", Severity::error, Stage::data,
                                      "row over max_record_bytes"};
inline constexpr Code kNoRows{"DL0607", Severity::error, Stage::data, "no rows"};
inline constexpr Code kDataNotUtf8{"DL0608", Severity::error, Stage::data, "row not UTF-8"};

// Templates: placeholders filled from the rows.
inline constexpr Code kPlaceholderSyntax{"DL0610", Severity::error, Stage::fill,
                                         "placeholder syntax"};
inline constexpr Code kUnknownColumn{"DL0611", Severity::error, Stage::fill,
                                     "placeholder names no column"};
inline constexpr Code kMissingValue{"DL0612", Severity::error, Stage::fill,
                                    "row without a value for a placeholder"};
inline constexpr Code kValueFromHere{"DL0613", Severity::note, Stage::fill,
                                     "where a row's value goes"};
inline constexpr Code kUnusedColumns{"DL0614", Severity::note, Stage::fill,
                                     "columns no placeholder uses"};
inline constexpr Code kRowElement{"DL0615", Severity::note, Stage::fill,
                                  "the element of a row's error"};
inline constexpr Code kNoRowSelected{"DL0616", Severity::error, Stage::data,
                                     "--rows selects no row"};
inline constexpr Code kUnknownDataFormat{"DL0617", Severity::error, Stage::data,
                                         "data format unknown"};

// Runs (include/dotlabel/pipeline.hpp): what a command asks of the labels and its outputs.
inline constexpr Code kNoSuchLabel{"DL0620", Severity::error, Stage::raster,
                                   "no LABEL with the id asked for"};
inline constexpr Code kNothingToRender{"DL0621", Severity::error, Stage::raster,
                                       "no LABEL to render"};
inline constexpr Code kOneImageOnly{"DL0622", Severity::error, Stage::raster,
                                    "several images for one standard output"};
inline constexpr Code kOutputUnwritable{"DL0623", Severity::error, Stage::raster,
                                        "output cannot be written"};
inline constexpr Code kStdinTwice{"DL0624", Severity::error, Stage::data,
                                  "standard input asked for twice"};
inline constexpr Code kTooManyJobs{"DL0625", Severity::error, Stage::raster,
                                   "threads out of range"};

// The registry, for tests and tools that list every code.
inline constexpr Code kAll[] = {
    kXmlSyntax,
    kIoError,
    kInvalidUtf8,
    kDoctype,
    kInputTooLarge,
    kTooManyElements,
    kForbiddenCharacter,
    kReceiptDialect,
    kNotUtf8Encoding,
    kTooManyDiagnostics,
    kUnknownElement,
    kElementCase,
    kMisplacedElement,
    kNoPage,
    kUnexpectedText,
    kDuplicateLabelId,
    kNoLabel,
    kNewlineInText,
    kContentTooLong,
    kLabelTooLarge,
    kEmptyText,
    kTooManyCopies,
    kUnknownAttribute,
    kDuplicateAttribute,
    kMissingAttribute,
    kNotANumber,
    kNotAWholeNumber,
    kOutOfRange,
    kNotInEnumeration,
    kOutOfRangeReplaced,
    kFontZero,
    kCenterNotMiddle,
    kBarcodeCharacter,
    kBarcodeLength,
    kBarcodeCheckDigit,
    kEmptyContent,
    kQrCapacity,
    kWideInferred,
    kCode39FullAscii,
    kBarcodeCompleted,
    kMissingGlyph,
    kBadBase64,
    kUnknownImageFormat,
    kBase64TooLarge,
    kImageTooLarge,
    kImageDataPrefix,
    kFontMissing,
    kFontMismatch,
    kFontBroken,
    kPageAreaOutOfRange,
    kStripTooLarge,
    kClipped,
    kQuietZoneCutByEdge,
    kQuietZoneOverlapped,
    kTextOverlapsText,
    kScanSafetyOther,
    kScanSafetyStopped,
    kBarcodeUnencodable,
    kBarcodeZintWarning,
    kBarcodeLongerThanLabel,
    kBarcodeNarrowOneDot,
    kBarcodeTooLarge,
    kQrUnencodable,
    kQrModuleOneDot,
    kQrTooLarge,
    kBoxCornersReversed,
    kShapeNoArea,
    kReverseOverNothing,
    kTextOverReverse,
    kImageUndecodable,
    kImageOverLimit,
    kImageDamaged,
    kLogoPlaceholder,
    kImageNoWidth,
    kMstchingNoGbk,
    kMstchingBoxLeftOut,
    kMstchingBarLeftOut,
    kMstchingReverseLeftOut,
    kMstchingRotated,
    kMstchingTextWraps,
    kMstchingSymbology,
    kMstchingImageScaled,
    kMstchingNoLogo,
    kMstchingMirrored,
    kMstchingPaperWidth,
    kMstchingImageTooLarge,
    kMstchingNothing,
    kMstchingModulesVanish,
    kMstchingTooLarge,
    kEscposPaperWidth,
    kEscposTooWide,
    kEscposScaled,
    kTsplAsBitmap,
    kTsplPrinterFont,
    kJobTooLarge,
    kDataUnreadable,
    kCsvSyntax,
    kCsvFieldCount,
    kBadColumnName,
    kJsonSyntax,
    kNotAnObject,
    kRecordTooLarge,
    kNoRows,
    kDataNotUtf8,
    kPlaceholderSyntax,
    kUnknownColumn,
    kMissingValue,
    kValueFromHere,
    kUnusedColumns,
    kRowElement,
    kNoRowSelected,
    kUnknownDataFormat,
    kNoSuchLabel,
    kNothingToRender,
    kOneImageOnly,
    kOutputUnwritable,
    kStdinTwice,
    kTooManyJobs,
};

}  // namespace dotlabel::codes
