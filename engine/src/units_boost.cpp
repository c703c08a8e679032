// Every scale factor and dimension of trialmatch's units comes from Boost.Units here: each UCUM atom is
// a Boost.Units unit type, its factor is conversion_factor() to the SI unit of the same dimension, and
// its signature is read from the Boost.Units dimension list at compile time.
#include <boost/units/base_units/imperial/foot.hpp>
#include <boost/units/base_units/imperial/inch.hpp>
#include <boost/units/base_units/imperial/pound.hpp>
#include <boost/units/base_units/metric/day.hpp>
#include <boost/units/base_units/metric/hour.hpp>
#include <boost/units/base_units/metric/liter.hpp>
#include <boost/units/base_units/metric/minute.hpp>
#include <boost/units/base_units/metric/mmHg.hpp>
#include <boost/units/base_units/metric/year.hpp>
#include <boost/units/base_units/temperature/celsius.hpp>
#include <boost/units/base_units/temperature/fahrenheit.hpp>
#include <boost/units/conversion.hpp>
#include <boost/units/get_dimension.hpp>
#include <boost/units/make_scaled_unit.hpp>
#include <boost/units/scale.hpp>
#include <boost/units/systems/cgs/mass.hpp>
#include <boost/units/systems/angle/degrees.hpp>
#include <boost/units/systems/si.hpp>
#include <boost/units/systems/temperature/celsius.hpp>
#include <boost/units/systems/temperature/fahrenheit.hpp>
#include <type_traits>
#include <unordered_map>

#include "units_detail.hpp"

