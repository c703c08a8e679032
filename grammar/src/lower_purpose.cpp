// "Patient may receive packed red blood cell transfusion so as to have hemoglobin level of >= 9 g/dL",
// "Hydroxyurea should be used to keep the peripheral blast count <= 200/uL until the first day of protocol
// treatment": a threshold after words of purpose ("so as to", "in order to", "to keep", "to achieve", ...) is the
// value a treatment is to bring about, not the patient's value now. With the lead-in dropped "as not needed for
// the comparison", a patient with hemoglobin 6.5 g/dL, whom the line lets be transfused, failed it. The lead-in
// and the threshold become one text, as a threshold of past episodes does (lower_episodes.cpp).
// ("Able to maintain SpO2 >= 92% on room air" names the patient's own value: "maintain" alone is no purpose.)
#include <algorithm>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

void collect_vars(const Node& n, std::vector<std::string>& out) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) out.push_back(c->var);
  else if (const auto* a = std::get_if<engine::All>(&n.kind))
    for (const auto& x : a->args) collect_vars(x, out);
  else if (const auto* o = std::get_if<engine::Any>(&n.kind))
    for (const auto& x : o->args) collect_vars(x, out);
}

}  // namespace

// Every comparison on a target elsewhere in the line ("Hemoglobin level of >= 9 g/dL. Patient may receive ...
// transfusion so as to have hemoglobin level of >= 9 g/dL"): the line lets the value be reached, so the value
// now decides nothing; a person reads it.
void Lowering::targets_elsewhere(Node& n) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) {
    if (std::find(purpose_targets_.begin(), purpose_targets_.end(), c->var) != purpose_targets_.end())
      n = text_node(n.span.begin, n.span.end, engine::TextReason::not_understood);
  } else if (auto* a = std::get_if<engine::All>(&n.kind)) {
    for (auto& x : a->args) targets_elsewhere(x);
  } else if (auto* o = std::get_if<engine::Any>(&n.kind)) {
    for (auto& x : o->args) targets_elsewhere(x);
  } else if (auto* g = std::get_if<engine::If>(&n.kind)) {
    targets_elsewhere(*g->then);
  } else if (auto* no = std::get_if<engine::Not>(&n.kind)) {
    targets_elsewhere(*no->arg);
  }
}

void Lowering::targets_elsewhere(std::vector<Node>& pieces) {
  if (purpose_targets_.empty()) return;
  for (auto& p : pieces) targets_elsewhere(p);
}

bool Lowering::purpose_before(std::size_t b, std::size_t e, const Item& lead, const Item& target) const {
  if (!purpose_lead(b, e, lead)) return false;
  collect_vars(target.node, purpose_targets_);
  return true;
}

bool Lowering::purpose_lead(std::size_t b, std::size_t e, const Item& lead) const {
  static constexpr std::string_view targets[] = {"keep", "achieve", "attain", "reach", "bring", "obtain", "raise",
                                                 "correct"};
  const auto word = [&](std::size_t x, std::string_view w) {
    // (A word as written: "to" is read as a range word, "in" as a guard word elsewhere.)
    const Tok k = toks_[x].kind;
    return (k == Tok::word || k == Tok::filler || k == Tok::range_to || k == Tok::guard) &&
           iequals(slice(toks_[x].begin, toks_[x].end), w);
  };
  const std::size_t first = token_at(lead.begin, b, e);
  for (std::size_t x = first; x + 1 < e && toks_[x].end <= lead.end; ++x) {
    if (!word(x, "to")) continue;
    // "so as to", "in order to"
    if (x >= first + 2 && ((word(x - 2, "so") && word(x - 1, "as")) || (word(x - 2, "in") && word(x - 1, "order"))))
      return true;
    if ((toks_[x + 1].kind == Tok::word || toks_[x + 1].kind == Tok::filler) &&
        one_of(slice(toks_[x + 1].begin, toks_[x + 1].end), targets))
      return true;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail
