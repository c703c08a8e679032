// Measured values written in pairs, parsed and then evaluated against patients: a limit for one sex never
// reaches the other, and a blood pressure pair above its limit is met by either number, below it by both.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/grammar/parser.hpp"

using namespace trialmatch;
using nlohmann::json;

namespace {
engine::Truth truth_of(std::string_view line, grammar::CriterionSection section, const char* sex, json observations) {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const json p = {{"id", "M"}, {"sex", sex}, {"birth_date", "1970-01-01"}, {"observations", std::move(observations)}};
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  return engine::evaluate(parser.parse(line, section).tree, engine::read_native_patient(p, lexicon), lexicon, o).truth;
}
json obs(const char* code, double value, const char* unit) {
  return json::array({{{"code", code}, {"value", value}, {"unit", unit}, {"date", "2026-11-10"}}});
}
json bp(double systolic, double diastolic) {
  return json::array({{{"code", "systolic_bp"}, {"value", systolic}, {"unit", "mm[Hg]"}, {"date", "2026-11-10"}},
                      {{"code", "diastolic_bp"}, {"value", diastolic}, {"unit", "mm[Hg]"}, {"date", "2026-11-10"}}});
}
constexpr auto inc = grammar::CriterionSection::inclusion;
constexpr auto exc = grammar::CriterionSection::exclusion;
constexpr auto T = engine::Truth::true_;
constexpr auto F = engine::Truth::false_;
}  // namespace

TEST_CASE("a slash pair keyed F/M: each limit for its own sex") {
  const char* line = "Serum HDL-C: <50/40 mg/dl; F/M";
  CAPTURE(line);
  // 45 mg/dL is low for a woman (< 50), not for a man (< 40).
  CHECK(truth_of(line, inc, "female", obs("hdl_cholesterol", 45, "mg/dL")) == T);
  CHECK(truth_of(line, inc, "male", obs("hdl_cholesterol", 45, "mg/dL")) == F);
  CHECK(truth_of(line, inc, "male", obs("hdl_cholesterol", 35, "mg/dL")) == T);
  CHECK(truth_of(line, exc, "female", obs("hdl_cholesterol", 45, "mg/dL")) == T);
  CHECK(truth_of(line, exc, "male", obs("hdl_cholesterol", 45, "mg/dL")) == F);
}

TEST_CASE("limits for males and females respectively") {
  const char* line = "serum creatinine ≥1.5 and ≥1.4 mg/dL in males and females respectively";
  CAPTURE(line);
  CHECK(truth_of(line, exc, "female", obs("creatinine", 1.45, "mg/dL")) == T);
  CHECK(truth_of(line, exc, "male", obs("creatinine", 1.45, "mg/dL")) == F);
  CHECK(truth_of(line, exc, "male", obs("creatinine", 1.6, "mg/dL")) == T);
  CHECK(truth_of(line, inc, "male", obs("creatinine", 1.45, "mg/dL")) == F);
}

TEST_CASE("a blood pressure pair: above is either number, below is both") {
  CHECK(truth_of("BP ≥ 140/90 mmHg", exc, "male", bp(150, 80)) == T);
  CHECK(truth_of("BP ≥ 140/90 mmHg", exc, "male", bp(130, 95)) == T);
  CHECK(truth_of("BP ≥ 140/90 mmHg", exc, "male", bp(130, 80)) == F);
  CHECK(truth_of("BP < 140/90 mmHg", inc, "male", bp(130, 95)) == F);
  CHECK(truth_of("BP < 140/90 mmHg", inc, "male", bp(130, 80)) == T);
}

TEST_CASE("a ± tolerance over a period: a limit on the change, which the record cannot decide") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto tree = parser.parse("Body weight stable for 3 months prior (±3 kg)", inc).tree;
  CHECK(engine::to_canonical(tree) == "cmp \"absolute change in Body weight\" <= 3 kg within 3 mo");
  // One weight says nothing about how it moved: unknown, never true or false.
  CHECK(truth_of("Body weight stable for 3 months prior (±3 kg)", inc, "male", obs("body_weight", 80, "kg")) ==
        engine::Truth::unknown);
  CHECK(engine::to_canonical(parser.parse("Unstable body mass (±2 kg over prior 3-mo)", exc).tree) ==
        "cmp \"absolute change in body mass\" > 2 kg within 3 mo");
}
