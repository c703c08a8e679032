// Unit spellings found by fuzzing (issue 7): exponents no unit has are "not a unit", never an exception
// or an infinite scale.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "trialmatch/engine/units.hpp"

using trialmatch::engine::units::read_unit;

TEST_CASE("units: exponents too large for an int or for any unit are not read") {
  // fuzz_unit crash-341e23d5: "gg3333333333" threw std::out_of_range from std::stoi.
  for (const std::string spelling : {"gg3333333333", "m99999999999999999999", "10*99999999999/L", "10^(-99999999999)",
                                     "10*400/L", "10E-400/L", "g-2147483648", "mg/dL2147483647"}) {
    CAPTURE(spelling);
    CHECK_NOTHROW((void)read_unit(spelling));
    if (const auto unit = read_unit(spelling)) CHECK(std::isfinite(unit->scale));
  }
  // Exponents a unit may have still read.
  REQUIRE(read_unit("10*9/L"));
  CHECK(read_unit("10*9/L")->ucum == "10*9/L");
  REQUIRE(read_unit("10^(12)/L"));
  REQUIRE(read_unit("kg/m2"));
  CHECK(read_unit("kg/m2")->ucum == "kg/m2");
  REQUIRE(read_unit("s-1"));
}
