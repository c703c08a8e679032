#pragma once
// Units of measure. Boost.Units stays inside engine/src/units*.cpp; this header shows only
// UCUM codes, dimensions and resolved factors. See docs/units.md.
#include <cstdint>
#include <memory>
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
  equivalent_concentration, // meq/L: converts to mmol/L only with the ion's charge, so not at all here
  substance_fraction,       // mmol/mol: kept apart from %, since HbA1c % (NGSP) is no fraction of mmol/mol (IFCC)
  plane_angle,              // deg: range of motion, Cobb angle (kept apart from %, with which SI would share it)
  velocity,                 // m/s, cm/s: Doppler flow velocities ("tricuspid regurgitation > 3.4 m/s")
};
const char* to_string(Dimension d) noexcept;

struct Unit {
  std::string ucum;     // canonical UCUM code, e.g. "umol/L"
  Dimension dimension = Dimension::dimensionless;
  double scale = 1;     // value in this unit times scale = value in the dimension's coherent SI unit
  friend bool operator==(const Unit&, const Unit&) = default;
};

// Reads a UCUM code or a spelling laboratories and criteria use ("µmol/l", "x10^9/L", "/mm3",
// "mL/min/1.73m2", "yrs"). Returns nullopt for a unit nobody knows. Cheap: the common spellings are
// read once into an immutable hash map; others are parsed once per thread and kept in a bounded per-thread
// table (thread-safe; the answer depends on the spelling alone).
std::optional<Unit> read_unit(std::string_view spelling);

struct Conversion {
  double factor = 1;        // value_in_to = value_in_from * factor
  std::string explanation;  // e.g. "mg/dL -> umol/L via molar mass 113.12 g/mol (x 88.42)"
};
struct ConversionError {
  std::string message;      // e.g. "cannot convert mg/dL (mass concentration) to % (fraction)"
};
using ConversionResult = std::variant<Conversion, ConversionError>;

// Resolves the factor between two units; molar_mass (g/mol) bridges mass and substance concentration
// (and mass and amount). Incompatible dimensions, a missing molar mass, and temperatures with an
// offset (Cel <-> [degF]) are errors, never a silent factor.
ConversionResult conversion(const Unit& from, const Unit& to, std::optional<double> molar_mass = std::nullopt);
// True where conversion() gives a factor rather than an error; formats no explanation (for callers that
// only need to know).
bool convertible(const Unit& from, const Unit& to, std::optional<double> molar_mass = std::nullopt) noexcept;
// conversion()'s factor alone (the same double), nullopt where it gives an error: no words, no allocation.
std::optional<double> conversion_factor(const Unit& from, const Unit& to,
                                        std::optional<double> molar_mass = std::nullopt) noexcept;

// Each (from, to, molar mass) resolved once; later lookups take a shared lock and a hash lookup.
// Thread-safe. References returned stay valid for the cache's lifetime.
class ConversionCache {
 public:
  ConversionCache();
  ~ConversionCache();
  ConversionCache(const ConversionCache&) = delete;
  ConversionCache& operator=(const ConversionCache&) = delete;

  const ConversionResult& get(const Unit& from, const Unit& to, std::optional<double> molar_mass = std::nullopt);
  // By UCUM code or any spelling read_unit reads; an unreadable unit is a ConversionError.
  const ConversionResult& get(std::string_view from, std::string_view to, std::optional<double> molar_mass = std::nullopt);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace trialmatch::engine::units
