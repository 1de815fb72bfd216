#include "dotlabel/ir.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace dotlabel::ir {

int mm_to_dots(double mm) {
  // std::round rounds half away from zero, as the spec asks. Callers range-check first.
  return static_cast<int>(std::round(mm * kDotsPerMm));
}

SourcePos content_position(SourcePos content_at, const std::vector<ContentRun>& runs,
                           std::size_t index) {
  auto after = std::upper_bound(runs.begin(), runs.end(), index,
                                [](std::size_t i, const ContentRun& run) { return i < run.first; });
  SourcePos start = after == runs.begin() ? content_at : std::prev(after)->at;
  std::size_t first = after == runs.begin() ? 0 : std::prev(after)->first;
  return {start.line, start.column + static_cast<int>(index - first)};
}

const Label* Document::find_label(std::int64_t id) const {
  for (const Label& label : labels)
    if (label.id == id) return &label;
  return nullptr;
}

}  // namespace dotlabel::ir
