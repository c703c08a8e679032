// A member that counts the moves of the object holding it: the compaction tests count an item list's moves (never
// time) to show a pass is linear. An item declares its own fields and a MoveCount; its defaulted moves count.
#pragma once

#include <cstddef>

namespace move_count_support {

struct MoveCount {
  explicit MoveCount(std::size_t* to) : counter(to) {}
  MoveCount(MoveCount&& o) noexcept : counter(o.counter) { ++*counter; }
  MoveCount& operator=(MoveCount&& o) noexcept {
    counter = o.counter;
    ++*counter;
    return *this;
  }
  std::size_t* counter;  // (shared by every item of one list; a moved item keeps counting there)
};

}  // namespace move_count_support
