// correct_unit_by_plausibility, which spells its candidates in one buffer, reads the range's unit once and writes
// its warning in one buffer, against the form it had before, kept here as the oracle: every concept with a
// plausible range, its unit and the units one prefix from it, unknown spellings, values across the range and off it.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/plausibility.hpp"
#include "trialmatch/engine/units.hpp"

namespace units = trialmatch::engine::units;
using trialmatch::engine::Concept;
using trialmatch::engine::Lexicon;
using trialmatch::engine::ValueRange;

namespace {

std::string format_range_as_before(const ValueRange& r) {
  if (r.low && r.high) return fmt::format("{:g}-{:g} {}", *r.low, *r.high, r.unit);
  if (r.low) return fmt::format(">= {:g} {}", *r.low, r.unit);
  if (r.high) return fmt::format("<= {:g} {}", *r.high, r.unit);
  return r.unit;
}

constexpr std::string_view prefixes_as_before[] = {"k", "d", "c", "m", "u", "n", "p"};

std::vector<std::string> one_prefix_away_as_before(std::string_view written) {
  std::vector<std::string> out;
  for (auto p : prefixes_as_before) out.push_back(std::string(p) + std::string(written));
  if (!written.empty()) {
    const std::string_view rest = written.substr(1);
    for (auto p : prefixes_as_before)
      if (written.substr(0, 1) == p) {
        out.emplace_back(rest);
        for (auto q : prefixes_as_before)
          if (q != p) out.push_back(std::string(q) + std::string(rest));
      }
  }
  return out;
}

std::optional<units::UnitCorrection> correct_unit_as_before(const Concept& concept_, double value,
                                                            std::string_view written_unit) {
  if (!concept_.plausible) return std::nullopt;
  const auto written = units::read_unit(written_unit);
  if (written && units::plausibility(concept_, value, *written) != units::Plausibility::implausible) return std::nullopt;
  const std::string base = written ? written->ucum : std::string(written_unit);
  std::vector<units::Unit> plausible;
  for (const auto& spelling : one_prefix_away_as_before(base)) {
    auto candidate = units::read_unit(spelling);
    if (!candidate || (written && candidate->ucum == written->ucum)) continue;
    if (written && candidate->dimension != written->dimension) continue;
    if (units::plausibility(concept_, value, *candidate) != units::Plausibility::plausible) continue;
    bool seen = false;
    for (const auto& u : plausible) seen = seen || u.ucum == candidate->ucum;
    if (!seen) plausible.push_back(*candidate);
  }
  if (plausible.size() != 1) return std::nullopt;
  const std::string name = concept_.names.empty() ? concept_.id : concept_.names.front();
  std::string why = written ? fmt::format("{:g} {} is outside the plausible range of {} ({})", value, written->ucum,
                                          name, format_range_as_before(*concept_.plausible))
                            : fmt::format("'{}' is not a known unit", written_unit);
  return units::UnitCorrection{plausible.front(),
                               fmt::format("unit '{}' read as '{}': {}; only {} {} is plausible", written_unit,
                                           plausible.front().ucum, why, fmt::format("{:g}", value),
                                           plausible.front().ucum)};
}

// The concept's unit, its range's, each with a prefix added, removed or replaced, and spellings no unit reads.
std::vector<std::string> spellings_for(const Concept& c) {
  std::vector<std::string> out{c.unit, "(mol/L)", "mol/L", "g/dl", "xyz", "", "/uL", "%"};
  if (c.plausible && !c.plausible->unit.empty()) out.push_back(c.plausible->unit);
  for (const auto& r : c.units_by_size) out.push_back(r.unit);
  for (const auto& s : one_prefix_away_as_before(c.unit)) out.push_back(s);
  return out;
}

std::vector<double> values_around(const ValueRange& range) {
  std::vector<double> out{0, -1, 1, 0.5, 10, 100, 1e3, 1e6, 1e-6};
  for (const auto& bound : {range.low, range.high})
    if (bound)
      for (double f : {1.0, 0.999, 1.001, 0.1, 10.0, 100.0, 1e-3, 1e3, 1e6, 1e-6}) out.push_back(*bound * f);
  if (range.low && range.high) out.push_back((*range.low + *range.high) / 2);
  return out;
}

}  // namespace

TEST_CASE("correct_unit_by_plausibility answers and words its warning as the form it had before, for every concept") {
  std::size_t concepts = 0, corrected = 0, unknown_written = 0;
  for (const Concept& c : Lexicon::builtin().concepts()) {
    if (!c.plausible) continue;
    ++concepts;
    for (const auto& spelling : spellings_for(c))
      for (const double value : values_around(*c.plausible)) {
        const auto expected = correct_unit_as_before(c, value, spelling);
        const auto got = units::correct_unit_by_plausibility(c, value, spelling);
        REQUIRE(got.has_value() == expected.has_value());
        if (!got) continue;
        CHECK(got->unit == expected->unit);
        CHECK(got->warning == expected->warning);
        ++corrected;
        if (!units::read_unit(spelling)) ++unknown_written;
      }
  }
  // Corrections of readable and of unreadable spellings were both compared.
  CHECK(concepts > 20);
  CHECK(corrected > 1000);
  CHECK(unknown_written > 10);
}
