#pragma once
// The unit each concept's values are recorded in by the lexicon (Concept::unit, read). Internal to engine/src.
#include <cstdint>
#include <optional>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::engine::detail {

// Null where the concept names no unit or one nobody reads. For the built-in lexicon from a table read
// once per process; for another lexicon read into `scratch` (which the result then points to).
const units::Unit* lexicon_unit(const Lexicon& lexicon, std::uint32_t concept_index, std::optional<units::Unit>& scratch);

}  // namespace trialmatch::engine::detail
