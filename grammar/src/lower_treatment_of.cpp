// "Patients with previous treatment of prostate cancer", "Prior therapy of hepatitis C": the treatment of a
// condition is no event the lexicon names, and the condition alone says something else. The treatment word
// is a filler passed over as neutral, so the line read `has prostate_cancer`: in a trial that takes men
// with untreated prostate cancer, every one of them was excluded. As "hypertension treatment"
// (lower_sequence_readings.cpp), the words from the treatment word to the condition are one text (held as read,
// so that the condition is not read again from its words).
// ("Ongoing treatment of sleep apnea with positive airway pressure therapy": the treatment is named after "with"
// and read as before; "History of prostate cancer" has no treatment word; "Previous treatment with
// corticosteroids" names a treatment.)
#include "lower.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::treatment_of_condition(SequenceState& s, std::size_t& name) {
  static constexpr std::string_view relations[] = {"of", "for"};
  static constexpr std::string_view treatments[] = {"treatment", "treatments", "therapy", "therapies", "treated"};
  static constexpr std::string_view articles[] = {"the", "a", "an"};
  // (A word as written: "for" is read as a guard word elsewhere.)
  const auto word_at = [&](std::size_t k, const auto& list) {
    const Tok kind = toks_[k].kind;
    return (kind == Tok::word || kind == Tok::filler || kind == Tok::guard) && one_of(slice(toks_[k].begin, toks_[k].end), list);
  };
  std::size_t x = name;
  if (x > 0 && word_at(x - 1, articles)) --x;  // "treatment of the prostate cancer"
  if (x < 2 || !word_at(x - 1, relations) || !word_at(x - 2, treatments)) return false;
  x -= 2;
  // (Words already in an item are not taken again.)
  if (!s.items.empty() && s.items.back().end > toks_[x].begin) return false;
  // The treatment named after the condition: "... of sleep apnea with CPAP".
  for (std::size_t after = name + 1; after < s.e; ++after) {
    if (iequals(slice(toks_[after].begin, toks_[after].end), "with")) return false;
    if (!neutral(after)) break;
  }
  s.push_typed(text_node(toks_[x].begin, toks_[name].end, engine::TextReason::not_understood), toks_[x].begin,
               toks_[name].end);
  ++name;
  return true;
}

}  // namespace trialmatch::grammar::detail
