// Thresholds that define a condition (see lower_defines.hpp).

#include "lower_defines.hpp"

#include "trialmatch/engine/units.hpp"

namespace trialmatch::grammar::detail {

bool admits_only_abnormal(const engine::Cmp& c, const engine::Lexicon& lexicon) {
  using engine::Comparator;
  const bool above = c.cmp == Comparator::gt || c.cmp == Comparator::ge;
  const bool below = c.cmp == Comparator::lt || c.cmp == Comparator::le;
  if (c.relative_to == engine::RelativeTo::uln) return (above && c.value >= 1) || (c.cmp == Comparator::eq && c.value > 1);
  if (c.relative_to == engine::RelativeTo::lln) return (below && c.value <= 1) || (c.cmp == Comparator::eq && c.value < 1);
  const engine::Concept* measure = lexicon.find(c.var);
  if (!measure || !measure->reference_range) return true;
  const engine::ValueRange& normal = *measure->reference_range;
  double value = c.value;
  if (!c.unit.empty() && c.unit != normal.unit) {
    const auto from = engine::units::read_unit(c.unit);
    const auto to = engine::units::read_unit(normal.unit);
    // A unit the range cannot be put in (mEq/L of potassium: the ion's charge is not in the lexicon) leaves
    // the reading as the threshold alone, as before normal ranges were asked.
    if (!from || !to) return true;
    const auto factor = engine::units::conversion_factor(*from, *to, measure->molar_mass);
    if (!factor) return true;
    value *= *factor;
  }
  // A little room for the rounding of conversions (100 mg/dL of glucose is 5.55 mmol/L, the range's 5.6).
  const double slack = 1e-6 + 0.01 * (value < 0 ? -value : value);
  const bool over = normal.high && value + slack >= *normal.high;
  const bool under = normal.low && value - slack <= *normal.low;
  if (above) return over;
  if (below) return under;
  return c.cmp == Comparator::eq && (over || under);
}

}  // namespace trialmatch::grammar::detail
