// Factors between units, resolved once per (from, to, molar mass) and cached.
#include <fmt/format.h>

#include <cmath>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "units_detail.hpp"

namespace trialmatch::engine::units {

const char* to_string(Dimension d) noexcept {
  switch (d) {
    case Dimension::dimensionless: return "dimensionless";
    case Dimension::fraction: return "fraction";
    case Dimension::time: return "time";
    case Dimension::mass: return "mass";
    case Dimension::length: return "length";
    case Dimension::volume: return "volume";
    case Dimension::amount: return "amount of substance";
    case Dimension::mass_concentration: return "mass concentration";
    case Dimension::substance_concentration: return "substance concentration";
    case Dimension::number_concentration: return "number concentration";
    case Dimension::catalytic_concentration: return "catalytic concentration";
    case Dimension::renal_clearance: return "volume rate";
    case Dimension::volume_per_mass_per_time: return "volume per mass per time";
    case Dimension::frequency: return "frequency";
    case Dimension::mass_per_area: return "mass per area";
    case Dimension::pressure: return "pressure";
    case Dimension::mass_per_time: return "mass rate";
    case Dimension::temperature: return "temperature";
    case Dimension::equivalent_concentration: return "equivalent concentration";
    case Dimension::substance_fraction: return "substance fraction";
    case Dimension::plane_angle: return "plane angle";
    case Dimension::velocity: return "velocity";
  }
  return "?";
}

namespace {

std::string describe(const Unit& u) { return fmt::format("{} ({})", u.ucum, to_string(u.dimension)); }

ConversionError incompatible(const Unit& from, const Unit& to) {
  return {fmt::format("cannot convert {} to {}", describe(from), describe(to))};
}

// Mass <-> substance pairs that a molar mass bridges; +1 mass to substance, -1 the other way, 0 none.
int molar_direction(Dimension from, Dimension to) {
  if ((from == Dimension::mass_concentration && to == Dimension::substance_concentration) ||
      (from == Dimension::mass && to == Dimension::amount))
    return 1;
  if ((from == Dimension::substance_concentration && to == Dimension::mass_concentration) ||
      (from == Dimension::amount && to == Dimension::mass))
    return -1;
  return 0;
}

}  // namespace

std::optional<double> conversion_factor(const Unit& from, const Unit& to, std::optional<double> molar_mass) noexcept {
  if (from.scale <= 0 || to.scale <= 0 || !std::isfinite(from.scale) || !std::isfinite(to.scale)) return std::nullopt;
  if (from.dimension == to.dimension) {
    if (from.dimension == Dimension::temperature && from.ucum != to.ucum) return std::nullopt;
    return from.scale / to.scale;
  }
  const int direction = molar_direction(from.dimension, to.dimension);
  if (direction == 0 || !molar_mass || !(*molar_mass > 0) || !std::isfinite(*molar_mass)) return std::nullopt;
  // SI: kg/m3 over kg/mol gives mol/m3.
  const double kg_per_mol = *molar_mass * detail::kilograms_per_gram();
  return direction > 0 ? from.scale / kg_per_mol / to.scale : from.scale * kg_per_mol / to.scale;
}

bool convertible(const Unit& from, const Unit& to, std::optional<double> molar_mass) noexcept {
  return conversion_factor(from, to, molar_mass).has_value();
}

ConversionResult conversion(const Unit& from, const Unit& to, std::optional<double> molar_mass) {
  // The factor from conversion_factor() itself, so that both give the same double; the words follow.
  const std::optional<double> factor = conversion_factor(from, to, molar_mass);
  if (from.scale <= 0 || to.scale <= 0 || !std::isfinite(from.scale) || !std::isfinite(to.scale))
    return ConversionError{fmt::format("cannot convert {} to {}: a unit has no finite scale", from.ucum, to.ucum)};
  if (from.dimension == to.dimension) {
    if (!factor)
      return ConversionError{fmt::format(
          "cannot convert {} to {} by a factor: the temperature scales differ by an offset", from.ucum, to.ucum)};
    return Conversion{*factor, fmt::format("{} -> {} (x {:.6g})", from.ucum, to.ucum, *factor)};
  }
  const int direction = molar_direction(from.dimension, to.dimension);
  if (direction == 0) {
    if (from.dimension == Dimension::equivalent_concentration || to.dimension == Dimension::equivalent_concentration)
      return ConversionError{fmt::format("cannot convert {} to {}: equivalents and moles differ by the ion's charge",
                                         describe(from), describe(to))};
    return incompatible(from, to);
  }
  if (!factor)
    return ConversionError{fmt::format("cannot convert {} to {} without the analyte's molar mass", describe(from),
                                       describe(to))};
  return Conversion{*factor, fmt::format("{} -> {} via molar mass {:g} g/mol (x {:.6g})", from.ucum, to.ucum,
                                         *molar_mass, *factor)};
}

struct ConversionCache::State {
  struct Key {
    std::string from, to;
    double molar_mass;  // 0 when none
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyView {
    std::string_view from, to;
    double molar_mass;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(const KeyView& k) const noexcept {
      std::size_t h = std::hash<std::string_view>{}(k.from);
      h = h * 1000003u ^ std::hash<std::string_view>{}(k.to);
      return h * 1000003u ^ std::hash<double>{}(k.molar_mass);
    }
    std::size_t operator()(const Key& k) const noexcept { return (*this)(KeyView{k.from, k.to, k.molar_mass}); }
  };
  struct Equal {
    using is_transparent = void;
    static KeyView view(const Key& k) { return {k.from, k.to, k.molar_mass}; }
    static KeyView view(const KeyView& k) { return k; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const noexcept {
      const KeyView x = view(a), y = view(b);
      return x.from == y.from && x.to == y.to && x.molar_mass == y.molar_mass;
    }
  };
  std::shared_mutex mutex;
  // Node-based: references to values survive rehashing.
  std::unordered_map<Key, ConversionResult, Hash, Equal> resolved;
};

ConversionCache::ConversionCache() : state_(std::make_unique<State>()) {}
ConversionCache::~ConversionCache() = default;

const ConversionResult& ConversionCache::get(const Unit& from, const Unit& to, std::optional<double> molar_mass) {
  // A molar mass only matters across mass and substance; leaving it out of other keys shares entries.
  const double mm = molar_direction(from.dimension, to.dimension) != 0 ? molar_mass.value_or(0) : 0;
  const State::KeyView key{from.ucum, to.ucum, mm};
  {
    std::shared_lock lock(state_->mutex);
    if (auto it = state_->resolved.find(key); it != state_->resolved.end()) return it->second;
  }
  ConversionResult result = conversion(from, to, mm > 0 ? std::optional<double>(mm) : std::nullopt);
  std::unique_lock lock(state_->mutex);
  auto [it, inserted] = state_->resolved.try_emplace(State::Key{from.ucum, to.ucum, mm}, std::move(result));
  return it->second;
}

const ConversionResult& ConversionCache::get(std::string_view from, std::string_view to,
                                             std::optional<double> molar_mass) {
  auto f = read_unit(from);
  auto t = read_unit(to);
  if (f && t) return get(*f, *t, molar_mass);
  // Unreadable units are cached under their spelling, so they are reported but not re-parsed.
  const State::KeyView key{from, to, -1};
  {
    std::shared_lock lock(state_->mutex);
    if (auto it = state_->resolved.find(key); it != state_->resolved.end()) return it->second;
  }
  ConversionResult error =
      ConversionError{fmt::format("unit '{}' is not known", f ? std::string(to) : std::string(from))};
  std::unique_lock lock(state_->mutex);
  auto [it, inserted] = state_->resolved.try_emplace(State::Key{std::string(from), std::string(to), -1}, std::move(error));
  return it->second;
}

}  // namespace trialmatch::engine::units
