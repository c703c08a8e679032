// Measured values: latest value, unit conversion, ULN / LLN sources, incompatible units.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

Patient with(json observations) {
  return native({{"id", "P-LAB"}, {"sex", "female"}, {"birth_date", "2012-05-14"}, {"observations", std::move(observations)}});
}
json lab(const char* code, double value, const char* unit, const char* date = "2026-11-10") {
  return {{"code", code}, {"value", value}, {"unit", unit}, {"date", date}};
}
}  // namespace

TEST_CASE("creatinine in mg/dL against a umol/L threshold: the conversion decides and is shown") {
  const Node node = cmp("creatinine", Comparator::le, 176.8, "umol/L");
  const Evaluation pass = eval(node, with({lab("creatinine", 1.2, "mg/dL")}));
  CHECK(pass.truth == T);
  REQUIRE(pass.evidence.size() == 1);
  const Evidence& e = pass.evidence[0];
  CHECK(e.var == "creatinine");
  CHECK(e.fact == "1.2 mg/dL");
  CHECK(e.value == 1.2);
  CHECK(e.unit == "mg/dL");
  CHECK(e.date == "2026-11-10");
  CHECK(e.source == "/observations/0");
  CHECK(e.threshold == "<= 176.8 umol/L");
  CHECK(e.conversion == "1.2 mg/dL = 106.1 umol/L via molar mass 113.12 g/mol");
  CHECK(e.truth == T);
  // Through a shared conversion cache: the same answer, twice.
  units::ConversionCache cache;
  EvalOptions cached = options_at();
  cached.conversions = &cache;
  for (int i = 0; i < 2; ++i) {
    const Evaluation again = eval(node, with({lab("creatinine", 1.2, "mg/dL")}), cached);
    CHECK(again.truth == T);
    CHECK(again.evidence[0].conversion == e.conversion);
  }
  // 2.1 mg/dL is 185.6 umol/L: above the threshold although 2.1 < 176.8 as bare numbers.
  const Evaluation fail = eval(node, with({lab("creatinine", 2.1, "mg/dL")}));
  CHECK(fail.truth == F);
  CHECK(fail.evidence[0].conversion == "2.1 mg/dL = 185.6 umol/L via molar mass 113.12 g/mol");
}

TEST_CASE("hemoglobin in g/L against g/dL, platelets per uL against 10^9/L") {
  CHECK(eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), with({lab("hemoglobin", 68, "g/L")})).truth == T);
  CHECK(eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), with({lab("hemoglobin", 75, "g/L")})).truth == F);
  CHECK(eval(cmp("hemoglobin", Comparator::ge, 80, "g/L"), with({lab("hemoglobin", 9.1, "g/dL")})).truth == T);
  // Exactly 7 g/dL written as 70 g/L: a tie, and <= holds despite the conversion's rounding.
  CHECK(eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), with({lab("hemoglobin", 70, "g/L")})).truth == T);
  CHECK(eval(cmp("hemoglobin", Comparator::lt, 7, "g/dL"), with({lab("hemoglobin", 70, "g/L")})).truth == F);
  const Evaluation low = eval(cmp("platelets", Comparator::lt, 100, "10*9/L"), with({lab("platelets", 85000, "/uL")}));
  CHECK(low.truth == T);
  CHECK(low.evidence[0].conversion == "85000 /uL = 85 10*9/L");
  CHECK(eval(cmp("platelets", Comparator::lt, 100, "10*9/L"), with({lab("platelets", 120000, "/uL")})).truth == F);
}

TEST_CASE("incompatible units: unknown, with the error in the evidence") {
  const Evaluation e = eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), with({lab("hemoglobin", 40, "%")}));
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"hemoglobin"});
  REQUIRE(e.evidence.size() == 1);
  CHECK_FALSE(e.evidence[0].conversion.empty());
  CHECK(e.evidence[0].note == "the value's unit cannot be compared with the threshold's");
}