namespace trialmatch::engine::units::detail {

namespace bu = boost::units;
namespace si = boost::units::si;
namespace metric = boost::units::metric;
namespace imperial = boost::units::imperial;

namespace {

// The exponent of base dimension Base in a Boost.Units dimension list.
template <class List, class Base>
struct exponent_of;
template <class Base>
struct exponent_of<bu::dimensionless_type, Base> {
  static constexpr int value = 0;
};
template <class Item, class Next, class Base>
struct exponent_of<bu::list<Item, Next>, Base> {
  static_assert(Item::value_type::Denominator == 1, "criteria units have whole exponents");
  static constexpr int value = std::is_same_v<typename Item::tag_type, Base>
                                   ? static_cast<int>(Item::value_type::Numerator)
                                   : exponent_of<Next, Base>::value;
};

template <class Unit>
constexpr Signature signature() {
  using dim = typename bu::get_dimension<Unit>::type;
  Signature s;
  s.exponent[Signature::length] = exponent_of<dim, bu::length_base_dimension>::value;
  s.exponent[Signature::mass] = exponent_of<dim, bu::mass_base_dimension>::value;
  s.exponent[Signature::time] = exponent_of<dim, bu::time_base_dimension>::value;
  s.exponent[Signature::amount] = exponent_of<dim, bu::amount_base_dimension>::value;
  s.exponent[Signature::temperature] = exponent_of<dim, bu::temperature_base_dimension>::value;
  s.exponent[Signature::angle] = exponent_of<dim, bu::plane_angle_base_dimension>::value;
  return s;
}

// One of Unit in the SI unit of the same dimension.
template <class Unit>
double to_si() {
  using si_unit = bu::unit<typename bu::get_dimension<Unit>::type, si::system>;
  return bu::conversion_factor(Unit(), si_unit());
}

template <long Base, long Exponent>
double scale_value() {
  return bu::scale<Base, bu::static_rational<Exponent>>::value();
}

template <class Unit>
Atom atom(std::string_view code, bool metric, bool affine = false) {
  return Atom{code, to_si<Unit>(), signature<Unit>(), metric, affine, false};
}

// Scaled units UCUM defines and Boost.Units does not name.
using day_unit = metric::day_base_unit::unit_type;
using week_unit = bu::make_scaled_unit<day_unit, bu::scale<7, bu::static_rational<1>>>::type;
using year_unit = metric::year_base_unit::unit_type;  // Julian year, 365.25 d, as UCUM's a
using month_unit = bu::make_scaled_unit<year_unit, bu::scale<12, bu::static_rational<-1>>>::type;  // UCUM mo = a/12
using minute_unit = metric::minute_base_unit::unit_type;
using micromole_unit = bu::make_scaled_unit<si::amount, bu::scale<10, bu::static_rational<-6>>>::type;
// UCUM's enzyme unit U = umol/min.
using enzyme_unit = bu::divide_typeof_helper<micromole_unit, minute_unit>::type;

// Each dimension trialmatch reads, as its Boost.Units SI unit.
template <Dimension D>
struct si_unit_of;
#define TRIALMATCH_SI_UNIT(D, ...) \
  template <>                      \
  struct si_unit_of<Dimension::D> { using type = __VA_ARGS__; }
using bu::divide_typeof_helper;
using bu::multiply_typeof_helper;
TRIALMATCH_SI_UNIT(dimensionless, si::dimensionless);
TRIALMATCH_SI_UNIT(fraction, si::dimensionless);
TRIALMATCH_SI_UNIT(time, si::time);
TRIALMATCH_SI_UNIT(mass, si::mass);
TRIALMATCH_SI_UNIT(length, si::length);
TRIALMATCH_SI_UNIT(volume, si::volume);
TRIALMATCH_SI_UNIT(amount, si::amount);
TRIALMATCH_SI_UNIT(mass_concentration, si::mass_density);
TRIALMATCH_SI_UNIT(substance_concentration, divide_typeof_helper<si::amount, si::volume>::type);
TRIALMATCH_SI_UNIT(number_concentration, divide_typeof_helper<si::dimensionless, si::volume>::type);
TRIALMATCH_SI_UNIT(catalytic_concentration, divide_typeof_helper<si::catalytic_activity, si::volume>::type);
TRIALMATCH_SI_UNIT(renal_clearance, divide_typeof_helper<si::volume, si::time>::type);
TRIALMATCH_SI_UNIT(volume_per_mass_per_time,
                   divide_typeof_helper<si::volume, multiply_typeof_helper<si::mass, si::time>::type>::type);
TRIALMATCH_SI_UNIT(frequency, si::frequency);
TRIALMATCH_SI_UNIT(mass_per_area, si::surface_density);
TRIALMATCH_SI_UNIT(pressure, si::pressure);
TRIALMATCH_SI_UNIT(mass_per_time, divide_typeof_helper<si::mass, si::time>::type);
TRIALMATCH_SI_UNIT(temperature, si::temperature);
TRIALMATCH_SI_UNIT(equivalent_concentration, divide_typeof_helper<si::amount, si::volume>::type);
TRIALMATCH_SI_UNIT(substance_fraction, si::dimensionless);
TRIALMATCH_SI_UNIT(plane_angle, si::plane_angle);
TRIALMATCH_SI_UNIT(velocity, si::velocity);
#undef TRIALMATCH_SI_UNIT

struct DimensionSignature {
  Dimension dimension;
  Signature signature;
};

template <Dimension D>
DimensionSignature entry() {
  return {D, signature<typename si_unit_of<D>::type>()};
}

constexpr std::size_t dimension_count = static_cast<std::size_t>(Dimension::velocity) + 1;

const std::array<DimensionSignature, dimension_count>& dimension_table() {
  static const std::array<DimensionSignature, dimension_count> table = [] {
    std::array<DimensionSignature, dimension_count> t{
        entry<Dimension::dimensionless>(), entry<Dimension::fraction>(), entry<Dimension::time>(),
        entry<Dimension::mass>(), entry<Dimension::length>(), entry<Dimension::volume>(),
        entry<Dimension::amount>(), entry<Dimension::mass_concentration>(),
        entry<Dimension::substance_concentration>(), entry<Dimension::number_concentration>(),
        entry<Dimension::catalytic_concentration>(), entry<Dimension::renal_clearance>(),
        entry<Dimension::volume_per_mass_per_time>(), entry<Dimension::frequency>(),
        entry<Dimension::mass_per_area>(), entry<Dimension::pressure>(), entry<Dimension::mass_per_time>(),
        entry<Dimension::temperature>(), entry<Dimension::equivalent_concentration>(),
        entry<Dimension::substance_fraction>(), entry<Dimension::plane_angle>(),
        entry<Dimension::velocity>()};
    // Equivalents are counted apart from moles: the amount exponent moves to the equivalents slot.
    auto& eq = t[static_cast<std::size_t>(Dimension::equivalent_concentration)].signature.exponent;
    eq[Signature::equivalents] = eq[Signature::amount];
    eq[Signature::amount] = 0;
    return t;
  }();
  return table;
}

std::unordered_map<std::string_view, Atom> make_atoms() {
  std::unordered_map<std::string_view, Atom> atoms;
  auto add = [&](Atom a) { atoms.emplace(a.code, a); };
  add(atom<bu::cgs::mass>("g", true));
  add(atom<imperial::pound_base_unit::unit_type>("[lb_av]", false));
  add(atom<si::length>("m", true));
  add(atom<imperial::inch_base_unit::unit_type>("[in_i]", false));
  add(atom<imperial::foot_base_unit::unit_type>("[ft_i]", false));
  add(atom<metric::liter_base_unit::unit_type>("L", true));
  add(atom<metric::liter_base_unit::unit_type>("l", true));
  add(atom<si::amount>("mol", true));
  add(atom<si::time>("s", true));
  add(atom<minute_unit>("min", false));
  add(atom<metric::hour_base_unit::unit_type>("h", false));
  add(atom<day_unit>("d", false));
  add(atom<week_unit>("wk", false));
  add(atom<month_unit>("mo", false));
  add(atom<year_unit>("a", false));
  add(atom<enzyme_unit>("U", true));
  add(atom<si::catalytic_activity>("kat", true));
  // Laboratories report enzyme activity in "IU/L" meaning U/L; hormone assays (TSH, hCG) use the
  // same spelling for their arbitrary units, where only the prefix scaling matters.
  add(atom<enzyme_unit>("[IU]", true));
  add(atom<si::pressure>("Pa", true));
  add(atom<bu::degree::plane_angle>("deg", false));  // UCUM deg, pi/180 rad
  add(atom<si::plane_angle>("rad", true));
  add(atom<metric::mmHg_base_unit::unit_type>("mm[Hg]", false));
  // UCUM cm[H2O] = 98.0665 Pa (ventilator pressures: PEEP, plateau pressure); no Boost.Units name for it.
  add(Atom{"cm[H2O]", 98.0665 * to_si<si::pressure>(), signature<si::pressure>(), false, false, false});
  add(atom<si::temperature>("K", false, true));
  add(atom<bu::temperature::celsius_base_unit::unit_type>("Cel", false, true));
  add(atom<bu::temperature::fahrenheit_base_unit::unit_type>("[degF]", false, true));
  Atom percent{"%", scale_value<10, -2>(), {}, false, false, true};
  add(percent);
  Atom equivalent = atom<si::amount>("eq", true);
  equivalent.signature.exponent[Signature::equivalents] = 1;
  equivalent.signature.exponent[Signature::amount] = 0;
  add(equivalent);
  return atoms;
}

}  // namespace

const Atom* find_atom(std::string_view code) noexcept {
  static const std::unordered_map<std::string_view, Atom> atoms = make_atoms();
  auto it = atoms.find(code);
  return it == atoms.end() ? nullptr : &it->second;
}

std::optional<double> prefix_factor(std::string_view prefix) noexcept {
  static const std::array<std::pair<std::string_view, double>, 8> prefixes{{
      {"k", scale_value<10, 3>()},
      {"d", scale_value<10, -1>()},
      {"c", scale_value<10, -2>()},
      {"m", scale_value<10, -3>()},
      {"u", scale_value<10, -6>()},
      {"n", scale_value<10, -9>()},
      {"p", scale_value<10, -12>()},
      {"f", scale_value<10, -15>()},
  }};
  for (const auto& [p, f] : prefixes)
    if (p == prefix) return f;
  return std::nullopt;
}

Signature signature_of(Dimension d) noexcept {
  for (const auto& e : dimension_table())
    if (e.dimension == d) return e.signature;
  return {};
}

std::optional<Dimension> dimension_of(const Signature& s) noexcept {
  for (const auto& e : dimension_table())
    if (e.signature == s) return e.dimension;
  return std::nullopt;
}

double kilograms_per_gram() noexcept {
  static const double factor = bu::conversion_factor(bu::cgs::gram, si::kilogram);
  return factor;
}

}  // namespace trialmatch::engine::units::detail
