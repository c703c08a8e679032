// Session 14's audit of the evaluator: what session 12 left (a ULN the patient's record does not give, a
// pregnancy recorded only as a FHIR status or test, an acute event still "active" years later) and further
// edges (censored values, periods open at one end). Each case through evaluate() and, where the tree binds,
// the bound fast path (evaluate_truth), with the built-in lexicon (its spans, acute flags and pregnancy).
#include <doctest/doctest.h>

#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

const Lexicon& lexicon() { return Lexicon::builtin(); }

Patient patient(const char* list, json items) {
  return read_native_patient({{"id", "P-A14"}, {"sex", "female"}, {"birth_date", "1980-05-14"}, {list, std::move(items)}},
                             lexicon());
}

// evaluate()'s truth, checked equal to the bound fast path's where the tree binds.
json lab(const char* code, double value, const char* unit, const char* date = "2026-11-10") {
  return {{"code", code}, {"value", value}, {"unit", unit}, {"date", date}};
}

json bundle(json resources) { return patient_bundle("female", "1990-05-14", std::move(resources)); }

Patient fhir(json resources) { return read_fhir_bundle(bundle(std::move(resources)), lexicon()); }

json coded_observation(const char* loinc, const char* system, const char* answer, const char* date) {
  return {{"resourceType", "Observation"},
          {"status", "final"},
          {"code", {{"coding", json::array({{{"system", "http://loinc.org"}, {"code", loinc}}})}}},
          {"valueCodeableConcept", {{"coding", json::array({{{"system", system}, {"code", answer}}})}}},
          {"effectiveDateTime", date}};
}
constexpr const char* kSnomed = "http://snomed.info/sct";

json quantity(const char* loinc, double value, const char* comparator, const char* unit) {
  json q = {{"value", value}, {"system", "http://unitsofmeasure.org"}, {"code", unit}};
  if (comparator) q["comparator"] = comparator;
  return {{"resourceType", "Observation"},
          {"status", "final"},
          {"code", {{"coding", json::array({{{"system", "http://loinc.org"}, {"code", loinc}}})}}},
          {"valueQuantity", q},
          {"effectiveDateTime", "2026-11-10"}};
}

}  // namespace

TEST_CASE("x ULN without the patient's range: decided only where every laboratory's ULN of the span agrees") {
  // ALT's ULN is 31-79 U/L across laboratories (lexicon uln_span). "ALT <= 2.5 x ULN" at 120 U/L was true by
  // the default 56 (140): wrong eligible at a lab whose ULN is 40 (100). Now unknown: the lab's ULN decides.
  const Node alt_ok = relative("alt", Comparator::le, 2.5, RelativeTo::uln);
  CHECK(both_builtin(alt_ok, patient("observations", json::array({lab("alt", 120, "U/L")}))) == U);
  CHECK(both_builtin(alt_ok, patient("observations", json::array({lab("alt", 70, "U/L")}))) == T);   // <= 77.5
  CHECK(both_builtin(alt_ok, patient("observations", json::array({lab("alt", 200, "U/L")}))) == F);  // > 197.5
  // The patient's own range still decides: 120 > 2.5 x 40.
  json own = lab("alt", 120, "U/L");
  own["reference_range"] = {{"low", 7}, {"high", 40}};
  CHECK(both_builtin(alt_ok, patient("observations", json::array({own}))) == F);
  // The evidence names what decides it.
  const Evaluation e = explain_builtin(alt_ok, patient("observations", json::array({lab("alt", 120, "U/L")})));
  REQUIRE_FALSE(e.evidence.empty());
  CHECK(e.evidence[0].threshold.find("laboratories' ULNs 31-79 U/L") != std::string::npos);
  CHECK(e.evidence[0].note.find("threshold 77.5-197.5 U/L") != std::string::npos);
  CHECK(e.evidence[0].note.find("the lab's ULN decides") != std::string::npos);
  CHECK(std::find(e.missing.begin(), e.missing.end(), "ULN of alt") != e.missing.end());
  // A span in another unit: creatinine's ULN 0.95-1.35 mg/dL against a value in umol/L.
  const Node creat = relative("creatinine", Comparator::le, 1.5, RelativeTo::uln);  // 1.425-2.025 mg/dL
  CHECK(both_builtin(creat, patient("observations", json::array({lab("creatinine", 120, "umol/L")}))) == T);  // 1.36
  CHECK(both_builtin(creat, patient("observations", json::array({lab("creatinine", 130, "umol/L")}))) == U);  // 1.47
  CHECK(both_builtin(creat, patient("observations", json::array({lab("creatinine", 1.8, "mg/dL")}))) == U);
  CHECK(both_builtin(creat, patient("observations", json::array({lab("creatinine", 2.1, "mg/dL")}))) == F);
  // > and the same bounds: "> 3 x ULN" (93-237) at 250 is met whatever the lab.
  CHECK(both_builtin(relative("alt", Comparator::gt, 3, RelativeTo::uln), patient("observations", json::array({lab("alt", 250, "U/L")}))) == T);
  CHECK(both_builtin(relative("alt", Comparator::gt, 3, RelativeTo::uln), patient("observations", json::array({lab("alt", 150, "U/L")}))) == U);
}

