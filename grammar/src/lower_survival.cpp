// Survival named by its length and judged unlikely: a life expectancy below that length.
//   "Known disease making 180 day survival unlikely"  -> cmp life_expectancy < 180 d
//   "Unlikely to survive the next 24 hours"           -> cmp life_expectancy < 24 h
// The words before the length name the cause ("known disease making"), which the expectancy already reflects;
// anything a person must judge ("in the opinion of the investigator") leaves the piece to a person.
#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

std::optional<Node> Lowering::survival_unlikely(std::size_t b, std::size_t e) {
  // Both readings name the length as a time: a piece without a number has neither (asked of every piece).
  if (!kinds_in(b, e).has(Tok::quantity)) return std::nullopt;
  auto word = [&](std::size_t x, std::string_view w) {
    return x < e && toks_[x].kind != Tok::quantity && toks_[x].kind != Tok::name && iequals(slice(toks_[x].begin, toks_[x].end), w);
  };
  auto time_at = [&](std::size_t x) {
    return x < e && toks_[x].kind == Tok::quantity && is_time_unit(toks_[x].quantity.unit) && !toks_[x].quantity.plus;
  };
  const std::size_t end = [&] {  // the piece without a closing period or stray marks
    std::size_t last = e;
    while (last > b && neutral(last - 1)) --last;
    return last;
  }();
  std::size_t q = end;  // the length
  if (end >= b + 3 && word(end - 1, "unlikely") && word(end - 2, "survival") && time_at(end - 3)) {
    q = end - 3;  // "... 180 day survival unlikely"
    // The cause before it: a few words, nothing that joins, compares, negates or asks a person.
    if (q - b > 4) return std::nullopt;
    for (std::size_t x = b; x < q; ++x) {
      const Tok k = toks_[x].kind;
      if (k != Tok::word && k != Tok::filler && k != Tok::status_history && !is_event(x) && !neutral(x)) return std::nullopt;
    }
    if (q > b && !word(q - 1, "making")) return std::nullopt;
  } else {
    std::size_t x = skip_neutral(b, e);
    if (!word(x, "unlikely") || !word(x + 1, "to") || !word(x + 2, "survive")) return std::nullopt;
    x += 3;
    if (word(x, "for")) ++x;
    if (x < e && toks_[x].kind == Tok::ahead) ++x;  // "the next"
    if (!time_at(x) || skip_neutral(x + 1, e) != e) return std::nullopt;
    q = x;
  }
  const engine::Concept* expectancy = lexicon_.find("life_expectancy");
  if (!expectancy) return std::nullopt;
  return cmp_node(*expectancy, engine::Comparator::lt, toks_[q].quantity, toks_[b].begin, toks_[e - 1].end);
}

}  // namespace trialmatch::grammar::detail
