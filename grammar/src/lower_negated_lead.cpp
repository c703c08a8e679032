// A lead-in whose negation governs the items it announces: "No history of the following: diabetes", "Absence of any
// of the following: heart failure", "Patients must not have any of the following: stroke". None of the items may
// hold: not(any(items)). Read as a heading (the lead-in dropped), the item was required: in an inclusion a patient
// without diabetes failed "No history of the following: diabetes", the layout registries give a nested list under
// such a lead-in. A negation elsewhere in the lead-in ("Women who are not postmenopausal must have the following:")
// qualifies someone or something else; what it means for the items is a person's to read. (And a lead-in with a time
// in it is no heading either: holds_an_amount_of_time().)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

Lowering::LeadNegation Lowering::lead_in_negation(std::size_t b, std::size_t c) const {
  // Words that may stand before the negation: whom the lead-in speaks of and how it asks ("Patients must",
  // "Subjects who do not", "Participants should").
  static constexpr std::string_view asking[] = {"must", "should", "shall", "will", "may", "can", "who", "that",
                                                "have", "has", "had", "is", "are", "be", "currently"};
  std::size_t negation = c;
  for (std::size_t k = b; k < c && negation == c; ++k) {
    const Tok kind = toks_[k].kind;
    if (kind == Tok::negation) negation = k;
    else if (kind == Tok::subject || neutral(k)) continue;
    else if ((kind == Tok::word || kind == Tok::filler) && one_of(slice(toks_[k].begin, toks_[k].end), asking)) continue;
    else break;  // something else comes first: any negation after it is not the lead-in's own
  }
  bool any_negation = false;
  for (std::size_t k = b; k < c; ++k) any_negation = any_negation || toks_[k].kind == Tok::negation;
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

bool Lowering::holds_an_amount_of_time(std::uint32_t begin, std::uint32_t end) const {
  static constexpr std::string_view time_units[] = {"a", "mo", "wk", "d", "h", "min"};
  for (const Token& t : toks_) {
    if (t.begin < begin || t.end > end) continue;
    if (t.kind == Tok::quantity && one_of(t.quantity.unit, time_units)) return true;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail
