// "Participation in another clinical study with a beta blocker during the last 3 months": the treatment named
// after a study's participation is the study's own (what it tested), not any the patient takes. Read as two
// events joined, a patient in a statin trial who takes a beta blocker from her doctor was excluded. Where the
// lexicon's investigational_drug ("another clinical study") is followed, with only "with/of/using/testing/
// evaluating" and little words between, by a treatment, the treatment is one unread text: the participation is
// still asked (no study in the window: the line is not met), the drug a person reads.
// ("Participation in another clinical study within 3 months": no treatment; "... study with an investigational drug":
// the study itself; "Insulin with metformin": no study; "... study and use of beta blockers": two things asked.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void Lowering::study_treatment_as_text(std::vector<Item>& items, const std::vector<Conn>& conns) const {
  static constexpr std::string_view joining_words[] = {"with", "of", "using", "testing", "evaluating", "a", "an", "the",
                                                       "any"};
  static constexpr WordList joining(joining_words);
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    // ("with" is read as a connector, Conn::and_, lower_sequence_readings.cpp: the words between tell it.)
    if ((conns[k] != Conn::none && conns[k] != Conn::and_) || items[k].text || items[k + 1].text || !is_has(items[k].node) || !is_has(items[k + 1].node))
      continue;
    if (std::get<engine::Has>(items[k].node.kind).concept_id != "investigational_drug") continue;
    const engine::Concept* drug = concept_of(std::get<engine::Has>(items[k + 1].node.kind).concept_id);
    if (!drug || (drug->kind != engine::ConceptKind::treatment && drug->kind != engine::ConceptKind::procedure)) continue;
    if (drug->id == "investigational_drug") continue;  // "a study with an investigational drug": the study itself, as before
    // The words between: at least one of with/of/using/testing/evaluating, and nothing else but little words.
    const std::string_view between = text_.substr(items[k].end, items[k + 1].begin - items[k].end);
    bool governs = false, other = false;
    for (std::size_t pos = 0; pos < between.size();) {
      const std::size_t end = std::min(between.find(' ', pos), between.size());
      const std::string_view w = between.substr(pos, end - pos);
      pos = end + 1;
      if (w.empty()) continue;
      if (!joining.contains(w)) other = true;
      else if (w.size() > 3 || iequals(w, "of")) governs = true;
    }
    if (governs && !other) items[k + 1].text = true;
  }
}

}  // namespace trialmatch::grammar::detail
