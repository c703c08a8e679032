// Session 15's measured sample of evaluations (tools/sample_outcomes.py, seeds 1501 and 1502;
// /work/notes/evalsample3.md) and the evaluator's known gaps it was asked to close:
// - an unlisted reading whose name carries the mark of its threshold ("< 25 weeks pregnant": "… pregnant") said
//   "not a concept the lexicon lists", untrue: pregnancy is listed;
// - the ULN spans whose figures were written from memory (GGT, amylase, CK, uric acid), checked against the
//   laboratories' pages: Mayo Clinic Laboratories' amylase ULN is 100 U/L, not 125, and other laboratories use
//   limits outside the old spans;
// - a condition's measures read on the side of the range that shows it (hypokalaemia: a low potassium), so a
//   value on the other side no longer asks for a needless review;
// - more "personal history of" codes (ICD-10-CM Z85/Z86/Z87, SNOMED CT "history of") as past codes;
// - an HIV clinic's FHIR export records its drugs as Observations ("CURRENT ANTIRETROVIRAL DRUGS USED FOR
//   TREATMENT": Didanosine), which the reader did not read.
// Each truth through evaluate() and, where the tree binds, the bound fast path (evaluate_truth).
#include <doctest/doctest.h>

#include <stdexcept>

#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

const Lexicon& lexicon() { return Lexicon::builtin(); }

Patient profile(json conditions, json observations = json::array()) {
  return builtin_profile("P-S15", "female", "1970-01-01", std::move(conditions), std::move(observations));
}

Patient lab(const char* code, double value, const char* unit) {
  return profile(json::array(), json::array({{{"code", code}, {"value", value}, {"unit", unit}, {"date", "2026-11-10"}}}));
}

json coded(const char* system, const char* code, const char* onset) {
  return {{"code", {{"system", system}, {"code", code}}}, {"status", "active"}, {"onset", onset}};
}

// A survey Observation of an HIV clinic's export: CIEL concepts under a LOINC system, named by their display.
json named_observation(const char* name, const char* value, const char* date) {
  return {{"resourceType", "Observation"},
          {"status", "final"},
          {"code", {{"coding", json::array({{{"system", "http://loinc.org"}, {"code", "1088AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
                                             {"display", name}}})},
                    {"text", name}}},
          {"effectiveDateTime", date},
          {"valueCodeableConcept", {{"coding", json::array({{{"system", "http://snomed.info/sct"}, {"code", "74807AAAA"},
                                                             {"display", value}}})},
                                    {"text", value}}}};
}

Patient clinic(json observations) {
  return read_fhir_bundle(patient_bundle("female", "1990-01-01", std::move(observations)), lexicon());
}

std::vector<std::string> concepts_of(const Patient& p) {
  std::vector<std::string> ids;
  for (const Event& e : p.events) ids.push_back(e.concept_id);
  return ids;
}

}  // namespace

TEST_CASE("an unlisted reading whose name carries the threshold's mark says the event is listed") {
  // U5: "< 25 weeks pregnant" is cmp "… pregnant" < 25 wk. Pregnancy is listed; its weeks are not read.
  Node n = cmp("\xE2\x80\xA6_pregnant", Comparator::lt, 25, "wk");
  std::get<Cmp>(n.kind).name = "\xE2\x80\xA6 pregnant";
  const Evaluation e = explain_builtin(n, profile(json::array()));
  CHECK(e.truth == U);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].fact == "not read from the record");
  CHECK(e.evidence[0].note.find("'\xE2\x80\xA6 pregnant' is listed (pregnancy)") == 0);
  // The mark inside a name is no edge: "Complex class … cavities" stays unlisted.
  Node inside = cmp("complex_class_cavities", Comparator::eq, 2, "1");
  std::get<Cmp>(inside.kind).name = "Complex class \xE2\x80\xA6 cavities";
  CHECK(explain_builtin(inside, profile(json::array())).evidence.at(0).fact == "not in the lexicon");
}

