// libFuzzer: arbitrary bytes as a unit spelling; every unit read is converted to the canonical unit of
// its dimension (with and without a molar mass) and to a fixed set of units of other dimensions.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trialmatch/engine/units.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trialmatch::engine;
  const std::string_view spelling(reinterpret_cast<const char*>(data), size);
  const auto unit = units::read_unit(spelling);
  if (!unit) return 0;
  if (unit->ucum.empty()) __builtin_trap();  // a unit read always has a UCUM code
  for (const char* target : {"1", "%", "a", "kg", "mmol/L", "mg/dL", "10*9/L", "mL/min/{1.73_m2}", "Cel", "mm[Hg]"}) {
    const auto to = units::read_unit(target);
    if (!to) __builtin_trap();  // the fixed targets are all known units
    (void)units::conversion(*unit, *to);
    (void)units::conversion(*unit, *to, 113.12);
    (void)units::conversion(*to, *unit, 0.0);
  }
  return 0;
}
