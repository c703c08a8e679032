#pragma once
// Shared by test_eval*.cpp and test_patient*.cpp: a small fixed lexicon (so these tests do not move when
// the built-in lexicon grows), node builders and a patient reader.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::engine::testing {

// Short names for the three truth values in test tables.
inline constexpr Truth T = Truth::true_;
inline constexpr Truth F = Truth::false_;
inline constexpr Truth U = Truth::unknown;

inline const Lexicon& test_lexicon() {
  static const Lexicon lexicon = Lexicon::from_json(R"({"current_for_days_by_kind": {"lab": 90}, "concepts": [
    {"id": "age", "kind": "demographic", "names": ["age"], "unit": "a"},
    {"id": "alt", "kind": "lab", "names": ["alanine aminotransferase"], "abbreviations": ["ALT"],
     "codes": {"loinc": ["1742-6"]}, "unit": "U/L",
     "reference_range": {"low": 7, "high": 56, "unit": "U/L", "source": "test"},
     "plausible": {"low": 0, "high": 20000, "unit": "U/L"}},
    {"id": "ast", "kind": "lab", "names": ["aspartate aminotransferase"], "abbreviations": ["AST"],
     "codes": {"loinc": ["1920-8"]}, "unit": "U/L"},
    {"id": "creatinine", "kind": "lab", "names": ["creatinine", "serum creatinine"], "codes": {"loinc": ["2160-0"]},
     "unit": "umol/L", "molar_mass": 113.12,
     "reference_range": {"low": 53, "high": 106, "unit": "umol/L", "source": "test"}},
    {"id": "hemoglobin", "kind": "lab", "names": ["hemoglobin"], "abbreviations": ["Hb"], "codes": {"loinc": ["718-7"]},
     "unit": "g/dL", "plausible": {"low": 1, "high": 25, "unit": "g/dL"}},
    {"id": "platelets", "kind": "lab", "names": ["platelet count", "platelets"], "codes": {"loinc": ["777-3"]},
     "unit": "10*9/L", "plausible": {"low": 0, "high": 5000, "unit": "10*9/L"}},
    {"id": "systolic_bp", "kind": "vital", "names": ["systolic blood pressure"], "codes": {"loinc": ["8480-6"]}, "unit": "mm[Hg]"},
    {"id": "diastolic_bp", "kind": "vital", "names": ["diastolic blood pressure"], "codes": {"loinc": ["8462-4"]}, "unit": "mm[Hg]"},
    {"id": "karnofsky", "kind": "score", "current_for_days": 30, "names": ["Karnofsky performance status"], "unit": "1",
     "plausible": {"low": 0, "high": 100, "unit": "1"}},
    {"id": "lansky", "kind": "score", "names": ["Lansky performance status"], "unit": "1"},
    {"id": "cd5_expression", "kind": "biomarker", "names": ["CD5 expression"], "unit": "%"},
    {"id": "hiv_infection", "kind": "condition", "names": ["HIV infection"], "abbreviations": ["HIV"],
     "codes": {"snomed": ["86406008"], "icd10": ["B20"]}},
    {"id": "beta_thalassemia", "kind": "condition", "names": ["beta thalassemia"], "codes": {"snomed": ["65959000"]}},
    {"id": "transfusion_dependent_thalassemia", "kind": "condition", "names": ["transfusion-dependent thalassemia"],
     "is_a": ["beta_thalassemia"]},
    {"id": "hypersplenism", "kind": "condition", "names": ["hypersplenism"]},
    {"id": "hepatitis_b", "kind": "condition", "names": ["hepatitis B"], "codes": {"snomed": ["66071002"]}},
    {"id": "systemic_corticosteroids", "kind": "treatment", "names": ["systemic corticosteroids"], "codes": {"atc": ["H02"]}},
    {"id": "prednisone", "kind": "treatment", "names": ["prednisone"], "codes": {"atc": ["H02AB07"]}},
    {"id": "hydroxyurea", "kind": "treatment", "names": ["hydroxyurea"], "codes": {"atc": ["L01XX05"]}},
    {"id": "allogeneic_hsct", "kind": "procedure", "names": ["allogeneic stem cell transplantation"]},
    {"id": "live_vaccine", "kind": "exposure", "names": ["live vaccine", "live attenuated vaccine"], "codes": {"cvx": ["03"]}}
  ]})");
  return lexicon;
}

