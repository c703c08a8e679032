// Counters for the tests that show a pass is linear: they count the work (an item list's moves, the tokens read),
// never time. An item declares its own fields and a MoveCount, whose defaulted moves then count; a scan reads its
// tokens through a CountingToks.
#pragma once

#include <cstddef>
#include <span>

#include "../../grammar/src/tokens.hpp"

namespace counting_support {

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

// A token list that counts the tokens read.
struct CountingToks {
  std::span<const trialmatch::grammar::Token> toks;
  mutable std::size_t reads = 0;
  const trialmatch::grammar::Token& operator[](std::size_t x) const {
    ++reads;
    return toks[x];
  }
};

}  // namespace counting_support