TEST_CASE("the ULN spans checked against laboratories' pages") {
  auto span = [](const char* id) { return *lexicon().find(id)->uln_span; };
  CHECK(*span("ggt").low == 29);               // Mayo's earlier catalogue, women 6-29 U/L
  CHECK(*span("ggt").high == 85);              // Quest (Adventist HealthCare) men 5-85 U/L
  CHECK(*span("amylase").low == 100);          // Mayo Clinic Laboratories 28-100 U/L (not 125: misremembered)
  CHECK(*span("amylase").high == 140);         // MedlinePlus, Medscape 40-140 U/L
  CHECK(*span("creatine_kinase").high == 810);  // Black men, 520-810 U/L
  CHECK(*span("uric_acid").high == 500);       // 8.4 mg/dL
  for (const char* id : {"ggt", "amylase", "creatine_kinase", "uric_acid"})
    CHECK(span(id).source.find("to verify") == std::string::npos);

  // Amylase 160 U/L against "<= 1.5 x ULN": 1.5 x 100 = 150 at Mayo, 1.5 x 110 = 165 elsewhere. Was true.
  CHECK(both_builtin(relative("amylase", Comparator::le, 1.5, RelativeTo::uln), lab("amylase", 160, "U/L")) == U);
  CHECK(both_builtin(relative("amylase", Comparator::le, 1.5, RelativeTo::uln), lab("amylase", 140, "U/L")) == T);
  // GGT 74 U/L against "<= 2.5 x ULN": 72.5 at a ULN of 29. Was true.
  CHECK(both_builtin(relative("ggt", Comparator::le, 2.5, RelativeTo::uln), lab("ggt", 74, "U/L")) == U);
  CHECK(both_builtin(relative("ggt", Comparator::le, 2.5, RelativeTo::uln), lab("ggt", 70, "U/L")) == T);
  // Uric acid 8.2 mg/dL (488 umol/L) against "<= ULN": a laboratory with 8.4 mg/dL says normal. Was false.
  CHECK(both_builtin(relative("uric_acid", Comparator::le, 1, RelativeTo::uln), lab("uric_acid", 8.2, "mg/dL")) == U);
  CHECK(both_builtin(relative("uric_acid", Comparator::le, 1, RelativeTo::uln), lab("uric_acid", 9, "mg/dL")) == F);
  // CK 2000 U/L against "> 3 x ULN": 3 x 810 = 2430. Was true (3 x 572 = 1716).
  CHECK(both_builtin(relative("creatine_kinase", Comparator::gt, 3, RelativeTo::uln), lab("creatine_kinase", 2000, "U/L")) == U);
  CHECK(both_builtin(relative("creatine_kinase", Comparator::gt, 3, RelativeTo::uln), lab("creatine_kinase", 2500, "U/L")) == T);
}

TEST_CASE("a condition's measures are read on the side of the range that shows it") {
  // Every measure of every defined condition has its side in the built-in data.
  for (const Concept& c : lexicon().concepts()) {
    CAPTURE(c.id);
    REQUIRE(c.defined_by_side.size() == c.defined_by.size());
    for (std::uint8_t side : c.defined_by_side) CHECK(side != Concept::kSideEither);
  }
  // Hypokalaemia is a low potassium: a high one no longer asks whether it shows it (was unknown).
  CHECK(both_builtin(has("hypokalemia"), lab("potassium", 5.8, "mmol/L")) == F);
  CHECK(both_builtin(has("hypokalemia"), lab("potassium", 3.0, "mmol/L")) == U);
  CHECK(both_builtin(has("hyperkalemia"), lab("potassium", 5.8, "mmol/L")) == U);
  CHECK(both_builtin(has("hyperkalemia"), lab("potassium", 3.0, "mmol/L")) == F);
  CHECK(both_builtin(has("anemia"), lab("hemoglobin", 19, "g/dL")) == F);
  CHECK(both_builtin(has("anemia"), lab("hemoglobin", 6.5, "g/dL")) == U);
  // Kidney disease: a high creatinine or a low eGFR shows it; a low creatinine does not.
  CHECK(both_builtin(has("chronic_kidney_disease"), lab("creatinine", 0.3, "mg/dL")) == F);
  CHECK(both_builtin(has("chronic_kidney_disease"), lab("creatinine", 2.1, "mg/dL")) == U);
  CHECK(both_builtin(has("chronic_kidney_disease"), lab("egfr", 25, "mL/min/{1.73_m2}")) == U);
  CHECK(both_builtin(has("hypoglycemia"), lab("glucose", 250, "mg/dL")) == F);
  CHECK(both_builtin(has("diabetes_mellitus"), lab("glucose", 250, "mg/dL")) == U);

  // Where the data gives no side, either side asks, as before.
  const Lexicon own = Lexicon::from_json(R"({"current_for_days_by_kind": {"lab": 90}, "concepts": [
    {"id": "potassium", "kind": "lab", "names": ["potassium"], "unit": "mmol/L",
     "reference_range": {"low": 3.5, "high": 5.0, "unit": "mmol/L", "source": "test"}},
    {"id": "dyskalemia", "kind": "condition", "names": ["dyskalemia"], "defined_by": ["potassium"]},
    {"id": "lowkalemia", "kind": "condition", "names": ["lowkalemia"], "defined_by": ["potassium"],
     "defined_by_side": {"potassium": "low"}}]})");
  const Patient high = read_native_patient(
      {{"id", "P"}, {"observations", json::array({{{"code", "potassium"}, {"value", 5.8}, {"unit", "mmol/L"}, {"date", "2026-11-10"}}})}},
      own);
  CHECK(truth_both_ways(has("dyskalemia"), high, own, options_at()) == U);
  CHECK(truth_both_ways(has("lowkalemia"), high, own, options_at()) == F);
  // A side for a measure not in defined_by, or no side at all, is refused.
  CHECK_THROWS_AS(Lexicon::from_json(R"({"concepts": [{"id": "x", "kind": "condition", "names": ["x"],
    "defined_by": ["potassium"], "defined_by_side": {"sodium": "low"}}]})"), std::runtime_error);
  CHECK_THROWS_AS(Lexicon::from_json(R"({"concepts": [{"id": "x", "kind": "condition", "names": ["x"],
    "defined_by": ["potassium"], "defined_by_side": {"potassium": "middle"}}]})"), std::runtime_error);
}

