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
