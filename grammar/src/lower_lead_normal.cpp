// "diagnosis of mild to moderate ischemic stroke (NIHSS <16)": an unread lead-in before a comparison, with no
// connector, was dropped as "not needed for the comparison". Where the lead-in names a condition and the
// thresholds after it admit normal values (an NIHSS of 0 is below 16), they do not stand for the condition
// (lower_defines.hpp, as "Diabetes (HbA1c < 9%)" is asked beside the diabetes): dropped, the line was met by a
// patient with a haemorrhagic stroke and an NIHSS of 5. The lead-in stays beside the comparison, unread: the
// two are one item, all(text, comparison).
// ("Extreme obesity (BMI ≥ 40)", "Severe heart failure (NYHA III and IV)": thresholds only a patient with the
// condition meets stay the criterion, as before; "Age range between 18 and 80": no condition.)
#include <algorithm>
#include <string>
#include <vector>

#include "lower.hpp"
#include "lower_defines.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// Counts the comparisons in n on listed measures, those that admit normal values, and those on a measure in
// `defining` (the condition's defined_by).
void count_admitting_normal(const Node& n, const engine::Lexicon& lexicon, const std::vector<std::string>& defining,
                            int& cmps, int& normal, int& own) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) {
    if (!c->name.empty()) return;  // unlisted: nothing to judge it by
    ++cmps;
    normal += admits_only_abnormal(*c, lexicon) ? 0 : 1;
    own += std::find(defining.begin(), defining.end(), c->var) != defining.end() ? 1 : 0;
  } else if (const auto* a = std::get_if<engine::All>(&n.kind)) {
    for (const auto& x : a->args) count_admitting_normal(x, lexicon, defining, cmps, normal, own);
  } else if (const auto* o = std::get_if<engine::Any>(&n.kind)) {
    for (const auto& x : o->args) count_admitting_normal(x, lexicon, defining, cmps, normal, own);
  }
}

}  // namespace

bool Lowering::lead_condition_admits_normal(std::size_t b, std::size_t e, const Item& lead, const Item& rest) const {
  const engine::Concept* condition = nullptr;
  for (std::size_t k = b; k < e && toks_[k].begin < lead.end && !condition; ++k)
    if (toks_[k].begin >= lead.begin && toks_[k].kind == Tok::name && toks_[k].entry->kind == engine::ConceptKind::condition)
      condition = toks_[k].entry;
  if (!condition) return false;
  // (Thresholds on the condition's own measures, "controlled hypertension (systolic blood pressure ≤ 140 mmHg)",
  // say how it stands, and the reading of such thresholds is lower_items.cpp's: left as it was.)
  int cmps = 0, normal = 0, own = 0;
  count_admitting_normal(rest.node, lexicon_, condition->defined_by, cmps, normal, own);
  return cmps > 0 && normal == cmps && own == 0;
}

void Lowering::condition_lead_beside(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                                     std::vector<bool>& text_has_or) {
  if (items.size() < 2 || !items[0].text || conns[0] != Conn::none || contains_has(items[1].node) ||
      !lead_condition_admits_normal(b, e, items[0], items[1]))
    return;
  std::vector<Node> both;
  both.push_back(text_node(items[0].begin, items[0].end, engine::TextReason::not_understood));
  both.push_back(std::move(items[1].node));
  items[0].node = engine::make_all(std::move(both), {items[0].begin, items[1].end});
  items[0].text = false;
  items[0].end = items[1].end;
  items.erase(items.begin() + 1);
  conns.erase(conns.begin());
  if (text_has_or.size() > 1) text_has_or.erase(text_has_or.begin() + 1);
}

}  // namespace trialmatch::grammar::detail
