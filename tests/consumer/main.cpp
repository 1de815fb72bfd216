// Compiles a label through the installed library, whole and lazily; exits 0 only when the API
// works.
#include <dotlabel/compiler.hpp>
#include <iostream>

int main() {
  const char* markup =
      R"(<PAGE w="40" l="30"><LABEL id="2"><TEXT x="1" y="1">OK</TEXT></LABEL><LABEL id="1"/></PAGE>)";
  dotlabel::CompileResult result = dotlabel::compile(markup);
  if (!result.ok() || result.document->page.width != 320) {
    std::cerr << "consumer: unexpected compile result\n";
    return 1;
  }
  dotlabel::LazyDocument lazy = dotlabel::compile_lazy(markup);
  if (!lazy.ok() || lazy.size() != 2 || !(lazy.label(1) == result.document->labels[1])) {
    std::cerr << "consumer: unexpected compile_lazy result\n";
    return 1;
  }
  std::cout << "consumer: page " << result.document->page.width << "x"
            << result.document->page.length << " dots, " << lazy.size() << " labels\n";
  return 0;
}
