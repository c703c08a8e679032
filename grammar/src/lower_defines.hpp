#pragma once
// Whether a threshold in parentheses after a condition defines it ("Anemia (hemoglobin < 10 g/dL)") or asks
// more of a patient who has it ("Diabetes (HbA1c < 9%)").

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar::detail {

// True where every value the comparison admits lies outside the measure's normal range in the lexicon
// (hemoglobin < 10 g/dL, potassium > 5.5 mmol/L, ALT > 1 × ULN): only a patient with the condition meets it,
// so the threshold can stand for the condition. False where it admits normal values (HbA1c < 9 %, blood
// pressure < 140 mmHg: a healthy person meets them). A measure with no normal range in the lexicon (NYHA
// class, Child-Pugh score) is named only of patients with the condition, and a unit the range cannot be put
// in is not judged: true.
bool admits_only_abnormal(const engine::Cmp& c, const engine::Lexicon& lexicon);

}  // namespace trialmatch::grammar::detail
