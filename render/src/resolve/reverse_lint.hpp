// REV inverts only what is drawn before it (docs/markup.md, "REV"). Two mistakes show only in
// a label's resolved layout: a REV over nothing drawn before it (it prints a plain black
// rectangle), and a TEXT drawn over an earlier REV (black on black where they meet).
#pragma once

#include <vector>

#include "resolve/resolve.hpp"

namespace dotlabel::render {

class ReverseLint {
 public:
  // `elements`: how many the label has, so that the areas are sized once.
  ReverseLint(const ResolveContext& context, std::size_t elements) : context_(context) {
    drawn_.reserve(elements);
  }

  // Every element of one label, resolved, in drawing order.
  void add(const ResolvedElement& element);

 private:
  struct Area {
    SourcePos at;
    long long x = 0, y = 0, width = 0, height = 0;
  };
  static bool overlap(const Area& a, const Area& b);
  void add_reverse(const Area& reverse);
  void add_text(const Area& text);

  const ResolveContext& context_;
  std::vector<Area> drawn_;     // where every element so far put (or inverted) dots
  std::vector<Area> reverses_;  // every REV so far
};

}  // namespace dotlabel::render
