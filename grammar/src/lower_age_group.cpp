// An age group's name in parentheses right after an age bound that lies inside the group restates the bound:
//   "The patient is less than 28 days old (neonate)." -> cmp age < 28 d   (was all(..., text "neonate"))
// Only groups with one agreed span (a neonate or newborn is under 28 days old, the WHO's neonatal period), and
// only where the bounds written keep the age inside that span, so that the name asks nothing more: "less than 1
// month old (neonate)" admits a 30-day-old, "≥ 2 years (neonates)" contradicts the name; both keep their text.
// Groups whose span varies ("adolescents": 10-19 or 12-17) are not read: "≥ 12 years (adolescents)" would lose
// the upper bound the name implies. ("adults", "children" are subject words the lowering passes over already.)
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
struct AgeGroup {
  std::string_view name;
  double low_days;   // the youngest age in the group, in days
  double high_days;  // the oldest (exclusive), in days
};
constexpr double no_limit = 1e9;
// (Days: a year of 365.25 days, a month of a twelfth of it.)
constexpr AgeGroup age_groups[] = {{"neonate", 0, 28}, {"neonates", 0, 28}, {"newborn", 0, 28}, {"newborns", 0, 28}};

std::optional<double> in_days(const engine::Cmp& c) {
  if (c.unit == "d") return c.value;
  if (c.unit == "wk") return c.value * 7;
  if (c.unit == "mo") return c.value * 365.25 / 12;
  if (c.unit == "a") return c.value * 365.25;
  return std::nullopt;
}

// The span [low, high) of ages the comparisons on age in n admit, in days (n: one comparison or an all of them).
std::optional<std::pair<double, double>> age_span(const Node& n) {
  std::vector<const engine::Cmp*> cmps;
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) cmps.push_back(c);
  if (const auto* a = std::get_if<engine::All>(&n.kind))
    for (const auto& x : a->args) {
      const auto* c = std::get_if<engine::Cmp>(&x.kind);
      if (!c) return std::nullopt;
      cmps.push_back(c);
    }
  if (cmps.empty()) return std::nullopt;
  double low = 0, high = no_limit;
  for (const auto* c : cmps) {
    const auto days = c->var == "age" && c->relative_to == engine::RelativeTo::none ? in_days(*c) : std::nullopt;
    if (!days) return std::nullopt;
    using engine::Comparator;
    // (A bound "< 28 days" admits ages to 28 days; "≤ 27 days" to 28. "> 17 years" is read as from 17 years,
    // a little wider than the comparison, which only makes the test stricter.)
    switch (c->cmp) {
      case Comparator::lt: high = std::min(high, *days); break;
      case Comparator::le: high = std::min(high, *days + 1); break;
      case Comparator::gt: case Comparator::ge: low = std::max(low, *days); break;
      default: return std::nullopt;
    }
  }
  return std::pair{low, high};
}
}  // namespace

void Lowering::age_group_restated(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                                  std::vector<bool>& text_has_or) {
  for (std::size_t k = 1; k < items.size(); ++k) {
    if (!items[k].text || items[k - 1].text || conns[k - 1] != Conn::none || text_has_or[k]) continue;
    const auto span = age_span(items[k - 1].node);
    if (!span) continue;
    // The tokens from the bound to the end of the unread words: "(", the group's name, then ")".
    std::size_t x = token_at(items[k - 1].end, b, e);
    if (x + 2 >= e || toks_[x].kind != Tok::lparen || toks_[x + 2].kind != Tok::rparen ||
        toks_[x + 1].begin < items[k].begin || toks_[x + 1].end < items[k].end)
      continue;
    const std::string_view name = slice(toks_[x + 1].begin, toks_[x + 1].end);
    const AgeGroup* group = nullptr;
    for (const auto& g : age_groups)
      if (iequals(name, g.name)) group = &g;
    if (!group || span->first < group->low_days || span->second > group->high_days) continue;
    warn(fmt::format("'{}' names the age group the bound keeps to", trim(slice(items[k].begin, items[k].end))),
         items[k].begin, items[k].end);
    join_items(items, conns, text_has_or, k - 1, k);  // (a read item: never an orphan)
    --k;
  }
}

}  // namespace trialmatch::grammar::detail
