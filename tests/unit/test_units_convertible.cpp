// units::convertible, the check without the explanation, against conversion() for every pair of a set of
// units, with and without a molar mass, and for units whose scale is not a finite positive number.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "trialmatch/engine/units.hpp"

namespace units = trialmatch::engine::units;

TEST_CASE("units: convertible() and conversion_factor() say what conversion() says, without its text") {
  std::vector<units::Unit> all;
  for (const char* spelling :
       {"mg/dL", "umol/L", "mmol/L", "g/L", "mol/L", "mEq/L", "meq/l", "%", "1", "a", "mo", "wk", "d", "h", "min",
        "Cel", "[degF]", "K", "kg", "g", "mg", "mol", "mmol", "10*9/L", "/mm3", "U/L", "mL/min", "mL/min/{1.73_m2}",
        "kg/m2", "mm[Hg]", "cm[H2O]", "ms", "/min", "deg", "mmol/mol", "ng/mL", "pg/mL", "IU/L", "L", "mL", "cm", "m"}) {
    const auto u = units::read_unit(spelling);
    REQUIRE_MESSAGE(u.has_value(), spelling);
    all.push_back(*u);
  }
  // Scales a unit should never have, and conversion() refuses.
  for (const double bad : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    units::Unit u = all.front();
    u.scale = bad;
    all.push_back(u);
  }
  const std::vector<std::optional<double>> molar_masses = {
      std::nullopt, 113.12, 180.16, 0.0, -5.0, std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::infinity()};
  std::size_t agree = 0, factors = 0;
  for (const auto& from : all)
    for (const auto& to : all)
      for (const auto& mm : molar_masses) {
        CAPTURE(from.ucum);
        CAPTURE(to.ucum);
        const auto full = units::conversion(from, to, mm);
        const auto* conversion = std::get_if<units::Conversion>(&full);
        const bool factor = conversion != nullptr;
        CHECK(units::convertible(from, to, mm) == factor);
        const auto alone = units::conversion_factor(from, to, mm);
        CHECK(alone.has_value() == factor);
        if (alone && conversion) CHECK(*alone == conversion->factor);  // the same double, not a close one
        ++agree;
        factors += factor ? 1 : 0;
      }
  // Both answers occur often (the comparison is not trivially one-sided).
  CHECK(factors > agree / 20);
  CHECK(factors < agree);
}
