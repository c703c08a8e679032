// "Use" as a verb of present use: "Use dietary supplements (vitamins, ...)", "Patients using chronic topical nasal
// decongestants", "Women using prophylactic antimicrobial treatment". As "taking" and "receiving" do
// (lower_present_use.cpp), the verb says the treatment is used now: read with no status, a patient whose vitamin
// record ended years ago was excluded from "Use dietary supplements".
// Only where "use" is a verb: first in the line or after the people, "who"/"that", "is"/"are"/"be" or "currently"
// ("Patients who use X", "Is using X"); never the noun ("Use of probiotics", "insulin use": a treatment at any
// time, the house reading) and never an intention or a means ("agree to use contraception", "able to use",
// "confirmed using the ADI-R", "difficulty using contrast media"). present_use() asks the rest (a lexicon
// treatment or procedure right after it, no time in the piece).
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::use_verb(std::size_t i) const {
  static constexpr std::string_view verb_words[] = {"use", "uses", "using"};
  static constexpr WordList verbs(verb_words);
  const Token& t = toks_[i];
  if (!verbs.contains(slice(t.begin, t.end))) return false;
  // The noun: "use of", "using of" ("Is using of any chronic medication": unsure, left as it was).
  if (i + 1 < toks_.size() && iequals(slice(toks_[i + 1].begin, toks_[i + 1].end), "of")) return false;
  if (i == 0) return true;
  const Token& p = toks_[i - 1];
  if (p.kind == Tok::subject || p.kind == Tok::status_active) return true;
  static constexpr std::string_view before[] = {"who", "that", "is", "are", "be"};
  return one_of(slice(p.begin, p.end), before);
}

}  // namespace trialmatch::grammar::detail
