// Reading FHIR R4 Bundles: references, resource kinds, statuses, components, ranges, periods.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

const char* const bundle_text = R"({
  "resourceType": "Bundle", "type": "transaction",
  "entry": [
    {"fullUrl": "urn:uuid:aaaa-1", "resource": {"resourceType": "Patient", "id": "pt-1", "gender": "male", "birthDate": "2010-02-03"}},
    {"fullUrl": "urn:uuid:bbbb-2", "resource": {"resourceType": "Observation", "id": "o-hb", "status": "final",
      "code": {"coding": [{"system": "http://loinc.org", "code": "718-7", "display": "Hemoglobin [Mass/volume] in Blood"}]},
      "subject": {"reference": "urn:uuid:aaaa-1"}, "effectiveDateTime": "2026-11-10T09:30:00+08:00",
      "valueQuantity": {"value": 68, "unit": "g/L", "system": "http://unitsofmeasure.org", "code": "g/L"},
      "referenceRange": [{"low": {"value": 115, "code": "g/L"}, "high": {"value": 155, "code": "g/L"}}]}},
    {"resource": {"resourceType": "Observation", "id": "o-bp", "status": "final",
      "code": {"text": "Blood pressure panel"}, "subject": {"reference": "Patient/pt-1"},
      "effectivePeriod": {"start": "2026-11-09", "end": "2026-11-09"},
      "component": [
        {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}, "valueQuantity": {"value": 118, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
        {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]}, "valueQuantity": {"value": 72, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}]}},
    {"resource": {"resourceType": "Observation", "id": "o-err", "status": "entered-in-error",
      "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]}, "subject": {"reference": "Patient/pt-1"},
      "effectiveDateTime": "2026-11-20", "valueQuantity": {"value": 150, "code": "g/L", "system": "http://unitsofmeasure.org"}}},
    {"resource": {"resourceType": "Observation", "id": "o-other", "status": "final",
      "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]}, "subject": {"reference": "Patient/someone-else"},
      "effectiveDateTime": "2026-11-20", "valueQuantity": {"value": 150, "code": "g/L", "system": "http://unitsofmeasure.org"}}},
    {"resource": {"resourceType": "Condition", "id": "c-thal",
      "clinicalStatus": {"coding": [{"code": "active"}]}, "verificationStatus": {"coding": [{"code": "confirmed"}]},
      "code": {"coding": [{"system": "http://snomed.info/sct", "code": "65959000"}]}, "subject": {"reference": "urn:uuid:aaaa-1"},
      "onsetDateTime": "2011-01-01"}},
    {"resource": {"resourceType": "Condition", "id": "c-hbv",
      "clinicalStatus": {"coding": [{"code": "resolved"}]},
      "code": {"text": "Hepatitis B"}, "subject": {"reference": "urn:uuid:aaaa-1"},
      "onsetDateTime": "2015-01-01", "abatementDateTime": "2016-03-01"}},
    {"resource": {"resourceType": "Condition", "id": "c-hiv", "verificationStatus": {"coding": [{"code": "refuted"}]},
      "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "B20"}]}, "subject": {"reference": "urn:uuid:aaaa-1"}}},
    {"fullUrl": "urn:uuid:mmmm-1", "resource": {"resourceType": "Medication", "id": "m-pred",
      "code": {"coding": [{"system": "http://www.whocc.no/atc", "code": "H02AB07"}], "text": "prednisone 5 mg"}}},
    {"resource": {"resourceType": "MedicationRequest", "id": "mr-1", "status": "active", "intent": "order",
      "medicationReference": {"reference": "urn:uuid:mmmm-1"}, "subject": {"reference": "urn:uuid:aaaa-1"}, "authoredOn": "2026-11-19"}},
    {"resource": {"resourceType": "MedicationStatement", "id": "ms-1", "status": "completed",
      "medicationCodeableConcept": {"text": "hydroxyurea 500 mg"}, "subject": {"reference": "urn:uuid:aaaa-1"},
      "effectivePeriod": {"start": "2026-01-10", "end": "2026-09-30"}}},
    {"resource": {"resourceType": "Procedure", "id": "pr-1", "status": "completed",
      "code": {"text": "Allogeneic stem cell transplantation"}, "subject": {"reference": "urn:uuid:aaaa-1"},
      "performedPeriod": {"start": "2024-02-01", "end": "2024-02-03"}}},
    {"resource": {"resourceType": "Immunization", "id": "im-1", "status": "completed",
      "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "03", "display": "MMR"}]},
      "patient": {"reference": "urn:uuid:aaaa-1"}, "occurrenceDateTime": "2026-10-31"}},
    {"resource": {"resourceType": "Immunization", "id": "im-2", "status": "not-done",
      "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "03"}]},
      "patient": {"reference": "urn:uuid:aaaa-1"}, "occurrenceDateTime": "2026-11-15"}},
    {"resource": {"resourceType": "Encounter", "id": "e-1", "status": "finished", "subject": {"reference": "urn:uuid:aaaa-1"}}}
  ]})";

