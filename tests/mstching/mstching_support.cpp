#include "mstching_support.hpp"

#include <iconv.h>

#include <fstream>
#include <regex>
#include <set>
#include <stdexcept>

#include "dotlabel/base64.hpp"

namespace dotlabel::mstching::test {

std::string decode_base_text(std::string_view base64) {
  std::optional<std::vector<std::uint8_t>> bytes = base64_decode(base64);
  if (!bytes) throw std::runtime_error("BaseText is not base64");
  iconv_t cd = iconv_open("UTF-8", "GBK");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("no GBK in iconv");
  std::string in(bytes->begin(), bytes->end());
  std::string out(in.size() * 2 + 4, '\0');  // a GBK character never grows beyond 2x in UTF-8
  char* in_ptr = in.data();
  char* out_ptr = out.data();
  std::size_t in_left = in.size(), out_left = out.size();
  std::size_t done = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (done == static_cast<std::size_t>(-1)) throw std::runtime_error("BaseText is not GBK");
  out.resize(out.size() - out_left);
  return out;
}

nlohmann::json printcontent_schema() {
  std::ifstream file(DOTLABEL_SOURCE_DIR "/schema/mstching-printcontent.schema.json");
  if (!file) throw std::runtime_error("cannot open the schema");
  return nlohmann::json::parse(file);
}

namespace {

bool has_type(const nlohmann::json& value, const std::string& type) {
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  throw std::runtime_error("unknown type " + type);
}

void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& where,
           std::vector<std::string>& errors) {
  static const std::set<std::string> annotations = {"$schema", "$id", "title", "description"};
  static const std::set<std::string> checked = {"type",     "enum",       "pattern",
                                                "required", "properties", "additionalProperties",
                                                "items",    "minItems"};
  for (const auto& [keyword, _] : schema.items())
    if (!annotations.contains(keyword) && !checked.contains(keyword))
      errors.push_back(where + ": the checker does not implement keyword " + keyword);
  auto fail = [&](const std::string& what) { errors.push_back(where + ": " + what); };

  if (schema.contains("type") && !has_type(value, schema["type"].get<std::string>()))
    return fail("not of type " + schema["type"].get<std::string>());
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
    fail(value.dump() + " is not one of " + schema["enum"].dump());
  if (schema.contains("pattern") && value.is_string() &&
      !std::regex_search(value.get<std::string>(),
                         std::regex(schema["pattern"].get<std::string>(), std::regex::ECMAScript)))
    fail("does not match " + schema["pattern"].get<std::string>());
  if (value.is_object()) {
    for (const auto& name : schema.value("required", nlohmann::json::array()))
      if (!value.contains(name.get<std::string>())) fail("lacks " + name.get<std::string>());
    const nlohmann::json properties = schema.value("properties", nlohmann::json::object());
    for (const auto& [name, member] : value.items()) {
      if (properties.contains(name))
        check(properties[name], member, where + "/" + name, errors);
      else if (schema.value("additionalProperties", true) == false)
        fail("has unexpected member " + name);
    }
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>())
      fail("has fewer than " + schema["minItems"].dump() + " items");
    if (schema.contains("items"))
      for (std::size_t i = 0; i < value.size(); ++i)
        check(schema["items"], value[i], where + "/" + std::to_string(i), errors);
  }
}

}  // namespace

std::vector<std::string> schema_errors(const nlohmann::json& schema, const nlohmann::json& value) {
  std::vector<std::string> errors;
  check(schema, value, "", errors);
  return errors;
}

}  // namespace dotlabel::mstching::test
