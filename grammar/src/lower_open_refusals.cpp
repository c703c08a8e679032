// The open reading's refusals asked before it looks for islands (lower_open.cpp): each the same test as the one its
// segments' pass or segment loop asks once the islands are known, taken first where it alone decides.
#include <cstddef>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// (The same tests as open_reading's pass over the segments: a negation is outside parentheses where every
// parenthesis opened before it, islands' included, has closed; it counts where it is not passed over.)
bool Lowering::negated_unless_respectively(std::size_t b, std::size_t e) const {
  bool negated = false;
  std::size_t depth = 0;
  for (std::size_t i = b; i < e; ++i) {
    switch (toks_[i].kind) {
      case Tok::lparen: ++depth; break;
      case Tok::rparen: if (depth > 0) --depth; break;
      case Tok::negation: negated = negated || (depth == 0 && !ignored(i)); break;
      case Tok::word:
        if (toks_[i].end - toks_[i].begin == 12 && iequals(slice(toks_[i].begin, toks_[i].end), "respectively"))
          return false;
        break;
      default: break;
    }
  }
  return negated;
}

// Whether [b, e) holds the word "respectively" (any case), which open_reading reads before its other refusals.
bool Lowering::holds_respectively(std::size_t b, std::size_t e) const {
  for (std::size_t i = b; i < e; ++i)
    if (toks_[i].kind == Tok::word && toks_[i].end - toks_[i].begin == 12 &&
        iequals(slice(toks_[i].begin, toks_[i].end), "respectively"))
      return true;
  return false;
}

// Whether a token of [b, e) judges (judgement_at) and the text holds no "respectively".
bool Lowering::judges_unless_respectively(std::size_t b, std::size_t e) const {
  bool judges = false;
  for (std::size_t i = b; i < e && !judges; ++i) judges = toks_[i].kind == Tok::judgement && judgement_at(i);
  return judges && !holds_respectively(b, e);
}

}  // namespace trialmatch::grammar::detail