inline Date day(const char* text) { return *parse_date(text); }

inline EvalOptions options_at(const char* as_of = "2026-11-21", bool open_world = false, bool evidence = true) {
  EvalOptions o;
  o.as_of = day(as_of);
  o.open_world = open_world;
  o.evidence = evidence;
  return o;
}

inline Node cmp(std::string var, Comparator op, double value, std::string unit) {
  Cmp c;
  c.var = std::move(var);
  c.cmp = op;
  c.value = value;
  c.unit = std::move(unit);
  return Node{c, {}};
}

inline Node relative(std::string var, Comparator op, double value, RelativeTo limit) {
  Cmp c;
  c.var = std::move(var);
  c.cmp = op;
  c.value = value;
  c.relative_to = limit;
  return Node{c, {}};
}

inline Node has(std::string concept_id, std::optional<Amount> within = std::nullopt, std::string status = "",
                std::string except = "") {
  Has h;
  h.concept_id = std::move(concept_id);
  h.within = std::move(within);
  h.status = std::move(status);
  h.except = std::move(except);
  return Node{h, {}};
}

inline Node sex(std::string value) { return Node{Sex{std::move(value)}, {}}; }

inline Patient native(const nlohmann::json& j) { return read_native_patient(j, test_lexicon()); }

inline Evaluation eval(const Node& n, const Patient& p, const EvalOptions& o = options_at()) {
  return evaluate(n, p, test_lexicon(), o);
}

// evaluate()'s truth with `lexicon`, checked equal to the bound fast path's (evaluate_truth) where the tree binds.
inline Truth truth_both_ways(const Node& node, const Patient& p, const Lexicon& lexicon, const EvalOptions& o) {
  const Truth slow = evaluate(node, p, lexicon, o).truth;
  const BoundTree bound = BoundTree::bind(node, lexicon);
  const PatientFacts facts(p, lexicon, o.as_of);
  if (can_evaluate_truth(bound, facts, o)) CHECK(evaluate_truth(bound, facts, o).truth == slow);
  return slow;
}

// The same with the built-in lexicon (the audits of its data): evaluate() with its evidence, and the two-path truth.
inline Evaluation explain_builtin(const Node& node, const Patient& p, const EvalOptions& o = options_at()) {
  return evaluate(node, p, Lexicon::builtin(), o);
}
inline Truth both_builtin(const Node& node, const Patient& p, const EvalOptions& o = options_at()) {
  return truth_both_ways(node, p, Lexicon::builtin(), o);
}

// A native profile read with the built-in lexicon: conditions and observations as the contract writes them.
inline Patient builtin_profile(const char* id, const char* sex, const char* birth_date, nlohmann::json conditions,
                               nlohmann::json observations = nlohmann::json::array()) {
  return read_native_patient({{"id", id}, {"sex", sex}, {"birth_date", birth_date},
                              {"conditions", std::move(conditions)}, {"observations", std::move(observations)}},
                             Lexicon::builtin());
}

// A FHIR Bundle of one Patient (urn:uuid:p) and `resources`, each given an id and the patient as subject.
inline nlohmann::json patient_bundle(const char* gender, const char* birth_date, nlohmann::json resources) {
  nlohmann::json entries = nlohmann::json::array(
      {{{"fullUrl", "urn:uuid:p"},
        {"resource", {{"resourceType", "Patient"}, {"id", "p"}, {"gender", gender}, {"birthDate", birth_date}}}}});
  int i = 0;
  for (nlohmann::json& r : resources) {
    r["id"] = "r" + std::to_string(i++);
    r["subject"] = {{"reference", "urn:uuid:p"}};
    entries.push_back({{"resource", r}});
  }
  return {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries}};
}

}  // namespace trialmatch::engine::testing