TEST_CASE("ties compare exactly as written") {
  const Patient p = with({{{"code", "karnofsky"}, {"value", 70}, {"date", "2026-11-10"}}});
  CHECK(eval(cmp("karnofsky", Comparator::ge, 70, "1"), p).truth == T);
  CHECK(eval(cmp("karnofsky", Comparator::gt, 70, "1"), p).truth == F);
  CHECK(eval(cmp("karnofsky", Comparator::eq, 70, "1"), p).truth == T);
  CHECK(eval(cmp("karnofsky", Comparator::ne, 70, "1"), p).truth == F);
  CHECK(eval(cmp("karnofsky", Comparator::lt, 70.001, "1"), p).truth == T);
}

TEST_CASE("the latest value on or before the reference date counts") {
  const Patient p = with({lab("hemoglobin", 104, "g/L", "2026-10-20"), lab("hemoglobin", 68, "g/L", "2026-11-10"),
                          lab("hemoglobin", 120, "g/L", "2026-12-01")});
  const Evaluation e = eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), p);
  CHECK(e.truth == T);
  CHECK(e.evidence[0].date == "2026-11-10");
  CHECK(e.evidence[0].note == "1 value(s) dated after the reference date ignored");
  // Seen from 2026-10-31, the October value is the latest.
  CHECK(eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), p, options_at("2026-10-31")).truth == F);
  // Only later values: unknown.
  const Evaluation before = eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), p, options_at("2026-01-01"));
  CHECK(before.truth == U);
  CHECK(before.missing == std::vector<std::string>{"hemoglobin"});
}

TEST_CASE("undated values count only where no dated value exists, with a note") {
  json undated = {{"code", "hemoglobin"}, {"value", 60}, {"unit", "g/L"}};
  const Evaluation alone = eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), with({undated}));
  CHECK(alone.truth == T);
  CHECK(alone.evidence[0].note == "undated value, used because no dated value exists");
  const Evaluation both = eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), with({undated, lab("hemoglobin", 90, "g/L")}));
  CHECK(both.truth == F);
  CHECK(both.evidence[0].date == "2026-11-10");
}

TEST_CASE("missing lab: unknown, naming the variable (open world for measures)") {
  const Evaluation e = eval(cmp("platelets", Comparator::ge, 100, "10*9/L"), with(json::array()));
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"platelets"});
  CHECK(e.evidence[0].fact == "not recorded");
}

TEST_CASE("ULN from the patient's reference range") {
  json alt = lab("alt", 95, "U/L");
  alt["reference_range"] = {{"low", 7}, {"high", 40}};
  const Patient p = with({alt});
  const Evaluation e = eval(relative("alt", Comparator::le, 3, RelativeTo::uln), p);
  CHECK(e.truth == T);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].threshold == "<= 3 × ULN (ULN 40 U/L from the patient's reference range)");
  CHECK(e.evidence[0].note == "threshold 120 U/L");
  CHECK(eval(relative("alt", Comparator::gt, 2, RelativeTo::uln), p).truth == T);   // 95 > 80
  CHECK(eval(relative("alt", Comparator::gt, 2.5, RelativeTo::uln), p).truth == F); // 95 <= 100
  CHECK(eval(relative("alt", Comparator::ge, 1, RelativeTo::lln), p).truth == T);   // 95 >= 7
}

TEST_CASE("the lexicon's default range does not decide a x ULN comparison (session 14: only a sourced span does)") {
  // ALT's ULN is 31-79 U/L across laboratories: the default range's 56 decided "ALT <= 2 x ULN" at 95 (true)
  // where a lab with ULN 40 makes it false. This lexicon has no uln_span for ALT: unknown.
  const Patient p = with({lab("alt", 95, "U/L")});
  const Evaluation e = eval(relative("alt", Comparator::le, 2, RelativeTo::uln), p);
  CHECK(e.truth == U);
  CHECK(e.evidence[0].note.find("the lab's ULN decides") != std::string::npos);
  // The patient's own range wins over the default and decides differently.
  json alt = lab("alt", 95, "U/L");
  alt["reference_range"] = {{"high", 40}};
  CHECK(eval(relative("alt", Comparator::le, 2, RelativeTo::uln), with({alt})).truth == F);
}

