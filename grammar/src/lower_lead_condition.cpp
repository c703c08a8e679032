// "Sustained severe Traumatic Brain Injury (GCS<12)", "Severe head injury (GCS < 8)": a lead-in that names a
// condition, before a comparison on a measure that does not define that condition, asks for both. The lead-in
// was dropped as "not needed for the comparison" (the grammar reads no "severe X"), so every patient with a GCS
// under 12 was excluded, a polytrauma patient sedated or drunk with no brain injury among them. The lead-in stays
// as a person's text beside the comparison: all(text, comparison), never met on the measure alone, failed where the
// measure fails, as before (as lower_heading_condition.cpp reads a lead-in before a colon).
// Dropped as before: a condition that is no acute event ("moderate to severe dementia (CDR 2-3)": its own scale), a measure the lexicon's `defined_by` names for the condition ("Severe renal impairment
// (creatinine clearance < 30 mL/min)", "Severe anemia (hemoglobin < 8 g/dL)"), a lead-in that says the
// comparison defines it ("defined as", "as evidenced by"), a lead-in that names no condition ("Pain intensity").
#include <algorithm>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
// Every variable compared in n; false where n holds anything but comparisons and text.
bool compared_only(const Node& n, std::vector<std::string_view>& vars) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) { vars.push_back(c->var); return true; }
  if (std::holds_alternative<engine::Text>(n.kind)) return true;
  const std::vector<Node>* args = nullptr;
  if (const auto* a = std::get_if<engine::All>(&n.kind)) args = &a->args;
  if (const auto* o = std::get_if<engine::Any>(&n.kind)) args = &o->args;
  if (!args) return false;
  return std::all_of(args->begin(), args->end(), [&](const Node& x) { return compared_only(x, vars); });
}
}  // namespace

bool Lowering::lead_condition_kept(std::size_t b, std::size_t e, const Item& lead, const Item& measure) const {
  std::vector<std::string_view> vars;
  if (!compared_only(measure.node, vars) || vars.empty()) return false;
  const engine::Concept* condition = nullptr;
  static constexpr std::string_view defining[] = {"defined", "definition", "documented", "evidenced", "confirmed",
                                                  "determined", "demonstrated", "shown", "measured", "assessed",
                                                  "as", "by", "i.e.", "ie", "namely", "meaning"};
  for (std::size_t x = b; x < e && toks_[x].begin < lead.end; ++x) {
    if (toks_[x].end <= lead.begin) continue;
    if (one_of(slice(toks_[x].begin, toks_[x].end), defining)) return false;
    if (!condition && toks_[x].kind == Tok::name && toks_[x].entry &&
        toks_[x].entry->kind == engine::ConceptKind::condition)
      condition = toks_[x].entry;
  }
  // (Only an acute event, an injury or a stroke, whose severity a measure of the patient's present state tells:
  // other things move that measure too. A chronic condition's own scale, "moderate to severe dementia (CDR 2-3)",
  // "Severe uncontrolled hypertension (SBP > 180 ...)", is read as the measure, as before.)
  if (!condition || condition->acute == 0) return false;
  // (Nor "i.e." or "defined as" between the lead-in and the comparison: "Severe TBI, i.e. GCS < 9".)
  for (std::size_t x = b; x < e && toks_[x].begin < measure.begin; ++x)
    if (toks_[x].begin >= lead.end && one_of(slice(toks_[x].begin, toks_[x].end), defining)) return false;
  return std::none_of(vars.begin(), vars.end(), [&](std::string_view v) {
    return std::find(condition->defined_by.begin(), condition->defined_by.end(), v) != condition->defined_by.end();
  });
}

}  // namespace trialmatch::grammar::detail
