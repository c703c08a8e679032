// IgnoredTokens (grammar/src/lower_ignored.hpp): the vector<bool> that Lowering::ignored_ was, with its emptiness
// kept beside it. The plain vector<bool> is the oracle: the same steps, as the lowering takes them (made all false
// from empty, copied, marked, given back by a move; cleared, as a test does), answer the same empty() and flags.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <random>
#include <utility>
#include <vector>

#include "../../grammar/src/lower_ignored.hpp"

using trialmatch::grammar::detail::IgnoredTokens;

namespace {

void check_same(const IgnoredTokens& fast, const std::vector<bool>& oracle) {
  REQUIRE(fast.empty() == oracle.empty());
  REQUIRE(fast.flags() == oracle);
  REQUIRE(std::equal(fast.begin(), fast.end(), oracle.begin(), oracle.end()));
  for (std::size_t i = 0; i < oracle.size(); ++i) REQUIRE(fast[i] == oracle[i]);
}

}  // namespace

TEST_CASE("IgnoredTokens answers as the vector<bool> it replaces, through the lowering's steps") {
  std::mt19937 random(27);
  for (int round = 0; round < 2000; ++round) {
    const std::size_t tokens = random() % 12;  // a line's tokens; none for an empty line
    IgnoredTokens fast;
    std::vector<bool> oracle;
    check_same(fast, oracle);
    for (int step = 0; step < 8; ++step) {
      switch (random() % 4) {
        case 0: {  // a piece marks [b, e) ignored, reads, and gives the marks back (lower_ahead.cpp and the others)
          if (fast.empty()) fast.assign(tokens, false);
          if (oracle.empty()) oracle.assign(tokens, false);
          IgnoredTokens fast_before = fast;
          std::vector<bool> oracle_before = oracle;
          check_same(fast_before, oracle_before);
          const std::size_t b = tokens == 0 ? 0 : random() % tokens;
          const std::size_t e = tokens == 0 ? 0 : b + random() % (tokens - b + 1);
          for (std::size_t x = b; x < e; ++x) fast[x] = oracle[x] = true;
          check_same(fast, oracle);
          fast = std::move(fast_before);
          oracle = std::move(oracle_before);
          break;
        }
        case 1: {  // a copy kept and moved into another (reading_state's copy, a moved-from vector left empty)
          IgnoredTokens fast_copy = fast;
          std::vector<bool> oracle_copy = oracle;
          IgnoredTokens fast_moved(std::move(fast_copy));
          std::vector<bool> oracle_moved(std::move(oracle_copy));
          check_same(fast_moved, oracle_moved);
          check_same(fast_copy, oracle_copy);
          break;
        }
        case 2:  // made all false, or of no tokens at all
        {
          const std::size_t flags = random() % 2 ? tokens : 0;
          fast.assign(flags, false);
          oracle.assign(flags, false);
          break;
        }
        default:
          fast.clear();
          oracle.clear();
          break;
      }
      check_same(fast, oracle);
    }
  }
}
