#pragma once
// Plausibility of measured values, and unit typos resolved by it ("creatinine ≤176.8 (mol/L)" can only
// mean umol/L). Never a silent fix: a correction always comes with the warning to show.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::engine::units {

enum class Plausibility : std::uint8_t {
  plausible,    // inside the concept's plausible range
  implausible,  // outside it: a typo, a wrong unit or a wrong concept
  unknown,      // the concept has no plausible range, or the unit does not convert to the range's
};
const char* to_string(Plausibility p) noexcept;

// Whether `value`, in `unit`, lies inside the concept's plausible range (converted through the
// concept's molar mass where needed).
Plausibility plausibility(const Concept& concept_, double value, const Unit& unit);

// The spelling of the unit the concept's plausible range is in: the range's own, else the concept's.
inline std::string_view range_unit_spelling(const Concept& concept_) {
  return concept_.plausible && !concept_.plausible->unit.empty() ? std::string_view(concept_.plausible->unit)
                                                                 : std::string_view(concept_.unit);
}

// The same answer, with that unit already read (`range_unit` is read_unit(range_unit_spelling(concept_)), and
// readable): a caller that has read it for another test does not read it again.
Plausibility plausibility(const Concept& concept_, double value, const Unit& unit, const Unit& range_unit);

// The same answer for a value already in that unit: `value` is the written value times
// conversion_factor(unit, range_unit, molar mass), where there is that factor (where there is none, the answer
// is unknown and this is not asked).
// (Inline: asked of every typed comparison the grammar reads.)
inline Plausibility plausibility_in_range_unit(const Concept& concept_, double value) {
  if (!concept_.plausible) return Plausibility::unknown;
  const ValueRange& range = *concept_.plausible;
  if ((range.low && value < *range.low) || (range.high && value > *range.high)) return Plausibility::implausible;
  return Plausibility::plausible;
}

struct UnitCorrection {
  Unit unit;            // the unit the value must have been meant in
  std::string warning;  // for the report: what was written, why it cannot be, what it is read as
};

// For a written unit that is unreadable, or readable but puts `value` outside the concept's plausible
// range: the one unit that differs from it by a single SI prefix (added, replaced or removed) and makes
// `value` plausible. Nothing when the written unit is plausible, when no candidate is plausible, or
// when more than one is (an ambiguous typo stays visible rather than guessed).
std::optional<UnitCorrection> correct_unit_by_plausibility(const Concept& concept_, double value,
                                                           std::string_view written_unit);

}  // namespace trialmatch::engine::units
