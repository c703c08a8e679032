#pragma once
// Unit factors for the evaluator, resolved once per (from, to, analyte). Internal to engine/src.
#include <string_view>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::engine::detail {

class ResolvedConversion {
 public:
  const units::ConversionResult& result() const noexcept { return cached_ ? *cached_ : owned_; }
  bool via_molar_mass() const noexcept { return via_molar_mass_; }

 private:
  friend ResolvedConversion resolve_conversion(const units::Unit&, std::string_view, const Concept*,
                                               units::ConversionCache*, bool);
  const units::ConversionResult* cached_ = nullptr;  // owned by the caller's cache
  units::ConversionResult owned_;
  bool via_molar_mass_ = false;
};

// The factor taking a value in `from` to the unit spelled `to` (value_in_to = value_in_from * factor),
// with the analyte's molar mass bridging mass and substance concentrations. Through `cache` where
// given (each (from, to, molar mass) resolved once); `explain` also works out whether the molar mass
// was used, for the evidence.
ResolvedConversion resolve_conversion(const units::Unit& from, std::string_view to, const Concept* analyte,
                                      units::ConversionCache* cache, bool explain);

}  // namespace trialmatch::engine::detail