TEST_CASE("x ULN of an analyte with no sourced span and no patient range is unknown") {
  // GGT's default range (8-61 U/L) decided "GGT <= 2.5 x ULN" before; no sourced span of laboratories' ULNs.
  // (Session 14 gave GGT a span, test_eval_sample14.cpp: fibrinogen, with a default range and no span, stands in.)
  const Node fibrinogen = relative("fibrinogen", Comparator::le, 2.5, RelativeTo::uln);
  CHECK(both_builtin(fibrinogen, patient("observations", json::array({lab("fibrinogen", 3, "g/L")}))) == U);
  const Evaluation e = explain_builtin(fibrinogen, patient("observations", json::array({lab("fibrinogen", 3, "g/L")})));
  REQUIRE_FALSE(e.evidence.empty());
  CHECK(e.evidence[0].note.find("no sourced span") != std::string::npos);
  json own = lab("fibrinogen", 3, "g/L");
  own["reference_range"] = {{"high", 4}};
  CHECK(both_builtin(fibrinogen, patient("observations", json::array({own}))) == T);
  // LLN likewise (hemoglobin has no lln_span): "Hb >= LLN" without the patient's range is unknown.
  CHECK(both_builtin(relative("hemoglobin", Comparator::ge, 1, RelativeTo::lln),
             patient("observations", json::array({lab("hemoglobin", 13.5, "g/dL")}))) == U);
  // LVEF's LLN is 52-54 % (ASE/EACVI 2015, men and women).
  const Node lvef = relative("lvef", Comparator::ge, 1, RelativeTo::lln);
  CHECK(both_builtin(lvef, patient("observations", json::array({lab("lvef", 60, "%")}))) == T);
  CHECK(both_builtin(lvef, patient("observations", json::array({lab("lvef", 53, "%")}))) == U);
  CHECK(both_builtin(lvef, patient("observations", json::array({lab("lvef", 45, "%")}))) == F);
}

