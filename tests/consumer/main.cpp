// Compiles a label through the installed library; exits 0 only when the API works.
#include <dotlabel/compiler.hpp>
#include <iostream>

int main() {
  dotlabel::CompileResult result = dotlabel::compile(
      R"(<PAGE w="40" l="30"><LABEL id="1"><TEXT x="1" y="1">OK</TEXT></LABEL></PAGE>)");
  if (!result.ok() || result.document->page.width != 320) {
    std::cerr << "consumer: unexpected compile result\n";
    return 1;
  }
  std::cout << "consumer: page " << result.document->page.width << "x"
            << result.document->page.length << " dots\n";
  return 0;
}
