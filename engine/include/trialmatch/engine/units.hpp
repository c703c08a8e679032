#pragma once
// Units of measure. Boost.Units stays inside engine/src/units*.cpp; this header shows only
// UCUM codes, dimensions and resolved factors.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace trialmatch::engine::units {

enum class Dimension : std::uint8_t {
  dimensionless,            // "1", scores
  fraction,                 // %, ratios
  time,                     // a, mo, wk, d, h, min
  mass,                     // kg, g, mg
  length,                   // m, cm
  volume,                   // L, mL
  amount,                   // mol
  mass_concentration,       // g/L, mg/dL, ng/mL
  substance_concentration,  // mol/L, mmol/L, umol/L
  number_concentration,     // 10*9/L, /uL, /mm3
  catalytic_concentration,  // U/L, IU/L
  renal_clearance,          // mL/min/{1.73_m2}, mL/min
  volume_per_mass_per_time, // mL/kg/a
  frequency,                // /a, /d
  mass_per_area,            // kg/m2 (BMI)
  pressure,                 // mm[Hg]
  mass_per_time,            // mg/d
  temperature,              // Cel
};
const char* to_string(Dimension d) noexcept;

struct Unit {
  std::string ucum;     // canonical UCUM code, e.g. "umol/L"
  Dimension dimension = Dimension::dimensionless;
  double scale = 1;     // value in this unit times scale = value in the dimension's coherent unit
  friend bool operator==(const Unit&, const Unit&) = default;
};

// Reads a UCUM code or a spelling laboratories and criteria use ("µmol/l", "x10^9/L", "/mm3",
// "mL/min/1.73m2", "yrs"). Returns nullopt for a unit nobody knows.
std::optional<Unit> read_unit(std::string_view spelling);

struct Conversion {
  double factor = 1;        // value_in_to = value_in_from * factor
  std::string explanation;  // e.g. "mg/dL -> umol/L via molar mass 113.12 g/mol (x 88.42)"
};
struct ConversionError {
  std::string message;      // e.g. "cannot convert mg/dL (mass concentration) to % (fraction)"
};
using ConversionResult = std::variant<Conversion, ConversionError>;

// Resolves the factor between two units; molar_mass (g/mol) bridges mass and substance concentration.
ConversionResult conversion(const Unit& from, const Unit& to, std::optional<double> molar_mass = std::nullopt);

}  // namespace trialmatch::engine::units