TEST_CASE("FHIR: a pregnancy status or a qualitative pregnancy test is read as a pregnancy observed on its day") {
  const Node pregnant = has("pregnancy");  // "Pregnant or breastfeeding": a state, asked of now
  // Pregnant six days before: was "not recorded" (false), a wrong eligible for a trial excluding pregnancy.
  const Patient recent = fhir(json::array({coded_observation("82810-3", kSnomed, "77386006", "2026-11-15")}));
  REQUIRE(recent.events.size() == 1);
  CHECK(both_builtin(pregnant, recent) == T);
  CHECK(both_builtin(has("pregnancy", std::nullopt, "active"), recent) == T);
  // Five months before: may or may not still be pregnant.
  const Patient months = fhir(json::array({coded_observation("82810-3", kSnomed, "77386006", "2026-06-01")}));
  CHECK(both_builtin(pregnant, months) == U);
  CHECK(both_builtin(has("pregnancy", std::nullopt, "active"), months) == U);
  // Two years before: that pregnancy has ended ("currently pregnant" false; "pregnant" of now or ever unknown).
  const Patient old = fhir(json::array({coded_observation("82810-3", kSnomed, "77386006", "2024-06-01")}));
  CHECK(both_builtin(has("pregnancy", std::nullopt, "active"), old) == F);
  CHECK(both_builtin(pregnant, old) == U);
  // Not pregnant this week: a known negative; possibly pregnant or unknown: unknown.
  const Patient negative = fhir(json::array({coded_observation("82810-3", kSnomed, "60001007", "2026-11-18")}));
  CHECK(both_builtin(pregnant, negative, options_at("2026-11-21", true)) == F);
  const Evaluation e = explain_builtin(pregnant, negative);
  REQUIRE_FALSE(e.evidence.empty());
  CHECK(e.evidence[0].note == "recorded as absent (a known negative)");
  CHECK(both_builtin(pregnant, fhir(json::array({coded_observation("82810-3", kSnomed, "102874004", "2026-11-18")}))) == U);
  CHECK(both_builtin(pregnant, fhir(json::array({coded_observation("82810-3", kSnomed, "261665006", "2026-11-18")}))) == U);
  // A negative of two months ago tells nothing of now: unknown in an open world, "not recorded" in a closed one.
  const Patient stale = fhir(json::array({coded_observation("82810-3", kSnomed, "60001007", "2026-09-18")}));
  CHECK(both_builtin(pregnant, stale, options_at("2026-11-21", true)) == U);
  CHECK(both_builtin(pregnant, stale) == F);
  // Urine and serum hCG tests (LOINC 2106-3, 2118-8), coded positive / negative.
  CHECK(both_builtin(pregnant, fhir(json::array({coded_observation("2106-3", kSnomed, "10828004", "2026-11-19")}))) == T);
  CHECK(both_builtin(pregnant, fhir(json::array({coded_observation("2118-8", kSnomed, "260385009", "2026-11-19")})),
             options_at("2026-11-21", true)) == F);
  // Not read: 2106-3 in another system (the OMB race code "White"), a test only ordered (Synthea's "TESTS
  // ORDERED" naming a urine pregnancy test), a status with no result yet, an answer that is no answer.
  json race = coded_observation("2106-3", kSnomed, "10828004", "2026-11-19");
  race["code"]["coding"][0]["system"] = "urn:oid:2.16.840.1.113883.6.238";
  CHECK(fhir(json::array({race})).events.empty());
  json ordered = {{"resourceType", "Observation"},
                  {"status", "final"},
                  {"code", {{"coding", json::array({{{"system", "http://loinc.org"}, {"code", "1271AAAA"}, {"display", "TESTS ORDERED"}}})}, {"text", "TESTS ORDERED"}}},
                  {"valueCodeableConcept", {{"coding", json::array({{{"system", kSnomed}, {"code", "45AAAA"}, {"display", "Urine pregnancy test"}}})}, {"text", "Urine pregnancy test"}}},
                  {"effectiveDateTime", "2026-11-19"}};
  CHECK(fhir(json::array({ordered})).events.empty());
  json registered = coded_observation("2106-3", kSnomed, "10828004", "2026-11-19");
  registered["status"] = "registered";
  CHECK(fhir(json::array({registered})).events.empty());
  const Patient odd = fhir(json::array({coded_observation("82810-3", kSnomed, "22298006", "2026-11-19")}));
  CHECK(odd.events.empty());
  CHECK_FALSE(odd.warnings.empty());
}

