// plausibility(concept, value, unit, range_unit) and plausibility_in_range_unit(concept, value times the factor),
// the forms a caller that has read the range's unit or its factor asks (the grammar's comparisons, lower_cmp.cpp),
// against the form that reads both itself as it did before, kept here as the oracle: every concept with a
// plausible range, every unit spelling of the lexicon (and prefixed ones), values across every range and its bounds.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/plausibility.hpp"
#include "trialmatch/engine/units.hpp"

namespace units = trialmatch::engine::units;
using trialmatch::engine::Concept;
using trialmatch::engine::Lexicon;

namespace {

// plausibility() as it was written before the range's unit could be passed in.
units::Plausibility plausibility_as_before(const Concept& concept_, double value, const units::Unit& unit) {
  if (!concept_.plausible) return units::Plausibility::unknown;
  const auto& range = *concept_.plausible;
  const auto range_unit = units::read_unit(range.unit.empty() ? concept_.unit : range.unit);
  if (!range_unit) return units::Plausibility::unknown;
  const auto factor = units::conversion_factor(unit, *range_unit, concept_.molar_mass);
  if (!factor) return units::Plausibility::unknown;
  const double v = value * *factor;
  if ((range.low && v < *range.low) || (range.high && v > *range.high)) return units::Plausibility::implausible;
  return units::Plausibility::plausible;
}

// The readable units of the lexicon's spellings, each also with a metric prefix (the typos comparisons meet).
std::vector<units::Unit> lexicon_units() {
  std::vector<std::string> spellings{"%", "1", "a", "mo", "wk", "d", "h", "min", "deg", "Cel", "[degF]", "mm", "mg/dL"};
  for (const Concept& c : Lexicon::builtin().concepts()) {
    if (!c.unit.empty()) spellings.push_back(c.unit);
    for (const auto& r : c.units_by_size) spellings.push_back(r.unit);
    if (c.plausible && !c.plausible->unit.empty()) spellings.push_back(c.plausible->unit);
  }
  const std::size_t plain = spellings.size();
  for (std::size_t i = 0; i < plain; ++i)
    for (const char* prefix : {"u", "m", "k", "d", "c", "n"}) spellings.push_back(prefix + spellings[i]);
  std::vector<units::Unit> out;
  for (const auto& s : spellings)
    if (auto u = units::read_unit(s)) {
      bool seen = false;
      for (const auto& kept : out) seen = seen || kept == *u;
      if (!seen) out.push_back(*u);
    }
  return out;
}

// Values either side of each bound, inside, far off, zero and negative.
std::vector<double> values_around(const trialmatch::engine::ValueRange& range) {
  std::vector<double> out{0, -1, 1, 0.5, 10, 100, 1e3, 1e5, 1e9, -1e3, 1e-6};
  for (const auto& bound : {range.low, range.high})
    if (bound)
      for (double f : {1.0, 0.999, 1.001, 0.1, 10.0, 1e-3, 1e3}) {
        out.push_back(*bound * f);
        out.push_back(std::nextafter(*bound, 0.0));
        out.push_back(std::nextafter(*bound, 1e300));
      }
  if (range.low && range.high) out.push_back((*range.low + *range.high) / 2);
  return out;
}

}  // namespace

TEST_CASE("plausibility with the range's unit passed in answers as the form that reads it, for every concept") {
  const auto all_units = lexicon_units();
  REQUIRE(all_units.size() > 40);
  std::size_t concepts = 0, asked = 0, implausible = 0;
  for (const Concept& c : Lexicon::builtin().concepts()) {
    if (!c.plausible) continue;
    ++concepts;
    const auto range_unit = units::read_unit(units::range_unit_spelling(c));
    for (const auto& unit : all_units)
      for (const double value : values_around(*c.plausible)) {
        const auto expected = plausibility_as_before(c, value, unit);
        // The form that reads the range's unit itself, and the one given it (where it reads at all).
        CHECK(units::plausibility(c, value, unit) == expected);
        const auto given =
            range_unit ? units::plausibility(c, value, unit, *range_unit) : units::Plausibility::unknown;
        CHECK(given == expected);
        // The form given the factor to the range's unit (cmp_into's, where it has asked for that factor).
        if (range_unit) {
          const auto factor = units::conversion_factor(unit, *range_unit, c.molar_mass);
          const auto by_factor =
              factor ? units::plausibility_in_range_unit(c, value * *factor) : units::Plausibility::unknown;
          CHECK(by_factor == expected);
        }
        ++asked;
        if (expected == units::Plausibility::implausible) ++implausible;
      }
  }
  // The lexicon's ranges were all seen, in units that make values implausible and plausible.
  CHECK(concepts > 20);
  CHECK(implausible > 1000);
  CHECK(asked > implausible);
}

TEST_CASE("range_unit_spelling: the range's own unit, else the concept's") {
  Concept c;
  c.unit = "mg/dL";
  CHECK(units::range_unit_spelling(c) == "mg/dL");
  c.plausible = trialmatch::engine::ValueRange{};
  CHECK(units::range_unit_spelling(c) == "mg/dL");
  c.plausible->unit = "umol/L";
  CHECK(units::range_unit_spelling(c) == "umol/L");
}
