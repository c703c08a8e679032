// A score summed over many items (PANSS 30-210, MMSE 0-30, HAM-D 0-52) against a class scale (ASA, NYHA, ECOG).
#pragma once

#include "trialmatch/engine/lexicon.hpp"

namespace trialmatch::grammar::detail {

// True where a lone number written after the score's name with no comparator ("PANSS total score of 60",
// "GAD-7 score of 10") is a cut-off whose side is not written, not a class: unsure, so not read as equality.
bool lone_value_is_cutoff(const engine::Concept& score);

}  // namespace trialmatch::grammar::detail