TEST_CASE("an acute event recorded as active with an old onset does not meet a window: its onset does") {
  // An MI of 2020 still "active": was true for "MI within 6 months" (ongoing conditions count on every day),
  // a wrong ineligible.
  auto mi = [](json fields) {
    json c = {{"code", "myocardial_infarction"}};
    c.update(fields);
    return patient("conditions", json::array({c}));
  };
  const Node within = has("myocardial_infarction", Amount{6, "mo"});
  CHECK(both_builtin(within, mi({{"status", "active"}, {"onset", "2020-03-01"}})) == F);
  CHECK(both_builtin(within, mi({{"onset", "2020-03-01"}})) == F);  // no status: was unknown ("may last")
  CHECK(both_builtin(within, mi({{"status", "active"}, {"onset", "2026-08-01"}})) == T);
  CHECK(both_builtin(within, mi({{"status", "active"}})) == U);  // no onset: cannot be placed
  CHECK(both_builtin(within, mi({{"status", "resolved"}, {"onset", "2020-03-01"}, {"abatement", "2026-10-01"}})) == T);
  const Evaluation e = explain_builtin(within, mi({{"status", "active"}, {"onset", "2020-03-01"}}));
  REQUIRE_FALSE(e.evidence.empty());
  CHECK(e.evidence[0].note.find("an acute event") != std::string::npos);
  // A kind of an acute event (STEMI is_a acute MI is_a MI) and a fracture: the same rule.
  CHECK(both_builtin(within, patient("conditions", json::array({{{"code", "stemi"}, {"status", "active"}, {"onset", "2021-01-01"}}}))) == F);
  CHECK(both_builtin(has("fracture", Amount{12, "mo"}),
             patient("conditions", json::array({{{"code", "hip_fracture"}, {"status", "active"}, {"onset", "2019-01-01"}}}))) == F);
  // An acute illness with a course (lexicon "acute": "course"): a pneumonia still "active" from 2020 may or may
  // not reach a window (was true); one that asks for it active reads the status; a recorded end decides.
  auto pneumonia = [](json fields) {
    json c = {{"code", "pneumonia"}};
    c.update(fields);
    return patient("conditions", json::array({c}));
  };
  const Node recent_pneumonia = has("pneumonia", Amount{2, "wk"});
  CHECK(both_builtin(recent_pneumonia, pneumonia({{"status", "active"}, {"onset", "2020-03-01"}})) == U);
  CHECK(both_builtin(recent_pneumonia, pneumonia({{"status", "active"}, {"onset", "2026-11-15"}})) == T);
  CHECK(both_builtin(recent_pneumonia, pneumonia({{"status", "resolved"}, {"onset", "2020-03-01"}, {"abatement", "2020-04-01"}})) == F);
  CHECK(both_builtin(has("pneumonia", Amount{2, "wk"}, "active"), pneumonia({{"status", "active"}, {"onset", "2026-10-01"}})) == T);
  // A lasting condition is unchanged: type 2 diabetes active since 2020 is there within 6 months.
  CHECK(both_builtin(has("type_2_diabetes", Amount{6, "mo"}),
             patient("conditions", json::array({{{"code", "type_2_diabetes"}, {"status", "active"}, {"onset", "2020-03-01"}}}))) == T);
  // "Current" asks of the status, not of a window: an active MI record is still active.
  CHECK(both_builtin(has("myocardial_infarction", std::nullopt, "active"), mi({{"status", "active"}, {"onset", "2020-03-01"}})) == T);
}

