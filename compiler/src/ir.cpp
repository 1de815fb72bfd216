#include "dotlabel/ir.hpp"

#include <cmath>

namespace dotlabel::ir {

int mm_to_dots(double mm) {
  // std::round rounds half away from zero, as the spec asks. Callers range-check first.
  return static_cast<int>(std::round(mm * kDotsPerMm));
}

const Label* Document::find_label(std::int64_t id) const {
  for (const Label& label : labels)
    if (label.id == id) return &label;
  return nullptr;
}

}  // namespace dotlabel::ir
