// "Acute or chronic infection Clinical chemistry: C reactive protein <1.5 mg/dl)": a lead-in that names a
// condition is no label of the thresholds after it (as "Hematology:" or "Cohort 1:" is) but the criterion they
// define or bear out. Read as a heading, the condition was dropped and the exclusion was "CRP < 1.5 mg/dL":
// every patient with a normal CRP excluded. Where every threshold after it admits normal values, it defines no
// condition (lower_defines.hpp, as "Diabetes (HbA1c < 9%)" is asked beside the diabetes): a person reads the
// piece. ("Liver insufficiency: bilirubin > 2 x ULN": thresholds only a patient with the condition meets stay
// the criterion.)
#include "lower.hpp"
#include "lower_defines.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// Counts the comparisons in n on listed measures, and those that admit normal values.
void count_normal(const Node& n, const engine::Lexicon& lexicon, int& cmps, int& normal) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) {
    if (!c->name.empty()) return;  // unlisted: nothing to judge it by
    ++cmps;
    normal += admits_only_abnormal(*c, lexicon) ? 0 : 1;
  } else if (const auto* a = std::get_if<engine::All>(&n.kind)) {
    for (const auto& x : a->args) count_normal(x, lexicon, cmps, normal);
  } else if (const auto* o = std::get_if<engine::Any>(&n.kind)) {
    for (const auto& x : o->args) count_normal(x, lexicon, cmps, normal);
  } else if (const auto* g = std::get_if<engine::If>(&n.kind)) {
    count_normal(*g->then, lexicon, cmps, normal);
  } else if (const auto* no = std::get_if<engine::Not>(&n.kind)) {
    count_normal(*no->arg, lexicon, cmps, normal);
  }
}

}  // namespace

bool Lowering::condition_heading_admits_normal(std::size_t b, std::size_t c, const Node& rest) const {
  // (Only in an exclusion, where the dropped condition widens what excludes to healthy values. In an inclusion,
  // "Patients with diabetes: HbA1c < 9%" asks the value of everyone, which a patient without the condition
  // meets in all but name: headings_s12.golden.)
  if (lists_ != ListReading::any) return false;
  bool condition = false;
  for (std::size_t k = b; k < c && !condition; ++k)
    condition = toks_[k].kind == Tok::name && toks_[k].entry->kind == engine::ConceptKind::condition && !ignored(k);
  if (!condition) return false;
  int cmps = 0, normal = 0;
  count_normal(rest, lexicon_, cmps, normal);
  return cmps > 0 && normal == cmps;
}

}  // namespace trialmatch::grammar::detail
