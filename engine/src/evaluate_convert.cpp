#include "evaluate_convert.hpp"

#include <fmt/format.h>

namespace trialmatch::engine::detail {

namespace {
bool concentration(units::Dimension d) {
  return d == units::Dimension::mass_concentration || d == units::Dimension::substance_concentration;
}
}  // namespace

ResolvedConversion resolve_conversion(const units::Unit& from, std::string_view to, const Concept* analyte,
                                      units::ConversionCache* cache, bool explain) {
  ResolvedConversion out;
  const auto molar_mass = analyte ? analyte->molar_mass : std::nullopt;
  if (cache) {
    out.cached_ = &cache->get(from.ucum, to, molar_mass);
  } else if (auto target = units::read_unit(to)) {
    out.owned_ = units::conversion(from, *target, molar_mass);
  } else {
    out.owned_ = units::ConversionError{fmt::format("unit '{}' is not known", to)};
  }
  if (explain && molar_mass && concentration(from.dimension)) {
    const auto target = units::read_unit(to);
    out.via_molar_mass_ = target && concentration(target->dimension) && target->dimension != from.dimension;
  }
  return out;
}

}  // namespace trialmatch::engine::detail
