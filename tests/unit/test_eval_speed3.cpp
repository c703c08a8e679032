// The bound evaluator's per-patient answers (evaluate_bound.cpp, evaluate_facts.cpp): whether a defined condition
// is shown by the patient's values (PatientFacts::shown_by_values, asked once per patient), the one-test `has`
// (PatientFacts::silent_on) and the comparison without a branch on its comparator decide exactly as evaluate().
#include <doctest/doctest.h>

#include <cmath>

#include "test_eval_support.hpp"

using namespace trialmatch;
using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using json = nlohmann::json;

namespace {

json lab(const char* code, double value, const char* unit, const char* date) {
  return {{"code", code}, {"value", value}, {"unit", unit}, {"date", date}};
}

Patient patient(json observations, json conditions = json::array()) {
  return read_native_patient({{"id", "p"}, {"birth_date", "1970-05-01"}, {"sex", "female"},
                              {"observations", std::move(observations)}, {"conditions", std::move(conditions)}},
                             Lexicon::builtin());
}

}  // namespace

TEST_CASE("a has of every defined condition decides as evaluate(), values shown or not, with or without a window") {
  const Lexicon& lexicon = Lexicon::builtin();
  // Values in and out of range, current, old and in the future, of several defining measures; with and without
  // events of the conditions and of others.
  const std::vector<json> observation_sets = {
      json::array(),
      json::array({lab("hemoglobin", 6.5, "g/dL", "2026-11-10")}),
      json::array({lab("hemoglobin", 14, "g/dL", "2026-11-10")}),
      json::array({lab("hemoglobin", 6.5, "g/dL", "2026-11-19"), lab("platelets", 40, "10*9/L", "2026-10-01")}),
      json::array({lab("hemoglobin", 65, "g/L", "2026-11-10"), lab("hemoglobin", 140, "g/L", "2026-12-10")}),
      json::array({lab("creatinine", 2.1, "mg/dL", "2026-09-01"), lab("potassium", 6.1, "mmol/L", "2026-11-20"),
                   lab("sodium", 128, "mmol/L", "2026-11-14")}),
      json::array({lab("systolic_bp", 165, "mm[Hg]", "2026-11-10"), lab("hba1c", 8.1, "%", "2026-08-01"),
                   lab("bmi", 41, "kg/m2", "2026-11-01")}),
  };
  const std::vector<json> condition_sets = {
      json::array(),
      json::array({{{"code", "anemia"}, {"status", "absent"}, {"onset", "2026-11-01"}}}),
      json::array({{{"code", "hypertension"}, {"status", "active"}, {"onset", "2020-01-01"}}}),
      json::array({{{"code", "hiv_infection"}, {"status", "active"}, {"onset", "2019-01-01"}}}),
  };
  std::vector<const Concept*> defined;
  for (const Concept& c : lexicon.concepts())
    if (!c.defined_by.empty()) defined.push_back(&c);
  REQUIRE(defined.size() >= 20);
  int shown = 0;
  for (const json& observations : observation_sets)
    for (const json& conditions : condition_sets) {
      const Patient p = patient(observations, conditions);
      const PatientFacts facts(p, lexicon, day("2026-11-21"));
      for (const Concept* c : defined) {
        const auto index = static_cast<std::uint32_t>(c - lexicon.concepts().data());
        CHECK(facts.silent_on(index) == (!facts.events_may_bear_on(index) && !facts.shown_by_values(index)));
        shown += facts.shown_by_values(index);
        for (const bool open_world : {false, true})
          for (const std::optional<Amount>& within :
               {std::optional<Amount>{}, std::optional<Amount>{Amount{1, "wk"}}, std::optional<Amount>{Amount{4, "wk"}},
                std::optional<Amount>{Amount{1, "a"}}}) {
            const EvalOptions o = options_at("2026-11-21", open_world, false);
            both_builtin(has(c->id, within), p, o);
            both_builtin(has(c->id, within, "active"), p, o);
          }
      }
    }
  CHECK(shown > 10);  // the sets above do show conditions
}

TEST_CASE("silent_on for every built-in concept is neither an event bearing on it nor a value showing it") {
  const Lexicon& lexicon = Lexicon::builtin();
  const Patient p = patient(json::array({lab("hemoglobin", 6.5, "g/dL", "2026-11-10")}),
                            json::array({{{"code", "prednisone"}, {"status", "active"}, {"onset", "2026-01-01"}}}));
  const PatientFacts facts(p, lexicon, day("2026-11-21"));
  for (std::uint32_t c = 0; c < lexicon.concepts().size(); ++c)
    CHECK(facts.silent_on(c) == (!facts.events_may_bear_on(c) && !facts.shown_by_values(c)));
  CHECK_FALSE(facts.silent_on(static_cast<std::uint32_t>(lexicon.concepts().size() + 100)));  // beyond: the full rules
  const PatientFacts none(patient(json::array()), lexicon, day("2026-11-21"));
  for (std::uint32_t c = 0; c < lexicon.concepts().size(); ++c) CHECK(none.silent_on(c));
}

TEST_CASE("every comparator against values below, at, near and above the threshold decides as evaluate()") {
  const std::vector<Comparator> ops = {Comparator::lt, Comparator::le, Comparator::gt,
                                       Comparator::ge, Comparator::eq, Comparator::ne};
  // Hemoglobin in g/dL (the lexicon unit: compared as written), in g/L (converted: ties are tolerant), ×ULN of
  // the patient's own range (tolerant), and ages in whole years.
  for (const Comparator op : ops) {
    for (const double value : {8.0, 9.0, 9.0 + 1e-12, 9.0 - 1e-12, 9.0000001, 10.0, 0.0, -1.0}) {
      const Patient in_dl = patient(json::array({lab("hemoglobin", value, "g/dL", "2026-11-10")}));
      const Patient in_l = patient(json::array({lab("hemoglobin", value * 10, "g/L", "2026-11-10")}));
      for (const Patient* p : {&in_dl, &in_l}) {
        both_builtin(cmp("hemoglobin", op, 9, "g/dL"), *p, options_at());
        both_builtin(cmp("hemoglobin", op, 90, "g/L"), *p, options_at());
        both_builtin(cmp("hemoglobin", op, 9, ""), *p, options_at());
      }
      json alt = lab("alt", value * 10, "U/L", "2026-11-10");
      alt["reference_range"] = {{"low", 0}, {"high", 30}, {"unit", "U/L"}};
      const Patient uln = patient(json::array({alt}));
      both_builtin(relative("alt", op, 3, RelativeTo::uln), uln, options_at());
    }
    for (const double years : {55.0, 56.0, 57.0, 56.5})
      both_builtin(cmp("age", op, years, "a"), patient(json::array()), options_at());
  }
}
