// The diagnostic codes of data files (DL0600-DL0609), named once; docs/diagnostics.md lists them.
#pragma once

#include <string_view>

namespace dotlabel::data::codes {

inline constexpr std::string_view kDataUnreadable = "DL0600";
inline constexpr std::string_view kCsvSyntax = "DL0601";
inline constexpr std::string_view kCsvFieldCount = "DL0602";
inline constexpr std::string_view kBadColumnName = "DL0603";
inline constexpr std::string_view kJsonSyntax = "DL0604";
inline constexpr std::string_view kNotAnObject = "DL0605";
inline constexpr std::string_view kRecordTooLarge = "DL0606";
inline constexpr std::string_view kNoRows = "DL0607";
inline constexpr std::string_view kDataNotUtf8 = "DL0608";

}  // namespace dotlabel::data::codes
