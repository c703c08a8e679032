// Limits written around a comparison rather than in it: a limit named in words with its value in parentheses
// ("Weight exceeding the weight limit of the PET imaging table (500 pounds)"), and the parentheses after a
// comparison that ask nothing more (the measure's formula, "(BMI = weight in kg / [height in meters]2)").
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

using engine::Comparator;

// "exceeding the weight limit of the PET imaging table (500 pounds)": the comparator at j, words naming a limit
// ("limit", "capacity", "maximum") and nothing else, then the limit's value with its unit in parentheses.
std::optional<std::size_t> Lowering::named_limit(std::size_t j, std::size_t e, Threshold& th) const {
  static constexpr std::string_view limit_words[] = {"limit", "limits", "capacity", "maximum"};
  bool named = false;
  for (std::size_t x = j + 1; x < e && x < j + 14; ++x) {
    const Tok t = toks_[x].kind;
    if (t == Tok::lparen) {
      if (!named || x + 2 >= e || toks_[x + 1].kind != Tok::quantity || toks_[x + 2].kind != Tok::rparen) return std::nullopt;
      const Quantity& q = toks_[x + 1].quantity;
      if (q.unit.empty() || q.unit_unknown || q.relative_to != engine::RelativeTo::none) return std::nullopt;
      th.cmp = toks_[j].cmp;
      th.value = q;
      return x + 3;
    }
    if (t == Tok::word && one_of(slice(toks_[x].begin, toks_[x].end), limit_words)) named = true;
    else if (t != Tok::word && t != Tok::filler && t != Tok::name) return std::nullopt;
  }
  return std::nullopt;
}

// "body mass index > 40 (BMI = weight in kg / [height in meters]2)": the measure's formula in parentheses after
// its comparison defines the measure; it asks nothing more. The end of it, where one starts at k.
std::optional<std::size_t> Lowering::formula_after(std::size_t k, std::size_t e, const engine::Concept& var) const {
  if (k + 3 >= e || toks_[k].kind != Tok::lparen || !is_measured(k + 1) || toks_[k + 1].entry != &var ||
      toks_[k + 2].kind != Tok::cmp || toks_[k + 2].cmp != Comparator::eq || toks_[k + 3].kind == Tok::quantity)
    return std::nullopt;  // "(BMI = 25 for Asians)" is another limit
  int depth = 1;
  for (std::size_t x = k + 3; x < e && x < k + 24; ++x) {
    const Tok t = toks_[x].kind;
    if (t == Tok::lparen) ++depth;
    if (t == Tok::rparen && --depth == 0) return x + 1;
    // A formula has no comparison, window or condition in it.
    if (t == Tok::cmp || t == Tok::cmp_post || t == Tok::within || t == Tok::ahead || t == Tok::negation || t == Tok::judgement ||
        (t == Tok::guard && slice(toks_[x].begin, toks_[x].end) != "in") || t == Tok::semicolon)  // "weight in kg"
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace trialmatch::grammar::detail
