// Thresholds that define a condition (see lower_defines.hpp), and finish_items' step that reads a condition as them.

#include "lower_defines.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_join_next.hpp"
#include "lower_util.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::grammar::detail {

bool admits_only_abnormal(const engine::Cmp& c, const engine::Lexicon& lexicon) {
  using engine::Comparator;
  const bool above = c.cmp == Comparator::gt || c.cmp == Comparator::ge;
  const bool below = c.cmp == Comparator::lt || c.cmp == Comparator::le;
  if (c.relative_to == engine::RelativeTo::uln) return (above && c.value >= 1) || (c.cmp == Comparator::eq && c.value > 1);
  if (c.relative_to == engine::RelativeTo::lln) return (below && c.value <= 1) || (c.cmp == Comparator::eq && c.value < 1);
  const engine::Concept* measure = lexicon.find(c.var);
  if (!measure || !measure->reference_range) return true;
  const engine::ValueRange& normal = *measure->reference_range;
  double value = c.value;
  if (!c.unit.empty() && c.unit != normal.unit) {
    const auto from = engine::units::read_unit(c.unit);
    const auto to = engine::units::read_unit(normal.unit);
    // A unit the range cannot be put in (mEq/L of potassium: the ion's charge is not in the lexicon) leaves
    // the reading as the threshold alone, as before normal ranges were asked.
    if (!from || !to) return true;
    const auto factor = engine::units::conversion_factor(*from, *to, measure->molar_mass);
    if (!factor) return true;
    value *= *factor;
  }
  // A little room for the rounding of conversions (100 mg/dL of glucose is 5.55 mmol/L, the range's 5.6).
  const double slack = 1e-6 + 0.01 * (value < 0 ? -value : value);
  const bool over = normal.high && value + slack >= *normal.high;
  const bool under = normal.low && value - slack <= *normal.low;
  if (above) return over;
  if (below) return under;
  return c.cmp == Comparator::eq && (over || under);
}

// "Hyperkalemia (serum potassium >5.5 mEq/L)", "Anemia (hemoglobin < 10 g/dL)": a condition followed by thresholds on
// the measures that define it is those thresholds; a recorded diagnosis beside them would also be asked (a patient
// whose potassium is 6 but whose record names no hyperkalemia would not be excluded).
void Lowering::defining_thresholds(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                                   std::vector<bool>& text_has_or) {
  // (Joined in one pass, lower_join_next.hpp: the test of items k and k + 1 as the list had them, true where item k
  // joins item k + 1. The episodes' scan goes on from where the last pair's stopped.)
  std::size_t episodes_at = std::string_view::npos;
  join_into_next(items, conns, text_has_or, [&](std::size_t k) {
    if (items[k].text || items[k + 1].text || conns[k] != Conn::none) return false;
    const auto* h = std::get_if<engine::Has>(&items[k].node.kind);
    if (!h || !h->name.empty() || h->within || !h->before.empty() || !h->status.empty()) return false;
    const engine::Concept* condition = concept_of(h->concept_id);
    if (!condition || condition->defined_by.empty() || items[k + 1].begin < items[k].end) return false;
    const std::string_view between = text_.substr(items[k].end, items[k + 1].begin - items[k].end);
    // "(serum potassium >5.5 mEq/L)", or "Heart failure, i.e. NYHA class III-IV" (the comma restates).
    // ("Hypertension (systolic BP > 160 mmHg or diastolic BP > 100 mmHg)": alternatives in parentheses are one
    // item that opens with its parenthesis; read beside the condition, they asked for its diagnosis too.)
    const bool parenthesis = (std::count(between.begin(), between.end(), '(') == 1 &&
                              between.find_first_of("),;:") == std::string_view::npos) ||
                             (text_[items[k + 1].begin] == '(' && trim_view(between).empty());
    // (The comma is the first token after the condition; restating() knows the words.)
    const std::size_t after = token_at(items[k].end, b, e);
    const bool restated = after + 1 < e && toks_[after].kind == Tok::comma && restating(after + 1, e) &&
                          between.find_first_of("();:") == std::string_view::npos;
    if (!parenthesis && !restated) return false;
    // Thresholds on the defining measures whose every admitted value is abnormal ("hemoglobin < 10 g/dL", "HbA1c
    // 7-10 %": a range is abnormal where one of its bounds is); "Diabetes (HbA1c < 9%)" asks the diagnosis and
    // the threshold (a healthy HbA1c of 5 % meets the threshold alone).
    auto on_measures = [&](const Node& n, auto&& self) -> bool {
      if (const auto* c = std::get_if<engine::Cmp>(&n.kind))
        return std::find(condition->defined_by.begin(), condition->defined_by.end(), c->var) != condition->defined_by.end();
      if (const auto* g = std::get_if<engine::If>(&n.kind)) return self(*g->then, self);
      const std::vector<Node>* args = nullptr;
      if (const auto* a = std::get_if<engine::All>(&n.kind)) args = &a->args;
      if (const auto* o = std::get_if<engine::Any>(&n.kind)) args = &o->args;
      if (!args) return false;
      for (const auto& x : *args)
        if (!self(x, self)) return false;
      return true;
    };
    auto abnormal = [&](const Node& n, auto&& self) -> bool {
      if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) return admits_only_abnormal(*c, lexicon_);
      // ("hemoglobin < 10 g/dL in females": a threshold for some defines the condition for them.)
      if (const auto* g = std::get_if<engine::If>(&n.kind)) return self(*g->then, self);
      if (const auto* a = std::get_if<engine::All>(&n.kind))
        return std::any_of(a->args.begin(), a->args.end(), [&](const Node& x) { return self(x, self); });
      if (const auto* o = std::get_if<engine::Any>(&n.kind))
        return std::all_of(o->args.begin(), o->args.end(), [&](const Node& x) { return self(x, self); });
      return false;
    };
    if (!on_measures(items[k + 1].node, on_measures) || !abnormal(items[k + 1].node, abnormal)) return false;
    if (episodes_before(b, e, items[k + 1].begin, episodes_at)) {  // lower_episodes.cpp
      episode_into_next(items, k);
      return true;
    }
    warn(fmt::format("'{}' read as the thresholds that define it", trim(slice(items[k].begin, items[k].end))),
         items[k].begin, items[k].end);
    items[k + 1].begin = items[k].begin;
    return true;
  });
}

}  // namespace trialmatch::grammar::detail
