#pragma once
// Internal to engine/src/units*.cpp: the unit atoms and dimension signatures derived from Boost.Units
// (in units_boost.cpp), shared by the reader and the converter. No Boost.Units types appear here.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "trialmatch/engine/units.hpp"

namespace trialmatch::engine::units::detail {

// Exponents of the base dimensions a unit carries. `equivalents` marks eq/meq, which only convert
// among themselves (mmol <-> meq needs the ion's charge, which no unit string carries).
struct Signature {
  enum Base : std::size_t { length, mass, time, amount, temperature, equivalents, angle, count };
  std::array<std::int8_t, count> exponent{};

  friend bool operator==(const Signature&, const Signature&) = default;
  Signature& add(const Signature& other, int times) noexcept {
    for (std::size_t i = 0; i < count; ++i) exponent[i] = static_cast<std::int8_t>(exponent[i] + other.exponent[i] * times);
    return *this;
  }
  bool is_zero() const noexcept { return *this == Signature{}; }
};

// A UCUM atom: its code, the factor taking one of it to the coherent SI unit of its dimension, its
// signature, whether metric prefixes apply, and whether it has an offset (Cel, [degF]).
struct Atom {
  std::string_view code;
  double factor = 1;
  Signature signature;
  bool metric = false;
  bool affine = false;
  bool fraction = false;  // %, which makes a signature-free unit a fraction rather than a score
};

// The atom with exactly this UCUM code, or nullptr.
const Atom* find_atom(std::string_view code) noexcept;
// The factor of a metric prefix ("m" -> 1e-3, "u" -> 1e-6), or nullopt.
std::optional<double> prefix_factor(std::string_view prefix) noexcept;
// The signature of each dimension, from the Boost.Units dimension of its SI unit.
Signature signature_of(Dimension d) noexcept;
// The dimension with this signature, or nullopt (fraction and dimensionless share the zero signature;
// the caller tells them apart).
std::optional<Dimension> dimension_of(const Signature& s) noexcept;
// Kilograms in one gram, g/mol -> kg/mol for molar masses.
double kilograms_per_gram() noexcept;

// Spellings (units_spellings.cpp).
// ASCII lower case of one byte (the "C" locale's std::tolower, the locale the program runs in), without a call
// into the C library per byte.
constexpr char ascii_lower_byte(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string ascii_lower(std::string_view s);
// Unicode and typographic variants folded onto ASCII (µ, μ -> u; × -> x; 10⁹ -> 10^9; m² -> m2; °C -> Cel),
// spaces and a wrapping pair of parentheses dropped.
std::string fold(std::string_view in);
// Whole spellings with no compositional reading ("bpm", "mg%", "K/uL"), keys lower-case after fold().
const std::unordered_map<std::string_view, std::string_view>& whole_aliases();
// Words for atoms ("yrs" -> a, "mcg" -> ug), keys lower-case; an empty target drops a counted word.
const std::unordered_map<std::string_view, std::string_view>& word_aliases();
// "x10^9/L" -> "10^9/L"; the lost superscript "x109/L" -> "10*9/L".
std::string count_prefix(std::string s);

}  // namespace trialmatch::engine::units::detail
