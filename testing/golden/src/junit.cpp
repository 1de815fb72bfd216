// JUnit XML, the report format CI systems (GitLab, Jenkins, GitHub actions) display.
#include <pugixml.hpp>

#include <algorithm>
#include <sstream>

#include "dotlabel/golden.hpp"

namespace dotlabel::golden {

std::string junit_xml(std::span<const CaseResult> results, std::string_view suite_name) {
  int failures = 0, errors = 0;
  double seconds = 0;
  for (const CaseResult& r : results) {
    failures += r.status == Status::fail || r.status == Status::new_case;
    errors += r.status == Status::error;
    seconds += r.seconds;
  }
  pugi::xml_document doc;
  pugi::xml_node suites = doc.append_child("testsuites");
  std::string name(suite_name);
  for (pugi::xml_node node : {suites, suites.append_child("testsuite")}) {
    node.append_attribute("name") = name.c_str();
    node.append_attribute("tests") = static_cast<long long>(results.size());
    node.append_attribute("failures") = failures;
    node.append_attribute("errors") = errors;
    node.append_attribute("time") = seconds;
  }
  pugi::xml_node suite = suites.child("testsuite");
  for (const CaseResult& r : results) {
    pugi::xml_node test = suite.append_child("testcase");
    // classname groups cases by folder in CI views: golden/text/f1.xml -> golden.text
    std::string classname = r.file.parent_path().generic_string();
    std::replace(classname.begin(), classname.end(), '/', '.');
    test.append_attribute("classname") = classname.empty() ? name.c_str() : classname.c_str();
    test.append_attribute("name") = r.file.filename().string().c_str();
    test.append_attribute("file") = r.file.generic_string().c_str();
    test.append_attribute("time") = r.seconds;
    if (r.status == Status::pass) continue;
    std::vector<std::string> lines = details(r);
    std::ostringstream text;
    for (const std::string& line : lines) text << line << '\n';
    for (const Diagnostic& d : r.diagnostics) text << format_text(d) << '\n';
    pugi::xml_node problem = test.append_child(r.status == Status::error ? "error" : "failure");
    std::string message = r.status == Status::new_case ? "no expected image"
                          : lines.empty()              ? std::string(to_string(r.status))
                                                       : lines.front();
    problem.append_attribute("message") = message.c_str();
    problem.append_attribute("type") = r.status == Status::new_case ? "new"
                                       : r.status == Status::error  ? "error"
                                                                    : "mismatch";
    problem.append_child(pugi::node_pcdata).set_value(text.str().c_str());
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace dotlabel::golden
