// The first test of the sessions reading of an open reading's islands (sessions_island_at, lower_sessions.cpp), asked
// by the reading itself and by island_into (lower_islands.cpp) before the reading's call: most comparators and numbers
// an island may start at start no sessions (docs/lowering-guards.md; tests/unit/test_grammar_island_into.cpp).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "lower_util.hpp"
#include "tokens.hpp"

namespace trialmatch::grammar::detail {

// Sessions ("> 3 x 30 min moderate exercise per week"): the count at i, or right after the comparator at i, a whole
// number above zero with no unit, then the sign "x", "X", "×" or "times", and a token after the sign inside [i, e).
// The count's token, or e where none is there.
inline std::size_t sessions_count_at(std::span<const Token> toks, std::string_view text, std::size_t i,
                                     std::size_t e) {
  std::size_t j = i;
  if (toks[j].kind == Tok::cmp) ++j;
  if (j + 2 >= e || toks[j].kind != Tok::quantity) return e;
  const Quantity& count = toks[j].quantity;
  if (!count.unit.empty() || count.unit_unknown || count.plus || count.relative_to != engine::RelativeTo::none ||
      count.value != static_cast<double>(static_cast<long>(count.value)) || count.value <= 0)
    return e;
  const std::string_view sign = text.substr(toks[j + 1].begin, toks[j + 1].end - toks[j + 1].begin);
  if (!(sign == "x" || sign == "X" || sign == "\xC3\x97" || iequals(sign, "times"))) return e;
  return j;
}

}  // namespace trialmatch::grammar::detail