TEST_CASE("more personal-history codes are past codes of the concepts they name") {
  const char* const icd10 = "icd10";
  const std::pair<const char*, const char*> history[] = {
      {"Z85.01", "esophageal_cancer"}, {"Z85.028", "gastric_cancer"}, {"Z85.038", "colon_cancer"},
      {"Z85.048", "rectal_cancer"},    {"Z85.05", "liver_cancer"},    {"Z85.07", "pancreatic_cancer"},
      {"Z85.118", "lung_cancer"},      {"Z85.41", "cervical_cancer"}, {"Z85.6", "leukemia"},
      {"Z85.71", "hodgkin_lymphoma"},  {"Z85.820", "melanoma"},       {"Z85.850", "thyroid_cancer"},
      {"Z86.11", "tuberculosis"},      {"Z86.74", "cardiac_arrest"},  {"Z87.01", "pneumonia"},
      {"Z87.11", "peptic_ulcer"},      {"Z87.440", "urinary_tract_infection"}, {"Z87.442", "nephrolithiasis"},
      {"Z87.311", "pathological_fracture"}, {"Z87.820", "traumatic_brain_injury"}};
  for (const auto& [code, concept_id] : history) {
    CAPTURE(code);
    const Concept* c = lexicon().find_code(icd10, code);
    REQUIRE(c);
    CHECK(c->id == concept_id);
    CHECK(lexicon().is_past_code(icd10, code));
  }
  const char* const snomed = "http://snomed.info/sct";
  CHECK(lexicon().find_code(snomed, "431691000")->id == "malignancy");  // history of malignant neoplasm of nervous system
  CHECK(lexicon().is_past_code(snomed, "431691000"));

  // A leukaemia in remission coded Z85.6 last month: a history of malignancy, no active one, not placed in a window.
  const Patient leukaemia = profile(json::array({coded("http://hl7.org/fhir/sid/icd-10-cm", "Z85.6", "2026-10-01")}));
  CHECK(both_builtin(has("malignancy"), leukaemia) == T);
  CHECK(both_builtin(has("leukemia", std::nullopt, "active"), leukaemia) == F);
  CHECK(both_builtin(has("leukemia", Amount{5, "a"}), leukaemia) == U);
  // Tuberculosis treated long ago (Z86.11): "active tuberculosis" is not met; "history of tuberculosis" is.
  const Patient tb = profile(json::array({coded("http://hl7.org/fhir/sid/icd-10-cm", "Z86.11", "2020-01-01")}));
  CHECK(both_builtin(has("tuberculosis", std::nullopt, "active"), tb) == F);
  CHECK(both_builtin(has("tuberculosis"), tb) == T);
}

