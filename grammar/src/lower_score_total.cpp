// "PANSS total score of 60" in an inclusion means a total of at least 60 (maybe "of 60 or more" cut short), not a
// patient whose total is exactly 60: read as equality it fails the patient with 75 the trial wants. A class scale
// names a handful of grades, each a state ("ASA 2", "Tanner stage 3", "GCS 15", "mRS 0-6"), so its lone value is
// that grade; a total summed over many items has tens of values, and a lone one in a criterion is a threshold
// whose side is not written. Unsure: left to the text. A set ("NIHSS 0 or 1"), a span or a comparator still reads.
#include "lower_score_total.hpp"

namespace trialmatch::grammar::detail {

namespace {
// Widest class scales read as grades: GCS 3-15, Child-Pugh 5-15, ECOG 0-5, mRS 0-6; every summed total in the
// lexicon spans more (GAD-7 0-21, SOFA 0-24, MMSE 0-30, PANSS 30-210).
constexpr double widest_class_scale = 20;
}  // namespace

bool lone_value_is_cutoff(const engine::Concept& score) {
  if (!score.plausible || !score.plausible->low || !score.plausible->high) return false;
  return *score.plausible->high - *score.plausible->low > widest_class_scale;
}

}  // namespace trialmatch::grammar::detail
