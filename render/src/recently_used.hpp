// A few entries kept most recently used first, for the per-thread caches of what labels repeat
// (a QR symbol, a line of text): a small list searched front to back beats a map at this size.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace dotlabel::render {

template <typename T, std::size_t N>
class RecentlyUsed {
 public:
  // The first entry `match` accepts, moved to the front; nullptr when none does.
  template <typename Match>
  T* find(Match match) {
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (match(entries_[i])) {
        std::rotate(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(i),
                    entries_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        return &entries_.front();
      }
    return nullptr;
  }
  // A front entry for the caller to fill: a new one while fewer than N are kept, else the least
  // recently used one, whose storage the caller reuses (no allocation once all are kept).
  T& add() {
    if (entries_.size() < N) entries_.emplace_back();
    std::rotate(entries_.begin(), entries_.end() - 1, entries_.end());
    return entries_.front();
  }
  // Forgets the front entry (one add() gave and the caller could not fill).
  void drop_front() { entries_.erase(entries_.begin()); }

 private:
  std::vector<T> entries_;
};

}  // namespace dotlabel::render
