// A guarded alternative limit, parsed and then evaluated: the limit inside the guard must never be
// applied to those outside it, nor the stricter one to those inside (a wrong "ineligible" either way).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/grammar/parser.hpp"

using namespace trialmatch;
using nlohmann::json;

namespace {
engine::Truth truth_of(std::string_view line, grammar::CriterionSection section, bool gilbert, double bilirubin_x_uln) {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  json p = {{"id", "G"},
            {"birth_date", "1970-01-01"},
            {"observations",
             {{{"code", "total_bilirubin"}, {"value", bilirubin_x_uln}, {"unit", "mg/dL"}, {"date", "2026-11-10"},
               {"reference_range", {{"low", 0.1}, {"high", 1.0}}}}}},
            {"conditions", json::array()}};
  if (gilbert) p["conditions"].push_back({{"code", "gilbert_syndrome"}, {"status", "active"}});
  const engine::Patient patient = engine::read_native_patient(p, lexicon);
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  return engine::evaluate(parser.parse(line, section).tree, patient, lexicon, o).truth;
}
}  // namespace

TEST_CASE("a guarded alternative limit in parentheses, inclusion") {
  const char* line = "Total bilirubin ≤ 1.5 × ULN (≤ 3 × ULN for patients with Gilbert's syndrome)";
  const auto inc = grammar::CriterionSection::inclusion;
  CHECK(truth_of(line, inc, false, 1.2) == engine::Truth::true_);
  CHECK(truth_of(line, inc, false, 2.0) == engine::Truth::false_);
  CHECK(truth_of(line, inc, true, 2.0) == engine::Truth::true_);   // the wider limit inside the guard
  CHECK(truth_of(line, inc, true, 3.5) == engine::Truth::false_);
}

TEST_CASE("a guarded alternative limit in parentheses, exclusion") {
  const char* line = "Total bilirubin > 1.5 × ULN (> 3 × ULN in patients with Gilbert's syndrome)";
  const auto exc = grammar::CriterionSection::exclusion;
  CHECK(truth_of(line, exc, false, 2.0) == engine::Truth::true_);   // excluded
  CHECK(truth_of(line, exc, true, 2.0) == engine::Truth::false_);   // not excluded: Gilbert's limit is 3
  CHECK(truth_of(line, exc, true, 3.5) == engine::Truth::true_);
}

TEST_CASE("a guarded piece whose event is restated as present refines the piece before it") {
  const grammar::Parser parser(engine::Lexicon::builtin());
  CHECK(engine::to_canonical(parser.parse("AST ≤ 2.5 × ULN; AST ≤ 5 × ULN if liver metastases are present",
                                          grammar::CriterionSection::inclusion).tree) ==
        "all(if(not(has liver_metastases), cmp ast <= 2.5 ULN), if(has liver_metastases, cmp ast <= 5 ULN))");
}

TEST_CASE("within normal limits: between the patient's own limits of normal") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto tree = parser.parse("TSH within normal limits", grammar::CriterionSection::inclusion).tree;
  auto truth = [&](double value) {
    const json p = {{"id", "T"},
                    {"observations",
                     {{{"code", "tsh"}, {"value", value}, {"unit", "m[IU]/L"}, {"date", "2026-11-10"},
                       {"reference_range", {{"low", 0.4}, {"high", 4.0}}}}}}};
    engine::EvalOptions o;
    o.as_of = *engine::parse_date("2026-11-21");
    return engine::evaluate(tree, engine::read_native_patient(p, lexicon), lexicon, o).truth;
  };
  CHECK(truth(2.0) == engine::Truth::true_);
  CHECK(truth(0.4) == engine::Truth::true_);
  CHECK(truth(5.0) == engine::Truth::false_);
  CHECK(truth(0.2) == engine::Truth::false_);
}