TEST_CASE("drugs an HIV clinic's export records as observations are read as medications") {
  // A list of current antiretrovirals (2015): the class and each drug the lexicon names.
  const Patient art = clinic(json::array(
      {named_observation("CURRENT ANTIRETROVIRAL DRUGS USED FOR TREATMENT", "Lamivudine / zidovudine", "2015-03-23")}));
  CHECK(concepts_of(art) == std::vector<std::string>{"antiretroviral_therapy", "lamivudine"});
  REQUIRE_FALSE(art.events.empty());
  CHECK(art.events[0].kind == EventKind::medication);
  CHECK(art.events[0].code_text == "current antiretroviral drugs used for treatment: Lamivudine / zidovudine");
  CHECK(art.events[0].start_is_recorded_date);
  CHECK(art.observations.empty());  // not read as a measurement too
  CHECK(both_builtin(has("antiretroviral_therapy"), art) == T);                              // "prior ART"
  CHECK(both_builtin(has("nucleoside_analogues"), art) == T);                                // lamivudine is one
  CHECK(both_builtin(has("antiretroviral_therapy", std::nullopt, "active"), art) == U);      // still taken?
  CHECK(both_builtin(has("nucleoside_analogues", Amount{1, "a"}), art) == U);               // was false: not recorded

  // Started last week: a start inside the window.
  const Patient started = clinic(json::array({named_observation("ANTIRETROVIRALS STARTED", "Tenofovir", "2026-11-14")}));
  CHECK(concepts_of(started) == std::vector<std::string>{"antiretroviral_therapy", "tenofovir"});
  CHECK_FALSE(started.events[0].start_is_recorded_date);
  Node began = has("antiretroviral_therapy", Amount{4, "wk"});
  std::get<Has>(began.kind).onset = true;
  CHECK(both_builtin(began, started) == T);
  CHECK(both_builtin(began, clinic(json::array({named_observation("CURRENT ANTIRETROVIRAL DRUGS USED FOR TREATMENT",
                                                                  "Tenofovir", "2026-11-14")}))) == U);

  // Tuberculosis treatment: each drug a combination names; a regimen code only as the class; "None" nothing.
  const Patient hrze = clinic(json::array({named_observation("TUBERCULOSIS TREATMENT STARTED",
                                                             "Rifampicin isoniazid pyrazinamide and ethambutol", "2026-10-01")}));
  CHECK(concepts_of(hrze) ==
        std::vector<std::string>{"antituberculosis_drugs", "rifampicin", "isoniazid", "pyrazinamide", "ethambutol"});
  CHECK(both_builtin(has("rifampicin", Amount{3, "mo"}), hrze) == T);
  CHECK(concepts_of(clinic(json::array({named_observation("PATIENT REPORTED CURRENT TB TREATMENT", "1HRZE", "2017-02-17")}))) ==
        std::vector<std::string>{"antituberculosis_drugs"});
  CHECK(clinic(json::array({named_observation("PATIENT REPORTED CURRENT TB TREATMENT", "None", "2017-02-17")})).events.empty());
  // A plan names no drug: not a medication record.
  CHECK(clinic(json::array({named_observation("ANTIRETROVIRAL PLAN", "Start drugs", "2017-02-17")})).events.empty());

  // The names are data: a lexicon of its own reads its own list.
  const Lexicon own = Lexicon::from_json(R"({"concepts": [
    {"id": "antibiotics", "kind": "treatment", "names": ["antibiotics"],
     "named_in": [{"names": ["antibiotics given"], "means": "started", "none": ["none"]}]},
    {"id": "amoxicillin", "kind": "treatment", "names": ["amoxicillin"], "is_a": ["antibiotics"]}]})");
  const Patient given = read_fhir_bundle(
      patient_bundle("male", "1980-01-01", json::array({named_observation("Antibiotics given", "Amoxicillin 500 mg", "2026-11-01")})), own);
  CHECK(concepts_of(given) == std::vector<std::string>{"antibiotics", "amoxicillin"});
  CHECK(read_fhir_bundle(patient_bundle("male", "1980-01-01", json::array({named_observation("Antibiotics given", "Amoxicillin", "2026-11-01")})),
                         lexicon()).events.empty());
  CHECK_THROWS_AS(Lexicon::from_json(R"({"concepts": [{"id": "x", "kind": "condition", "names": ["x"],
    "named_in": [{"names": ["x given"], "means": "started"}]}]})"), std::runtime_error);
}