const Event* find_event(const Patient& p, std::string_view concept_id) {
  for (const Event& e : p.events)
    if (e.concept_id == concept_id) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("a FHIR Bundle reads into the same kinds of facts") {
  const Patient p = read_patient(json::parse(bundle_text), test_lexicon());
  CHECK(p.id == "pt-1");
  CHECK(p.sex == "male");
  CHECK(p.birth_date == day("2010-02-03"));
  CHECK(p.warnings == std::vector<std::string>{"patient pt-1: /entry: 1 resources about another patient; left out"});

  REQUIRE(p.observations.size() == 3);  // Hb, and the two blood-pressure components; errors and others left out
  const Observation& hb = p.observations[0];
  CHECK(hb.concept_id == "hemoglobin");
  CHECK(hb.value == 68);
  CHECK(hb.unit.ucum == "g/L");
  CHECK(hb.date == day("2026-11-10"));
  CHECK(hb.source == "Observation/o-hb");
  REQUIRE(hb.reference_range);
  CHECK(hb.reference_range->low == 115);
  CHECK(hb.reference_range->unit == "g/L");
  CHECK(p.observations[1].concept_id == "systolic_bp");
  CHECK(p.observations[1].date == day("2026-11-09"));
  CHECK(p.observations[1].source == "Observation/o-bp/component/0");
  CHECK(p.observations[2].concept_id == "diastolic_bp");

  const Event* thal = find_event(p, "beta_thalassemia");
  REQUIRE(thal);
  CHECK(thal->status == "active");
  CHECK(thal->start == day("2011-01-01"));
  const Event* hbv = find_event(p, "hepatitis_b");
  REQUIRE(hbv);
  CHECK(hbv->status == "resolved");
  CHECK(hbv->end == day("2016-03-01"));
  const Event* hiv = find_event(p, "hiv_infection");
  REQUIRE(hiv);
  CHECK(hiv->status == "absent");
  const Event* pred = find_event(p, "prednisone");
  REQUIRE(pred);
  CHECK(pred->kind == EventKind::medication);
  CHECK(pred->start == day("2026-11-19"));
  CHECK(pred->source == "MedicationRequest/mr-1");
  const Event* hu = find_event(p, "hydroxyurea");
  REQUIRE(hu);
  CHECK(hu->end == day("2026-09-30"));
  const Event* hsct = find_event(p, "allogeneic_hsct");
  REQUIRE(hsct);
  CHECK(hsct->kind == EventKind::procedure);
  CHECK(hsct->start == day("2024-02-01"));
  // The not-done immunization is left out: neither given nor a known negative.
  int vaccines = 0;
  for (const Event& e : p.events)
    if (e.concept_id == "live_vaccine") {
      ++vaccines;
      CHECK(e.status == "completed");
      CHECK(e.start == day("2026-10-31"));
    }
  CHECK(vaccines == 1);
}

TEST_CASE("criteria over a FHIR patient: conversions, windows, known negatives, is_a") {
  const Patient p = read_patient(json::parse(bundle_text), test_lexicon());
  CHECK(eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), p).truth == Truth::true_);
  CHECK(eval(has("live_vaccine", Amount{6, "wk"}), p).truth == Truth::true_);
  CHECK(eval(has("hiv_infection"), p, options_at("2026-11-21", true)).truth == Truth::false_);
  CHECK(eval(has("hepatitis_b", std::nullopt, "active"), p).truth == Truth::false_);
  CHECK(eval(has("systemic_corticosteroids", Amount{1, "wk"}), p).truth == Truth::true_);
  CHECK(eval(has("hydroxyurea", Amount{3, "mo"}), p).truth == Truth::true_);
  CHECK(eval(cmp("systolic_bp", Comparator::lt, 140, "mm[Hg]"), p).truth == Truth::true_);
}

