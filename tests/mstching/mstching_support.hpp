// Test helpers for the Mstching back end: decoding BaseText and checking the JSON Schema.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace dotlabel::mstching::test {

// base64 -> GBK -> UTF-8, independently of the back end's encoder (iconv, whole string).
// Throws when the text is not base64 or not GBK.
std::string decode_base_text(std::string_view base64);

// schema/mstching-printcontent.schema.json from the source tree.
nlohmann::json printcontent_schema();

// Debian has no JSON Schema validator for C++ short of libvalijson-dev, whose package pulls in
// Qt 5, Poco and MariaDB; this checks the keywords the schema uses (type, enum, pattern,
// required, properties, additionalProperties, items, minItems) and reports any other keyword
// as an error, so the schema cannot grow a rule that goes unchecked. Empty = valid.
std::vector<std::string> schema_errors(const nlohmann::json& schema, const nlohmann::json& value);

}  // namespace dotlabel::mstching::test
