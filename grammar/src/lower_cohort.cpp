// A heading that names a cohort, before a line of several parts: "GAgP parents: i) less than 35 years old at the
// diagnosis; ii) at least 8 teeth with CAL > 5 mm", "Control group: age 18-65; no diabetes". Every part is for that
// cohort. Read part by part, the heading guarded the first part only (or, before a list marker, was dropped as a
// heading): the parents' requirements were asked of the children enrolled beside them. (A heading before one part
// is piece()'s: the same guard.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

std::optional<std::pair<std::size_t, std::size_t>> Lowering::cohort_heading(std::size_t b, std::size_t n) const {
  std::size_t c = b;
  for (; c < n && c < b + 9; ++c) {
    const Tok k = toks_[c].kind;
    if (k == Tok::colon) break;
    if (k != Tok::word && k != Tok::filler && k != Tok::subject && k != Tok::name && k != Tok::guard && !neutral(c))
      return std::nullopt;
  }
  if (c == b || c >= n || toks_[c].kind != Tok::colon || c + 2 >= n || !names_cohort(b, c)) return std::nullopt;
  // A list marker right after the colon: "i)", "(1)", "1.".
  std::size_t first = c + 1;
  const auto marker_word = [&](std::size_t x) {
    return (toks_[x].kind == Tok::word && toks_[x].end - toks_[x].begin <= 3) ||
           (toks_[x].kind == Tok::quantity && toks_[x].quantity.unit.empty() && !toks_[x].quantity.unit_unknown);
  };
  bool marker = false;
  if (first + 2 < n && toks_[first].kind == Tok::lparen && marker_word(first + 1) && toks_[first + 2].kind == Tok::rparen) {
    first += 3;
    marker = true;
  } else if (first + 1 < n && marker_word(first) && (toks_[first + 1].kind == Tok::rparen || toks_[first + 1].kind == Tok::period) &&
             toks_[first + 1].begin == toks_[first].end) {
    first += 2;
    marker = true;
  }
  if (first >= n) return std::nullopt;
  // Only before several parts: a ';' or a sentence's period outside parentheses, before the end.
  bool parts = marker;
  for (std::size_t x = first, depth = 0; x + 1 < n && !parts; ++x) {
    if (toks_[x].kind == Tok::lparen) ++depth;
    else if (toks_[x].kind == Tok::rparen && depth > 0) --depth;
    else if (depth == 0 && (toks_[x].kind == Tok::semicolon || toks_[x].kind == Tok::period)) parts = true;
  }
  if (!parts) return std::nullopt;
  return std::make_pair(c, first);
}

}  // namespace trialmatch::grammar::detail