TEST_CASE("searchset bundles with relative references and a bare Patient resource") {
  const json searchset = json::parse(R"({"resourceType": "Bundle", "type": "searchset", "entry": [
    {"fullUrl": "https://ehr.example/fhir/Patient/42", "resource": {"resourceType": "Patient", "id": "42", "gender": "female"}},
    {"fullUrl": "https://ehr.example/fhir/Condition/7", "resource": {"resourceType": "Condition", "id": "7",
      "clinicalStatus": {"coding": [{"code": "active"}]}, "code": {"text": "beta thalassemia"},
      "subject": {"reference": "Patient/42"}}},
    {"resource": {"resourceType": "Condition", "id": "8", "clinicalStatus": {"coding": [{"code": "active"}]},
      "code": {"text": "hypersplenism"}, "subject": {"reference": "https://ehr.example/fhir/Patient/42"}}}]})");
  const Patient p = read_patient(searchset, test_lexicon());
  CHECK(p.id == "42");
  REQUIRE(p.events.size() == 2);
  CHECK(p.events[0].concept_id == "beta_thalassemia");
  CHECK(p.events[1].concept_id == "hypersplenism");
  const Patient bare = read_patient(json::parse(R"({"resourceType": "Patient", "id": "solo", "birthDate": "2001-01-01"})"),
                                    test_lexicon());
  CHECK(bare.id == "solo");
  CHECK(bare.birth_date == day("2001-01-01"));
}

TEST_CASE("odd FHIR values are warnings, not errors") {
  const json bundle = json::parse(R"({"resourceType": "Bundle", "type": "collection", "entry": [
    {"resource": {"resourceType": "Patient", "id": "odd", "birthDate": "not-a-date", "gender": "other"}},
    {"resource": {"resourceType": "Patient", "id": "second"}},
    {"resource": {"resourceType": "Observation", "id": "o1", "status": "final",
      "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]}, "valueString": "low"}},
    {"resource": {"resourceType": "Observation", "id": "o2", "status": "final",
      "code": {"coding": [{"system": "http://loinc.org", "code": "777-3"}]}, "effectiveDateTime": "2026-11-01",
      "valueQuantity": {"value": 150, "unit": "furlongs", "code": "furlongs"}}},
    {"resource": {"resourceType": "Immunization", "id": "i1", "status": "completed",
      "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "03"}]}, "occurrenceString": "as a child"}}]})");
  const Patient p = read_patient(bundle, test_lexicon());
  const std::vector<std::string> expected = {
      "patient odd: /entry: 2 Patient resources; only the first is read",
      "patient odd: /entry/0/resource/birthDate: 'not-a-date' is not a date (expected YYYY-MM-DD); left out",
      "patient odd: /entry/0/resource/gender: 'other' is neither female nor male; sex is taken as not recorded",
      "patient odd: /entry/2/resource/valueString: expected a number (valueQuantity), got a string; the value is not used",
      "patient odd: /entry/2/resource: no effective date; used only where no dated value exists",
      "patient odd: /entry/3/resource/valueQuantity/unit: unit 'furlongs' is not known; the value is not used",
      "patient odd: /entry/4/resource/occurrenceString: a date as free text cannot be placed in time; left undated",
  };
  CHECK(p.warnings == expected);
  if (p.warnings != expected)
    for (const auto& w : p.warnings) MESSAGE(w);
  CHECK(eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), p).truth == Truth::unknown);
  CHECK(eval(cmp("platelets", Comparator::ge, 100, "10*9/L"), p).truth == Truth::unknown);
  CHECK(eval(has("live_vaccine", Amount{6, "wk"}), p).truth == Truth::unknown);
  CHECK(eval(sex("female"), p).truth == Truth::unknown);
}
