#pragma once
// read_unit's answers kept per thread for the comparisons' units (lowerspeed21, lower_cmp.cpp).
#include <optional>
#include <string_view>

#include "trialmatch/engine/units.hpp"

namespace trialmatch::grammar::detail {

// engine::units::read_unit(spelling), from a per-thread table of the units read before: each comparison reads its
// written unit and its variable's, and a few dozen units serve a whole registry. The table is bounded (a fixed
// number of entries of a bounded length, never evicted or moved: a reference it gave stays good for the thread's
// life); a spelling it does not keep is read into `spare`, which is then the answer. read_unit's answer depends
// on the spelling alone.
const std::optional<engine::units::Unit>& unit_read(std::string_view spelling,
                                                    std::optional<engine::units::Unit>& spare);

}  // namespace trialmatch::grammar::detail