TEST_CASE("a censored value ('< 0.5') decides a threshold that every value on its side meets or misses") {
  // Session 12 made "< 0.5" unknown for every threshold; "< 0.5" against "< 1" is decidable.
  const Patient under = fhir(json::array({quantity("1742-6", 0.5, "<", "U/L")}));
  REQUIRE(under.observations.size() == 1);
  CHECK(under.observations[0].problem.empty());
  CHECK(both_builtin(cmp("alt", Comparator::lt, 1, "U/L"), under) == T);
  CHECK(both_builtin(cmp("alt", Comparator::le, 0.5, "U/L"), under) == T);
  CHECK(both_builtin(cmp("alt", Comparator::lt, 0.5, "U/L"), under) == T);
  CHECK(both_builtin(cmp("alt", Comparator::gt, 0.3, "U/L"), under) == U);
  CHECK(both_builtin(cmp("alt", Comparator::ge, 0.5, "U/L"), under) == F);
  CHECK(both_builtin(cmp("alt", Comparator::lt, 0.3, "U/L"), under) == U);
  const Patient at_most = fhir(json::array({quantity("1742-6", 0.5, "<=", "U/L")}));
  CHECK(both_builtin(cmp("alt", Comparator::lt, 0.5, "U/L"), at_most) == U);
  CHECK(both_builtin(cmp("alt", Comparator::gt, 0.5, "U/L"), at_most) == F);
  const Patient over = fhir(json::array({quantity("1742-6", 1000, ">", "U/L")}));
  CHECK(both_builtin(cmp("alt", Comparator::gt, 500, "U/L"), over) == T);
  CHECK(both_builtin(cmp("alt", Comparator::lt, 2000, "U/L"), over) == U);
  CHECK(both_builtin(cmp("alt", Comparator::le, 1000, "U/L"), over) == F);
  // Through a conversion: creatinine < 20 umol/L against < 0.5 mg/dL (44.2 umol/L).
  CHECK(both_builtin(cmp("creatinine", Comparator::lt, 0.5, "mg/dL"), fhir(json::array({quantity("2160-0", 20, "<", "umol/L")}))) == T);
  // Against a multiple of the ULN: ALT < 10 meets "<= 2.5 x ULN" at every laboratory.
  CHECK(both_builtin(relative("alt", Comparator::le, 2.5, RelativeTo::uln), fhir(json::array({quantity("1742-6", 10, "<", "U/L")}))) == T);
  // "ad" (asserted by the subject) is no bound: the value is not used.
  const Patient asserted = fhir(json::array({quantity("1742-6", 30, "ad", "U/L")}));
  CHECK_FALSE(asserted.observations[0].problem.empty());
  CHECK(both_builtin(cmp("alt", Comparator::lt, 100, "U/L"), asserted) == U);
  // The native profile's "comparator" is read the same way.
  json native_under = lab("alt", 0.5, "U/L");
  native_under["comparator"] = "<";
  CHECK(both_builtin(cmp("alt", Comparator::lt, 1, "U/L"), patient("observations", json::array({native_under}))) == T);
  CHECK(both_builtin(cmp("alt", Comparator::gt, 0.3, "U/L"), patient("observations", json::array({native_under}))) == U);
  const Evaluation e = explain_builtin(cmp("alt", Comparator::gt, 0.3, "U/L"), under);
  REQUIRE_FALSE(e.evidence.empty());
  CHECK(e.evidence[0].fact == "< 0.5 U/L");
  CHECK(e.evidence[0].note.find("recorded as a bound") != std::string::npos);
}

