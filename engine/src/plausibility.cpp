#include "trialmatch/engine/plausibility.hpp"

#include <fmt/format.h>

#include <vector>

namespace trialmatch::engine::units {

const char* to_string(Plausibility p) noexcept {
  switch (p) {
    case Plausibility::plausible: return "plausible";
    case Plausibility::implausible: return "implausible";
    case Plausibility::unknown: return "unknown";
  }
  return "?";
}

namespace {

std::string format_range(const ValueRange& r) {
  if (r.low && r.high) return fmt::format("{:g}-{:g} {}", *r.low, *r.high, r.unit);
  if (r.low) return fmt::format(">= {:g} {}", *r.low, r.unit);
  if (r.high) return fmt::format("<= {:g} {}", *r.high, r.unit);
  return r.unit;
}

constexpr std::string_view prefixes[] = {"k", "d", "c", "m", "u", "n", "p"};

// Units one SI prefix away from `written`: a prefix added in front, or the leading prefix replaced
// or removed ("mol/L" -> "umol/L", "mmol/L" -> "umol/L", "mg/dL" -> "g/dL").
std::vector<std::string> one_prefix_away(std::string_view written) {
  std::vector<std::string> out;
  for (auto p : prefixes) out.push_back(std::string(p) + std::string(written));
  if (!written.empty()) {
    const std::string_view rest = written.substr(1);
    for (auto p : prefixes)
      if (written.substr(0, 1) == p) {
        out.emplace_back(rest);
        for (auto q : prefixes)
          if (q != p) out.push_back(std::string(q) + std::string(rest));
      }
  }
  return out;
}

}  // namespace

Plausibility plausibility(const Concept& concept_, double value, const Unit& unit) {
  if (!concept_.plausible) return Plausibility::unknown;
  const auto range_unit = read_unit(range_unit_spelling(concept_));
  if (!range_unit) return Plausibility::unknown;
  return plausibility(concept_, value, unit, *range_unit);
}

Plausibility plausibility(const Concept& concept_, double value, const Unit& unit, const Unit& range_unit) {
  if (!concept_.plausible) return Plausibility::unknown;
  // Asked of every typed comparison the grammar reads: the factor alone, no explanation formatted.
  const auto factor = conversion_factor(unit, range_unit, concept_.molar_mass);
  if (!factor) return Plausibility::unknown;
  return plausibility_in_range_unit(concept_, value * *factor);
}

std::optional<UnitCorrection> correct_unit_by_plausibility(const Concept& concept_, double value,
                                                           std::string_view written_unit) {
  if (!concept_.plausible) return std::nullopt;
  const auto written = read_unit(written_unit);
  if (written && plausibility(concept_, value, *written) != Plausibility::implausible) return std::nullopt;
  // Candidates are built from the canonical code where the written unit reads, else from the spelling.
  const std::string base = written ? written->ucum : std::string(written_unit);
  std::vector<Unit> plausible;
  for (const auto& spelling : one_prefix_away(base)) {
    auto candidate = read_unit(spelling);
    if (!candidate || (written && candidate->ucum == written->ucum)) continue;
    if (written && candidate->dimension != written->dimension) continue;  // a prefix, not a new quantity
    if (plausibility(concept_, value, *candidate) != Plausibility::plausible) continue;
    bool seen = false;
    for (const auto& u : plausible) seen = seen || u.ucum == candidate->ucum;
    if (!seen) plausible.push_back(*candidate);
  }
  if (plausible.size() != 1) return std::nullopt;
  const std::string name = concept_.names.empty() ? concept_.id : concept_.names.front();
  std::string why = written ? fmt::format("{:g} {} is outside the plausible range of {} ({})", value, written->ucum,
                                          name, format_range(*concept_.plausible))
                            : fmt::format("'{}' is not a known unit", written_unit);
  return UnitCorrection{plausible.front(), fmt::format("unit '{}' read as '{}': {}; only {} {} is plausible",
                                                       written_unit, plausible.front().ucum, why, fmt::format("{:g}", value),
                                                       plausible.front().ucum)};
}

}  // namespace trialmatch::engine::units
