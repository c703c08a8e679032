#include "trialmatch/engine/plausibility.hpp"

#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
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

// The range as the correction's warning shows it ("1-25 g/dL", ">= 0 %"), written on at the end of `out`.
void append_range(fmt::memory_buffer& out, const ValueRange& r) {
  if (r.low && r.high) fmt::format_to(std::back_inserter(out), "{:g}-{:g} {}", *r.low, *r.high, r.unit);
  else if (r.low) fmt::format_to(std::back_inserter(out), ">= {:g} {}", *r.low, r.unit);
  else if (r.high) fmt::format_to(std::back_inserter(out), "<= {:g} {}", *r.high, r.unit);
  else out.append(r.unit);
}

bool same_bits(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || std::bit_cast<std::uint64_t>(*a) == std::bit_cast<std::uint64_t>(*b);
}

// append_range's text of `r`, kept per thread for the last range asked: a line of many implausible values of one
// measure asks for the same range each time, and each double's text cost more than the rest of the warning. Keyed
// on the range's content (bounds compared bit for bit: -0 prints otherwise than 0), never on where it lives.
std::string_view range_text(const ValueRange& r) {
  struct Last {
    bool made = false;
    std::optional<double> low, high;
    std::string unit, text;
  };
  thread_local Last last;
  if (!last.made || !same_bits(last.low, r.low) || !same_bits(last.high, r.high) || last.unit != r.unit) {
    fmt::memory_buffer out;
    append_range(out, r);
    last.text.assign(out.data(), out.size());
    last.low = r.low;
    last.high = r.high;
    last.unit = r.unit;
    last.made = true;
  }
  return last.text;
}

constexpr char prefixes[] = {'k', 'd', 'c', 'm', 'u', 'n', 'p'};

// `each(spelling)` for the units one SI prefix away from `written`: a prefix added in front, then, where it starts
// with one, the leading prefix removed and replaced by each other ("mol/L" -> "umol/L", "mmol/L" -> "umol/L",
// "mg/dL" -> "g/dL"). Spelt in one buffer: asked of every implausible value, it made a list of strings each time.
template <class Each>
void for_each_one_prefix_away(std::string_view written, Each&& each) {
  std::string spelling;
  const auto with_prefix = [&](char p, std::string_view rest) {
    spelling.assign(1, p);
    spelling.append(rest);
    each(std::string_view(spelling));
  };
  for (char p : prefixes) with_prefix(p, written);
  if (written.empty()) return;
  const std::string_view rest = written.substr(1);
  for (char p : prefixes)
    if (written.front() == p) {
      each(rest);
      for (char q : prefixes)
        if (q != p) with_prefix(q, rest);
    }
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
  // plausibility(concept_, value, unit) for the written unit and each candidate, the range's unit read once.
  const auto range_unit = read_unit(range_unit_spelling(concept_));
  const auto plausibility_of = [&](const Unit& unit) {
    return range_unit ? plausibility(concept_, value, unit, *range_unit) : Plausibility::unknown;
  };
  const auto written = read_unit(written_unit);
  if (written && plausibility_of(*written) != Plausibility::implausible) return std::nullopt;
  // Candidates are built from the canonical code where the written unit reads, else from the spelling.
  const std::string_view base = written ? std::string_view(written->ucum) : written_unit;
  std::vector<Unit> plausible;
  for_each_one_prefix_away(base, [&](std::string_view spelling) {
    auto candidate = read_unit(spelling);
    if (!candidate || (written && candidate->ucum == written->ucum)) return;
    if (written && candidate->dimension != written->dimension) return;  // a prefix, not a new quantity
    if (plausibility_of(*candidate) != Plausibility::plausible) return;
    bool seen = false;
    for (const auto& u : plausible) seen = seen || u.ucum == candidate->ucum;
    if (!seen) plausible.push_back(std::move(*candidate));
  });
  if (plausible.size() != 1) return std::nullopt;
  // The warning written in one buffer: "unit 'W' read as 'U': <why>; only V U is plausible".
  // (The value's text made once for its two places.)
  const Unit& meant = plausible.front();
  const std::string value_text = fmt::format("{:g}", value);
  fmt::memory_buffer warning;
  fmt::format_to(std::back_inserter(warning), "unit '{}' read as '{}': ", written_unit, meant.ucum);
  if (written) {
    const std::string& name = concept_.names.empty() ? concept_.id : concept_.names.front();
    fmt::format_to(std::back_inserter(warning), "{} {} is outside the plausible range of {} ({})", value_text,
                   written->ucum, name, range_text(*concept_.plausible));
  } else {
    fmt::format_to(std::back_inserter(warning), "'{}' is not a known unit", written_unit);
  }
  fmt::format_to(std::back_inserter(warning), "; only {} {} is plausible", value_text, meant.ucum);
  return UnitCorrection{meant, fmt::to_string(warning)};
}

}  // namespace trialmatch::engine::units
