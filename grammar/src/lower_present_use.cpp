// A treatment in the present tense: "Patients receiving biological therapy", "Is on immunotherapy", "Taking
// benzodiazepines", "Receiving mechanical ventilation". The verb says the treatment is given now, as "current
// use of" does: the events it leads to are asked with status active. Read with no status, a biologic stopped
// five years ago excluded the patient from "Patients receiving biological therapy", and a patient weaned off
// ventilation last year met "Receiving mechanical ventilation".
// Not where the piece holds a time ("taking corticosteroids within 30 days", "receiving X for at least 3
// months", "previously receiving", "since 2019", "before surgery"): the time says when, and a treatment
// stopped last week is in a 30-day window though not active. Only treatments and procedures the lexicon
// names ("on" is a preposition of many things: "on MRI", "on two occasions"), and "on" only after the people,
// "is"/"are" or a condition ("chronic kidney disease on hemodialysis": a transplant recipient whose dialysis
// ended years ago was excluded).
#include "lower.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

bool time_unit(std::string_view u) {
  static constexpr std::string_view units[] = {"a", "mo", "wk", "d", "h", "min"};
  return one_of(u, units);
}

}  // namespace

bool Lowering::present_use_at(const SequenceState& s, std::size_t i) const { return present_use(i, s.b, s.e); }

// The verb at token i of the piece [b, e).
bool Lowering::present_use(std::size_t i, std::size_t b, std::size_t e) const {
  const Token& t = toks_[i];
  if ((t.kind != Tok::filler && t.kind != Tok::word) || !maybe_present_verb(t)) return false;
  static constexpr std::string_view verb_words[] = {"receiving", "taking", "undergoing", "on"};
  // (Most words of these lengths are refused by their first letter: "of", "in", "to", "with", "severe".)
  static constexpr WordList verbs(verb_words);
  const std::string_view verb = slice(t.begin, t.end);
  // ("Use X", "Patients using X": lower_use_verb.cpp. Its words are of 3 to 5 letters, use_verb's first test: asked
  // here, most words that are no verb here, "recurrent", "requiring", need no call.)
  if (!verbs.contains(verb) && !(verb.size() - 3 <= 2 && use_verb(i))) return false;
  // "on" only after the people or "is"/"are", or opening the line ("Patients on warfarin", "Is on
  // immunotherapy", "currently on", "On anticoagulants").
  if (iequals(verb, "on") && i > 0) {
    const Token& p = toks_[i - 1];
    static constexpr std::string_view be[] = {"is", "are", "be", "being", "those"};
    // (Or after a condition: "chronic kidney disease on hemodialysis", "diabetes on insulin".)
    const bool after_condition = p.kind == Tok::name && p.entry->kind == engine::ConceptKind::condition;
    if (p.kind != Tok::subject && p.kind != Tok::status_active && !after_condition && !one_of(slice(p.begin, p.end), be))
      return false;
  }
  // The treatment follows, past fillers only ("receiving treatment with", "taking a").
  std::size_t k = i + 1;
  while (k < e && toks_[k].kind == Tok::filler) ++k;
  if (k >= e || !is_event(k)) return false;
  const engine::ConceptKind kind = toks_[k].entry->kind;
  if (kind != engine::ConceptKind::treatment && kind != engine::ConceptKind::procedure) return false;
  // No time anywhere in the piece.
  static constexpr std::string_view time_words[] = {"since", "past", "last", "previously", "formerly", "ago", "until",
                                                    "during", "prior", "recently", "recent"};
  // (Asked of every word of the piece: most are refused by length and first letter.)
  static constexpr WordList times(time_words);
  for (std::size_t x = times_asked_from(std::min(b, i), i); x < e; ++x) {  // (lower_aside_times.cpp)
    const Tok k2 = toks_[x].kind;
    if (k2 == Tok::within || k2 == Tok::ahead || k2 == Tok::before || k2 == Tok::after || k2 == Tok::date ||
        k2 == Tok::status_history)
      return false;
    if (k2 == Tok::quantity && time_unit(toks_[x].quantity.unit)) return false;
    if ((k2 == Tok::word || k2 == Tok::filler) && times.contains(slice(toks_[x].begin, toks_[x].end))) return false;
  }
  return true;
}

// The verb among the neutral words right before a piece ("Patients receiving", "Is on"), which the line's
// reading passes over before the piece starts.
bool Lowering::present_use_before(std::size_t b, std::size_t e) const {
  std::size_t lead = b;  // (the times asked of the piece include those words: "Previously receiving")
  while (lead > 0 && neutral(lead - 1)) --lead;
  for (std::size_t x = lead; x < b; ++x)
    if (may_be_present_verb(toks_[x], text_) && present_use(x, lead, e)) return true;
  return false;
}

// "Ongoing treatment with gabapentin, amitriptyline, other tricyclics or SNRIs": unread words that open with
// "other" as an item of the list name more of its kind, not a clause the status word stops at (as it stops at
// "active virus infection, and ... surface antigen is positive"): the status reaches the items after them (read
// without it, an SNRI stopped years ago excluded the patient).
bool Lowering::other_of_list(const SequenceState& s, std::size_t i) const {
  if (!s.active || !s.active_used || s.items.empty() || s.items.back().text || !is_has(s.items.back().node)) return false;
  if (s.pending != Conn::comma && s.pending != Conn::or_) return false;
  // ("other" itself, or the word after it where "other" was passed over as a neutral word.)
  return iequals(slice(toks_[i].begin, toks_[i].end), "other") ||
         (i > s.b && iequals(slice(toks_[i - 1].begin, toks_[i - 1].end), "other"));
}

}  // namespace trialmatch::grammar::detail
