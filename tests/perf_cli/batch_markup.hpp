// A page of `count` labels with every kind of element the reference label has, in two fonts,
// each with its own content; the labels `clipped` picks also overflow a TEXT (a warning).
#pragma once

#include <functional>
#include <string>

namespace dotlabel::test {

inline std::string batch_labels(int count, const std::function<bool(int)>& clipped) {
  std::string xml = "<PAGE w=\"100\" l=\"60\">\n";
  for (int i = 1; i <= count; ++i) {
    std::string n = std::to_string(i);
    xml += "<LABEL id=\"" + n + "\"><TEXT x=\"3\" y=\"3\">宫保鸡丁 " + n +
           "</TEXT><TEXT x=\"3\" y=\"8\" f=\"3\">ORDER " + n +
           "</TEXT><BARC x=\"3\" y=\"16\" h=\"50\">" + std::to_string(1000 + i) +
           "</BARC><QRC x=\"70\" y=\"20\" s=\"4\">https://example.com/" + n +
           "</QRC><SQ x=\"1\" y=\"1\" xe=\"99\" ye=\"59\" lt=\"2\"/>" +
           (clipped(i) ? "<TEXT x=\"95\" y=\"50\" f=\"3\">CLIPPED</TEXT>" : "") + "</LABEL>\n";
  }
  return xml + "</PAGE>\n";
}

}  // namespace dotlabel::test