TEST_CASE("no ULN anywhere: unknown, missing the ULN") {
  const Evaluation e = eval(relative("ast", Comparator::le, 3, RelativeTo::uln), with({lab("ast", 30, "U/L")}));
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"ULN of ast"});
  const Evaluation none = eval(relative("ast", Comparator::le, 3, RelativeTo::uln), with(json::array()));
  CHECK(none.missing == std::vector<std::string>{"ast"});
}

TEST_CASE("a reference range in another unit is converted to the value's unit") {
  json creatinine = lab("creatinine", 2.0, "mg/dL");
  creatinine["reference_range"] = {{"low", 53}, {"high", 106}, {"unit", "umol/L"}};
  const Evaluation e = eval(relative("creatinine", Comparator::gt, 1.5, RelativeTo::uln), with({creatinine}));
  // ULN 106 umol/L = 1.199 mg/dL; 1.5 x ULN = 1.799 mg/dL < 2.0.
  CHECK(e.truth == T);
  CHECK(e.evidence[0].conversion == "ULN 106 umol/L = 1.199 mg/dL");
}

TEST_CASE("an observation marked as a problem makes the criterion unknown, never decided") {
  json bad = {{"code", "hemoglobin"}, {"value", "6.8"}, {"unit", "g/dL"}, {"date", "2026-11-10"}};
  const Evaluation e = eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), with({lab("hemoglobin", 12, "g/dL", "2026-10-01"), bad}));
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"hemoglobin"});
  CHECK(e.evidence[0].note == "the latest value cannot be used: the value is a string, not a number");
}

// On the built-in lexicon: FiO2 (in %) and RASS (below zero) are not in the small test lexicon.
// "FIO2 <= 0.4" is a fraction (unit "1"): a record in that unit compares; one in % is unknown, with the reason (the
// units keep a fraction of one apart from a percentage, so no factor is guessed).
TEST_CASE("FiO2 written as a fraction ('FIO2 <= 0.4'): compared with a fraction, unknown against a percentage") {
  auto on_builtin = [](const Node& n, const json& observation) {
    const Patient p = read_native_patient({{"id", "P-LAB"}, {"sex", "female"}, {"birth_date", "2012-05-14"},
                                           {"observations", json::array({observation})}}, Lexicon::builtin());
    return evaluate(n, p, Lexicon::builtin(), options_at());
  };
  CHECK(on_builtin(cmp("fio2", Comparator::le, 0.4, "1"), lab("fio2", 0.35, "1")).truth == T);
  CHECK(on_builtin(cmp("fio2", Comparator::le, 0.4, "1"), lab("fio2", 0.6, "1")).truth == F);
  const Evaluation percent = on_builtin(cmp("fio2", Comparator::le, 0.4, "1"), lab("fio2", 40, "%"));
  CHECK(percent.truth == U);
  REQUIRE(percent.evidence.size() == 1);
  CHECK(percent.evidence[0].note == "the value's unit cannot be compared with the threshold's");
}

TEST_CASE("a negative threshold ('RASS < -1') compares below zero") {
  auto on_builtin = [](const Node& n, const json& observation) {
    const Patient p = read_native_patient({{"id", "P-LAB"}, {"sex", "female"}, {"birth_date", "2012-05-14"},
                                           {"observations", json::array({observation})}}, Lexicon::builtin());
    return evaluate(n, p, Lexicon::builtin(), options_at()).truth;
  };
  CHECK(on_builtin(cmp("rass", Comparator::lt, -1, "1"), lab("rass", -3, "1")) == T);
  CHECK(on_builtin(cmp("rass", Comparator::lt, -1, "1"), lab("rass", 1, "1")) == F);
  CHECK(on_builtin(cmp("rass", Comparator::lt, -1, "1"), lab("rass", -1, "1")) == F);
}
