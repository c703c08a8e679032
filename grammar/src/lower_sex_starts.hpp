#pragma once
// The first tests of the two readings of a limit for each sex (lower_sexes.cpp), written once: each reading asks its
// own, and comparison (lower_cmp.cpp) asks them before the calls (a guard, docs/lowering-guards.md): most comparisons
// of one variable have neither a "/" spelling nor an "and" after the threshold, and the calls cost more than the tests.
#include <cstddef>
#include <span>
#include <string_view>

#include "tokens.hpp"

namespace trialmatch::grammar::detail {

// sex_pair's: "<50/40 mg/dl; F/M" holds its second number in the threshold's unit spelling, which number_after_slash
// (lower_util.hpp) reads only where it opens, past blanks, with a slash and one byte more.
inline bool sex_pair_may_start(std::string_view unit_spelling) {
  std::size_t x = 0;
  while (x < unit_spelling.size() && unit_spelling[x] == ' ') ++x;
  return x + 2 <= unit_spelling.size() && unit_spelling[x] == '/';
}

// respective_tail's (respective_limits): "and ≥1.4 mg/dL in males and females respectively" opens with "and" at k,
// with two tokens after it.
inline bool respective_tail_may_start(std::span<const Token> toks, std::size_t k, std::size_t e) {
  return k + 2 < e && toks[k].kind == Tok::and_;
}

}  // namespace trialmatch::grammar::detail
