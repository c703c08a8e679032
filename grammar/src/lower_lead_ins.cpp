// Lead-ins that govern the items after their colon, rather than heading them.
// - A negation: "No history of the following: diabetes", "Absence of any of the following: heart failure",
//   "Patients must not have any of the following: stroke". None of the items may hold: not(any(items)). Read as a
//   heading (the lead-in dropped), the item was required: in an inclusion a patient without diabetes failed "No
//   history of the following: diabetes", the layout registries give a nested list under such a lead-in. A negation
//   elsewhere in the lead-in ("Women who are not postmenopausal must have the following:") qualifies someone or
//   something else; what it means for the items is a person's to read.
// - Alternatives: "Any of the following: HbA1c >= 6.5%, fasting glucose >= 126 mg/dL", "At least one of the
//   following:", "One or both of the following:", "Either:": one of the items is enough, in an inclusion too (read
//   as a heading, an inclusion asked for all of them).
// - An amount of time: holds_an_amount_of_time() (lower_lead_window.cpp reads the window).
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

Lowering::LeadNegation Lowering::lead_in_negation(std::size_t b, std::size_t c) const {
  // Words that may stand before the negation: whom the lead-in speaks of and how it asks ("Patients must",
  // "Subjects who do not", "Participants should").
  static constexpr std::string_view asking[] = {"must", "should", "shall", "will", "may", "can", "who", "that",
                                                "have", "has", "had", "is", "are", "be", "currently"};
  // ("Neither of the following:": none of the items, as "None of the following:".)
  const auto neither = [&](std::size_t k) { return iequals(slice(toks_[k].begin, toks_[k].end), "neither"); };
  std::size_t negation = c;
  for (std::size_t k = b; k < c && negation == c; ++k) {
    const Tok kind = toks_[k].kind;
    if (kind == Tok::negation || neither(k)) negation = k;
    else if (kind == Tok::subject || neutral(k)) continue;
    else if ((kind == Tok::word || kind == Tok::filler) && one_of(slice(toks_[k].begin, toks_[k].end), asking)) continue;
    else break;  // something else comes first: any negation after it is not the lead-in's own
  }
  bool any_negation = false;
  for (std::size_t k = b; k < c; ++k) any_negation = any_negation || toks_[k].kind == Tok::negation || neither(k);
  if (!any_negation) return LeadNegation::none;
  if (negation == c) return LeadNegation::unclear;
  // After it, only words that frame the items ("history of any of the following conditions"): a lead-in that
  // names something itself ("Not on insulin:", "No history of the following, unless treated:") says on what
  // condition, or with what exception, the items apply, which is a person's to read.
  static constexpr std::string_view framing[] = {
      "history", "of", "the", "following", "any", "these", "those", "below", "listed", "conditions", "condition",
      "criteria", "criterion", "diseases", "disease", "disorders", "illnesses", "medical", "evidence", "signs",
      "known", "prior", "previous", "past", "current", "currently", "presence", "have", "has", "having", "had",
      "meet", "meeting", "met", "one", "or", "more", "a", "an", "to", "be", "is", "are", "all", "must", "should",
      "may", "fulfilled", "fulfill", "fulfil", "apply", "applies", "present", "exist", "included", "enrolled",
      "eligible", "if", "they", "he", "she", "meets", "fulfils", "fulfills"};
  for (std::size_t k = negation + 1; k < c; ++k) {
    const Tok kind = toks_[k].kind;
    if (kind == Tok::status_history || kind == Tok::status_active || neutral(k)) continue;
    // (By its words, whatever token they made: "following" reads as a time word, "below" as a comparison.)
    if (kind != Tok::name && kind != Tok::quantity && one_of(slice(toks_[k].begin, toks_[k].end), framing)) continue;
    return LeadNegation::unclear;
  }
  return LeadNegation::governs_items;
}

bool Lowering::announces_alternatives(std::size_t b, std::size_t c) const {
  for (std::size_t k = b; k < c; ++k) {
    const std::string_view w = slice(toks_[k].begin, toks_[k].end);
    if (iequals(w, "either")) return true;
    const bool one = toks_[k].kind == Tok::quantity && toks_[k].quantity.value == 1 && toks_[k].quantity.unit.empty() &&
                     !toks_[k].quantity.unit_unknown && toks_[k].quantity.relative_to == engine::RelativeTo::none;
    if (!one && !iequals(w, "any")) continue;
    // "one of", "any of", "one or more of", "at least one of" (not "exactly one of", "only one of").
    if (one && k > b && (iequals(slice(toks_[k - 1].begin, toks_[k - 1].end), "exactly") ||
                         iequals(slice(toks_[k - 1].begin, toks_[k - 1].end), "only")))
      return false;
    std::size_t next = k + 1;
    if (one && next < c && toks_[next].kind == Tok::cmp_post) ++next;
    // ("One or both of the following:": one is enough.)
    if (one && next + 1 < c && toks_[next].kind == Tok::or_ && iequals(slice(toks_[next + 1].begin, toks_[next + 1].end), "both"))
      next += 2;
    if (next >= c || !iequals(slice(toks_[next].begin, toks_[next].end), "of")) continue;
    // ("One of each:" asks for all of them.)
    const std::string_view after = next + 1 < c ? slice(toks_[next + 1].begin, toks_[next + 1].end) : std::string_view{};
    return !iequals(after, "each") && !iequals(after, "both") && !iequals(after, "all");
  }
  return false;
}

std::size_t Lowering::lead_in_colon(std::size_t b, std::size_t n) const {
  std::size_t colon = b;
  while (colon < n && toks_[colon].kind != Tok::colon && toks_[colon].kind != Tok::semicolon &&
         toks_[colon].kind != Tok::lparen && toks_[colon].kind != Tok::period)
    ++colon;
  if (colon >= n || toks_[colon].kind != Tok::colon) return examples_colon(b, n);
  std::size_t opening = b;  // the words the line's start skipped ("One of the")
  while (opening > 0 && (toks_[opening - 1].kind == Tok::subject || neutral(opening - 1))) --opening;
  if (announces_alternatives(opening, colon) || lead_in_excepts(b, colon) || lead_in_ends_with_examples(b, colon)) return colon;
  if (lists_ == ListReading::all && lead_in_negation(b, colon) == LeadNegation::governs_items) return colon;
  return n;
}

bool Lowering::holds_an_amount_of_time(std::uint32_t begin, std::uint32_t end) const {
  static constexpr std::string_view time_units[] = {"a", "mo", "wk", "d", "h", "min"};
  for (const Token& t : toks_) {
    if (t.begin < begin || t.end > end) continue;
    if (t.kind == Tok::quantity && one_of(t.quantity.unit, time_units)) return true;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail
