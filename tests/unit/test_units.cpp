// Reading unit spellings, the named clinical figures, and errors between incompatible dimensions.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/plausibility.hpp"
#include "trialmatch/engine/units.hpp"

namespace units = trialmatch::engine::units;
using trialmatch::engine::Lexicon;
using units::Dimension;

namespace {

double factor(std::string_view from, std::string_view to, std::optional<double> molar_mass = std::nullopt) {
  auto f = units::read_unit(from);
  auto t = units::read_unit(to);
  REQUIRE(f.has_value());
  REQUIRE(t.has_value());
  auto c = units::conversion(*f, *t, molar_mass);
  if (auto* e = std::get_if<units::ConversionError>(&c)) FAIL(e->message);
  return std::get<units::Conversion>(c).factor;
}

std::string error(std::string_view from, std::string_view to, std::optional<double> molar_mass = std::nullopt) {
  auto f = units::read_unit(from);
  auto t = units::read_unit(to);
  REQUIRE(f.has_value());
  REQUIRE(t.has_value());
  auto c = units::conversion(*f, *t, molar_mass);
  REQUIRE(std::holds_alternative<units::ConversionError>(c));
  return std::get<units::ConversionError>(c).message;
}

}  // namespace

TEST_CASE("units: spellings criteria and laboratories use read to UCUM codes") {
  struct Case {
    const char* spelling;
    const char* ucum;
    Dimension dimension;
  };
  const Case cases[] = {
      {"\xC2\xB5mol/L", "umol/L", Dimension::substance_concentration},   // micro sign
      {"\xCE\xBCmol/l", "umol/L", Dimension::substance_concentration},   // Greek mu
      {"umol/L", "umol/L", Dimension::substance_concentration},
      {"mg/dl", "mg/dL", Dimension::mass_concentration},
      {"g/L", "g/L", Dimension::mass_concentration},
      {"\xC3\x97" "10^9/L", "10*9/L", Dimension::number_concentration},
      {"x10^9/L", "10*9/L", Dimension::number_concentration},
      {"10^9/L", "10*9/L", Dimension::number_concentration},
      {"\xC3\x97 10\xE2\x81\xB9/L", "10*9/L", Dimension::number_concentration},
      {"10*9/L", "10*9/L", Dimension::number_concentration},
      {"x109/L", "10*9/L", Dimension::number_concentration},
      {"/\xC2\xB5L", "/uL", Dimension::number_concentration},
      {"/mm3", "/mm3", Dimension::number_concentration},
      {"cells/mm\xC2\xB3", "/mm3", Dimension::number_concentration},
      {"10*3/uL", "10*3/uL", Dimension::number_concentration},
      {"IU/L", "[IU]/L", Dimension::catalytic_concentration},
      {"U/L", "U/L", Dimension::catalytic_concentration},
      {"%", "%", Dimension::fraction},
      {"mL/min/1.73m2", "mL/min/{1.73_m2}", Dimension::renal_clearance},
      {"ml/min/1.73 m\xC2\xB2", "mL/min/{1.73_m2}", Dimension::renal_clearance},
      {"mL/min/{1.73_m2}", "mL/min/{1.73_m2}", Dimension::renal_clearance},
      {"mL/kg/year", "mL/kg/a", Dimension::volume_per_mass_per_time},
      {"kg/m2", "kg/m2", Dimension::mass_per_area},
      {"kg/m\xC2\xB2", "kg/m2", Dimension::mass_per_area},
      {"mmHg", "mm[Hg]", Dimension::pressure},
      {"mm Hg", "mm[Hg]", Dimension::pressure},
      {"bpm", "/min", Dimension::frequency},
      {"ng/mL", "ng/mL", Dimension::mass_concentration},
      {"pg/mL", "pg/mL", Dimension::mass_concentration},
      {"g/dL", "g/dL", Dimension::mass_concentration},
      {"mg/d", "mg/d", Dimension::mass_per_time},
      {"ms", "ms", Dimension::time},
      {"years", "a", Dimension::time},
      {"yrs", "a", Dimension::time},
      {"y", "a", Dimension::time},
      {"year", "a", Dimension::time},
      {"year(s)", "a", Dimension::time},
      {"Years", "a", Dimension::time},
      {"months", "mo", Dimension::time},
      {"mo", "mo", Dimension::time},
      {"weeks", "wk", Dimension::time},
      {"wk", "wk", Dimension::time},
      {"days", "d", Dimension::time},
      {"d", "d", Dimension::time},
      {"hours", "h", Dimension::time},
      {"h", "h", Dimension::time},
      {"minutes", "min", Dimension::time},
      {"/a", "/a", Dimension::frequency},
      {"kg", "kg", Dimension::mass},
      {"cm", "cm", Dimension::length},
      {"mL", "mL", Dimension::volume},
      {"mmol", "mmol", Dimension::amount},
      {"1", "1", Dimension::dimensionless},
      {"Cel", "Cel", Dimension::temperature},
      {"\xC2\xB0" "C", "Cel", Dimension::temperature},
      {"(mol/L)", "mol/L", Dimension::substance_concentration},
      {"mEq/L", "meq/L", Dimension::equivalent_concentration},
      {"mL/min per 1.73 m\xC2\xB2", "mL/min/{1.73_m2}", Dimension::renal_clearance},
      {"*10^9/L", "10*9/L", Dimension::number_concentration},
      {"K/uL", "10*3/uL", Dimension::number_concentration},
      {"mmol/mol", "mmol/mol", Dimension::substance_fraction},
      {"g/24 h", "g/(24.h)", Dimension::mass_per_time},
      {"g/(24.h)", "g/(24.h)", Dimension::mass_per_time},
      {"mg/kg", "mg/kg", Dimension::fraction},
      {"mIU/L", "m[IU]/L", Dimension::catalytic_concentration},
  };
  for (const auto& c : cases) {
    const std::string spelling = c.spelling;
    CAPTURE(spelling);
    auto u = units::read_unit(c.spelling);
    REQUIRE(u.has_value());
    CHECK(u->ucum == c.ucum);
    CHECK(u->dimension == c.dimension);
  }
}

TEST_CASE("units: unknown spellings are not guessed") {
  for (const char* s : {"", "bananas", "mg/banana", "Cel/min", "ULN", "x", "10*/L", "mL/kg"}) {
    CAPTURE(s);
    CHECK_FALSE(units::read_unit(s).has_value());
  }
}

TEST_CASE("units: the named clinical figures") {
  // Creatinine: 10000 / 113.12 g/mol = 88.40; the clinical factor is quoted as 88.4 or 88.42.
  CHECK(factor("mg/dL", "umol/L", 113.12) == doctest::Approx(88.42).epsilon(5e-4));
  CHECK(factor("mg/dL", "umol/L", 584.66) == doctest::Approx(17.10).epsilon(5e-4));  // total bilirubin
  CHECK(7 * factor("g/dL", "g/L") == doctest::Approx(70));
  CHECK(factor("g/dL", "mmol/L", 16114.5) == doctest::Approx(0.6206).epsilon(1e-4));  // Hb monomer
  CHECK(80000 * factor("/uL", "10*9/L") == doctest::Approx(80));
  CHECK(80000 * factor("/mm3", "x10^9/L") == doctest::Approx(80));
  CHECK(factor("year", "months") == doctest::Approx(12));
  CHECK(6 * factor("weeks", "days") == doctest::Approx(42));
  CHECK(factor("a", "d") == doctest::Approx(365.25));
  CHECK(factor("mo", "d") == doctest::Approx(30.4375));
  CHECK(factor("IU/L", "U/L") == doctest::Approx(1));
  // Ventilator pressure: UCUM cm[H2O] = 98.0665 Pa, as laboratories and criteria spell it.
  CHECK(factor("cm[H2O]", "Pa") == doctest::Approx(98.0665));
  // (Boost.Units takes mm[Hg] as 133.322 Pa, UCUM as 133.3224: 3e-6 apart.)
  CHECK(factor("cmH2O", "mm[Hg]") == doctest::Approx(98.0665 / 133.322387415).epsilon(1e-5));
  CHECK(units::read_unit("cmH20")->ucum == "cm[H2O]");  // a zero for the letter O
  CHECK(units::read_unit("y/o")->ucum == "a");
  // Angles (range of motion, Cobb angle) are their own dimension, never a fraction.
  CHECK(units::read_unit("degrees")->ucum == "deg");
  CHECK(units::read_unit("°")->ucum == "deg");
  CHECK(units::read_unit("°C")->ucum == "Cel");
  CHECK(units::read_unit("degrees C")->ucum == "Cel");
  CHECK(factor("deg", "rad") == doctest::Approx(3.14159265358979 / 180));
  CHECK(error("deg", "%").find("plane angle") != std::string::npos);
  // Flow velocities (Doppler): length per time, never a length.
  CHECK(units::read_unit("m / s")->ucum == "m/s");
  CHECK(units::read_unit("m/s")->dimension == Dimension::velocity);
  CHECK(factor("cm/s", "m/s") == doctest::Approx(0.01));
  CHECK(error("m/s", "m").find("velocity") != std::string::npos);
  // "per" between unit words is a division.
  CHECK(units::read_unit("beats per minute")->ucum == "/min");
  CHECK(units::read_unit("breaths per minute")->ucum == "/min");
  CHECK(factor("hours per week", "h/d") == doctest::Approx(1.0 / 7));
}

TEST_CASE("units: incompatible dimensions are clear errors") {
  CHECK(error("mg/dL", "%") == "cannot convert mg/dL (mass concentration) to % (fraction)");
  CHECK(error("a", "kg") == "cannot convert a (time) to kg (mass)");
  CHECK(error("%", "1") == "cannot convert % (fraction) to 1 (dimensionless)");
  CHECK(error("mg/dL", "umol/L") ==
        "cannot convert mg/dL (mass concentration) to umol/L (substance concentration) without the analyte's molar mass");
  CHECK(error("mEq/L", "mmol/L") ==
        "cannot convert meq/L (equivalent concentration) to mmol/L (substance concentration): equivalents and moles "
        "differ by the ion's charge");
  // HbA1c: % (NGSP) and mmol/mol (IFCC) are related by a master equation, not a factor.
  CHECK(error("%", "mmol/mol") == "cannot convert % (fraction) to mmol/mol (substance fraction)");
  CHECK(error("Cel", "[degF]") == "cannot convert Cel to [degF] by a factor: the temperature scales differ by an offset");
}

TEST_CASE("units: the conversion cache resolves once and is safe across threads") {
  units::ConversionCache cache;
  const auto& first = cache.get("mg/dL", "umol/L", 113.12);
  const auto& again = cache.get(*units::read_unit("mg/dL"), *units::read_unit("umol/L"), 113.12);
  CHECK(&first == &again);
  REQUIRE(std::holds_alternative<units::Conversion>(first));
  CHECK(std::get<units::Conversion>(first).factor == doctest::Approx(88.4017));
  // A different analyte is a different entry.
  const auto& bilirubin = cache.get("mg/dL", "umol/L", 584.66);
  CHECK(&bilirubin != &first);
  // Errors are cached and reported too.
  const auto& unknown = cache.get("bananas", "g/L");
  REQUIRE(std::holds_alternative<units::ConversionError>(unknown));
  CHECK(std::get<units::ConversionError>(unknown).message == "unit 'bananas' is not known");
  CHECK(std::holds_alternative<units::ConversionError>(cache.get("mg/dL", "%")));

  std::vector<std::thread> threads;
  std::vector<double> results(8);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&cache, &results, t] {
      double sum = 0;
      for (int i = 0; i < 2000; ++i) {
        const auto& c = cache.get(i % 2 ? "g/dL" : "mg/dL", "umol/L", i % 3 ? 113.12 : 180.16);
        sum += std::get<units::Conversion>(c).factor;
      }
      results[static_cast<std::size_t>(t)] = sum;
    });
  for (auto& th : threads) th.join();
  for (double r : results) CHECK(r == doctest::Approx(results[0]));
}

TEST_CASE("units: plausibility resolves the seed's unit typos and nothing else") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto* creatinine = lexicon.find("creatinine");
  const auto* bilirubin = lexicon.find("total_bilirubin");
  const auto* hemoglobin = lexicon.find("hemoglobin");
  REQUIRE(creatinine);
  REQUIRE(bilirubin);
  REQUIRE(hemoglobin);

  auto fix = units::correct_unit_by_plausibility(*creatinine, 176.8, "mol/L");
  REQUIRE(fix.has_value());
  CHECK(fix->unit.ucum == "umol/L");
  CHECK(fix->warning ==
        "unit 'mol/L' read as 'umol/L': 176.8 mol/L is outside the plausible range of creatinine (5-3000 umol/L); "
        "only 176.8 umol/L is plausible");

  fix = units::correct_unit_by_plausibility(*bilirubin, 51, "mol/L");
  REQUIRE(fix.has_value());
  CHECK(fix->unit.ucum == "umol/L");

  // Plausible as written: no correction.
  CHECK_FALSE(units::correct_unit_by_plausibility(*creatinine, 1.5, "mg/dL").has_value());
  CHECK_FALSE(units::correct_unit_by_plausibility(*creatinine, 176.8, "umol/L").has_value());
  // Hb 9 "mg/dL" is implausible; of the units one prefix away only g/dL makes it plausible.
  fix = units::correct_unit_by_plausibility(*hemoglobin, 9, "mg/dL");
  REQUIRE(fix.has_value());
  CHECK(fix->unit.ucum == "g/dL");
  // Two plausible corrections stay unresolved: ALT 40 "kU/L" could be U/L or mU/L.
  const auto* alt = lexicon.find("alt");
  REQUIRE(alt);
  CHECK_FALSE(units::correct_unit_by_plausibility(*alt, 40, "kU/L").has_value());

  CHECK(units::plausibility(*hemoglobin, 70, *units::read_unit("g/L")) == units::Plausibility::plausible);
  CHECK(units::plausibility(*hemoglobin, 70, *units::read_unit("g/dL")) == units::Plausibility::implausible);
  CHECK(units::plausibility(*creatinine, 1.2, *units::read_unit("mg/dL")) == units::Plausibility::plausible);
  CHECK(units::plausibility(*creatinine, 1.2, *units::read_unit("%")) == units::Plausibility::unknown);
}

TEST_CASE("mL/min/1.73 means per 1.73 m2, not divided by the number 1.73") {
  for (const char* spelling : {"mL/min/1.73", "ml/min/1.73", "mL/min/1.73m2", "mL/min/1.73 m²"}) {
    CAPTURE(spelling);
    const auto unit = trialmatch::engine::units::read_unit(spelling);
    REQUIRE(unit);
    CHECK(unit->ucum == "mL/min/{1.73_m2}");
  }
}

TEST_CASE("spellings criteria use: years old, per microlitre as mcL, grams as gr, degrees as °c or ºC") {
  using trialmatch::engine::units::read_unit;
  CHECK(read_unit("yo")->ucum == "a");
  CHECK(read_unit("/mcL")->ucum == "/uL");
  CHECK(read_unit("cells/mcL")->ucum == "/uL");
  CHECK(read_unit("gr/dL")->ucum == "g/dL");
  CHECK(read_unit("\xC2\xB0" "c")->ucum == "Cel");
  CHECK(read_unit("\xC2\xBA" "C")->ucum == "Cel");
}