TEST_CASE("FHIR: an inpatient or emergency Encounter is a hospitalization or an emergency visit") {
  // Left out before: "Hospitalization within 30 days" read a stay recorded only as an Encounter as not
  // recorded, a wrong eligible.
  auto encounter = [](json klass, const char* status, const char* start, const char* end) {
    json e = {{"resourceType", "Encounter"}, {"status", status}, {"class", std::move(klass)},
              {"period", {{"start", start}, {"end", end}}}};
    return e;
  };
  const json inpatient = {{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"}, {"code", "IMP"}};
  const Node stay = has("hospitalization", Amount{30, "d"});
  CHECK(both_builtin(stay, fhir(json::array({encounter(inpatient, "finished", "2026-11-01", "2026-11-05")}))) == T);
  CHECK(both_builtin(stay, fhir(json::array({encounter(inpatient, "finished", "2026-06-01", "2026-06-05")}))) == F);
  CHECK(both_builtin(stay, fhir(json::array({encounter(inpatient, "cancelled", "2026-11-01", "2026-11-05")}))) == F);
  // R5 writes class as CodeableConcepts.
  const json r5 = json::array({{{"coding", json::array({inpatient})}}});
  CHECK(both_builtin(stay, fhir(json::array({encounter(r5, "finished", "2026-11-01", "2026-11-05")}))) == T);
  // Ambulatory visits are no hospitalization; an emergency visit is its own concept.
  const json ambulatory = {{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"}, {"code", "AMB"}};
  CHECK(fhir(json::array({encounter(ambulatory, "finished", "2026-11-01", "2026-11-01")})).events.empty());
  const json emergency = {{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"}, {"code", "EMER"}};
  CHECK(both_builtin(has("emergency_department_visit", Amount{30, "d"}),
             fhir(json::array({encounter(emergency, "finished", "2026-11-10", "2026-11-10")}))) == T);
}

TEST_CASE("FHIR periods open at one end, and onsetPeriod (edges that were right)") {
  const json prednisone = {{"coding", json::array({{{"system", "http://www.whocc.no/atc"}, {"code", "H02AB07"}}})}, {"text", "prednisone"}};
  auto statement = [&](json period, const char* status) {
    return json{{"resourceType", "MedicationStatement"}, {"status", status}, {"medicationCodeableConcept", prednisone},
                {"effectivePeriod", std::move(period)}};
  };
  const Node steroids = has("systemic_corticosteroids", Amount{4, "wk"});
  // Started in 2015, active, no end: taken now.
  CHECK(both_builtin(steroids, fhir(json::array({statement({{"start", "2015-01-01"}}, "active")}))) == T);
  // Started in 2015, completed, no end: ended on a day not recorded (unknown, session 12).
  CHECK(both_builtin(steroids, fhir(json::array({statement({{"start", "2015-01-01"}}, "completed")}))) == U);
  // Only an end, in 2016: over before the window.
  CHECK(both_builtin(steroids, fhir(json::array({statement({{"end", "2016-01-01"}}, "completed")}))) == F);
  // Only an end, inside the window: it lasted to that day (was unknown: "no date").
  CHECK(both_builtin(steroids, fhir(json::array({statement({{"end", "2026-11-10"}}, "completed")}))) == T);
  // Only an end, on the window's first day: the edge stays unknown.
  CHECK(both_builtin(steroids, fhir(json::array({statement({{"end", "2026-10-24"}}, "completed")}))) == U);
  // A Procedure's performedPeriod reaching into the window.
  const json procedure = {{"resourceType", "Procedure"}, {"status", "completed"},
                          {"code", {{"text", "allogeneic stem cell transplantation"}}},
                          {"performedPeriod", {{"start", "2026-10-01"}, {"end", "2026-11-01"}}}};
  CHECK(both_builtin(has("allogeneic_hsct", Amount{4, "wk"}), fhir(json::array({procedure}))) == T);
  // A Condition's onsetPeriod: its start is the onset.
  const json condition = {{"resourceType", "Condition"},
                          {"clinicalStatus", {{"coding", json::array({{{"code", "active"}}})}}},
                          {"code", {{"text", "type 2 diabetes"}}},
                          {"onsetPeriod", {{"start", "2024-01-01"}, {"end", "2024-02-01"}}}};
  Has diagnosed;
  diagnosed.concept_id = "type_2_diabetes";
  diagnosed.within = Amount{1, "a"};
  diagnosed.onset = true;
  CHECK(both_builtin(Node{diagnosed, {}}, fhir(json::array({condition}))) == F);
}
