// Reading patients: the native profile, refusals, and every odd-input warning.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {
std::string refusal(const json& j) {
  try {
    (void)read_patient(j, test_lexicon());
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

bool warned(const Patient& p, std::string_view text) {
  return std::any_of(p.warnings.begin(), p.warnings.end(), [&](const std::string& w) { return w == text; });
}
}  // namespace

TEST_CASE("the native profile of the contract reads into facts") {
  const Patient p = read_patient(json::parse(R"({
    "id": "P-0001", "birth_date": "2014-03-02", "sex": "female",
    "observations": [
      {"code": "alt", "value": 52, "unit": "U/L", "date": "2026-11-01", "reference_range": {"low": 7, "high": 40}},
      {"code": {"system": "http://loinc.org", "code": "1742-6"}, "value": 50, "unit": "U/L", "date": "2026-10-01"},
      {"text": "Hb", "value": 9.5, "unit": "g/dL", "date": "2026-11-01"},
      {"code": "lansky", "value": 80, "date": "2026-10-28"}],
    "conditions": [
      {"code": "beta_thalassemia", "status": "active", "onset": "2015-06-01"},
      {"code": {"system": "http://snomed.info/sct", "code": "86406008"}, "text": "HIV infection", "status": "absent"}],
    "medications": [{"code": "hydroxyurea", "start": "2026-01-10", "end": "2026-09-30"}],
    "procedures": [{"code": "allogeneic_hsct", "date": "2024-02-01"}],
    "immunizations": [{"code": "live_vaccine", "text": "MMR", "date": "2026-10-20"}]})"),
                                 test_lexicon());
  CHECK(p.id == "P-0001");
  CHECK(p.birth_date == day("2014-03-02"));
  CHECK(p.sex == "female");
  CHECK(p.warnings.empty());
  REQUIRE(p.observations.size() == 4);
  CHECK(p.observations[0].concept_id == "alt");
  CHECK(p.observations[0].unit.ucum == "U/L");
  REQUIRE(p.observations[0].reference_range);
  CHECK(p.observations[0].reference_range->high == 40);
  CHECK(p.observations[0].reference_range->unit == "U/L");
  CHECK(p.observations[1].concept_id == "alt");
  CHECK(p.observations[2].concept_id == "hemoglobin");  // by abbreviation
  CHECK(p.observations[3].unit.ucum == "1");             // a score needs no unit
  CHECK(p.observations[3].problem.empty());
  REQUIRE(p.events.size() == 5);
  CHECK(p.events[1].concept_id == "hiv_infection");
  CHECK(p.events[1].status == "absent");
  CHECK(p.events[2].kind == EventKind::medication);
  CHECK(p.events[2].end == day("2026-09-30"));
  CHECK(p.events[3].kind == EventKind::procedure);
  CHECK(p.events[4].kind == EventKind::immunization);
  CHECK(p.events[4].source == "/immunizations/0");
}

TEST_CASE("age may stand instead of birth_date") {
  const Patient p = native({{"id", "A"}, {"age", {{"value", 14}, {"unit", "a"}}}});
  REQUIRE(p.age);
  CHECK(p.age->value == 14);
  CHECK(p.age->unit == "a");
  CHECK_FALSE(p.birth_date);
}

TEST_CASE("an age in months, weeks or days is plausible up to 150 years in that unit") {
  for (const auto& [value, unit] : std::vector<std::pair<double, std::string>>{{216, "mo"}, {200, "d"}, {1000, "wk"}}) {
    CAPTURE(unit);
    const Patient p = native({{"id", "A"}, {"age", {{"value", value}, {"unit", unit}}}});
    REQUIRE(p.age);
    CHECK(p.age->value == value);
    CHECK(p.warnings.empty());
  }
  const Patient too_old = native({{"id", "A"}, {"age", {{"value", 1900}, {"unit", "mo"}}}});
  CHECK_FALSE(too_old.age);
  CHECK(warned(too_old, "patient A: /age/value: 1900 mo is not a plausible age; left out"));
}

TEST_CASE("input that is not a patient is refused with the JSON pointer and what was expected") {
  CHECK(refusal(json::array()) == "not a patient at '/': expected a patient JSON object, got array");
  CHECK(refusal(json("P-1")) == "not a patient at '/': expected a patient JSON object, got string");
  CHECK(refusal(json::object()) ==
        "not a patient at '/': expected a patient profile: an object with `id` and at least one of birth_date, age, "
        "sex, observations, conditions, medications, procedures, immunizations");
  CHECK(refusal({{"name", nullptr}, {"foo", 1}}).rfind("not a patient at '/': expected a patient profile", 0) == 0);
  CHECK(refusal({{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", json::array()}}) ==
        "not a patient at '/entry': expected a Bundle with a Patient resource");
  CHECK(refusal({{"resourceType", "Bundle"}, {"entry", json::array({{{"resource", {{"resourceType", "Observation"}}}}})}}) ==
        "not a patient at '/entry': expected a Bundle with a Patient resource");
  CHECK(refusal({{"resourceType", "Bundle"}, {"entry", 3}}) == "not a patient at '/entry': expected an array of entries");
  CHECK(refusal({{"resourceType", "Observation"}}) ==
        "not a patient at '/resourceType': expected \"Bundle\" (a FHIR R4 Bundle with a Patient) or a native profile, "
        "got \"Observation\"");
}

TEST_CASE("odd birth dates: warned about and left out, so age is unknown") {
  const Patient future = native({{"id", "P-F"}, {"birth_date", "2999-01-01"}});
  CHECK_FALSE(future.birth_date);
  CHECK(warned(future, "patient P-F: /birth_date: 2999-01-01 is in the future; left out"));
  CHECK(eval(cmp("age", Comparator::ge, 3, "a"), future).truth == Truth::unknown);
  const Patient garbled = native({{"id", "P-G"}, {"birth_date", "14 March"}});
  CHECK_FALSE(garbled.birth_date);
  CHECK(warned(garbled, "patient P-G: /birth_date: '14 March' is not a date (expected YYYY-MM-DD); left out"));
  const Patient number = native({{"id", "P-N"}, {"birth_date", 2014}});
  CHECK(warned(number, "patient P-N: /birth_date: expected a string, got number; left out"));
  const Patient age = native({{"id", "P-A"}, {"age", {{"value", -3}, {"unit", "a"}}}});
  CHECK_FALSE(age.age);
  CHECK(warned(age, "patient P-A: /age/value: -3 a is not a plausible age; left out"));
}

TEST_CASE("odd observation values: kept visible with a problem, so the criterion is unknown") {
  auto one = [](json observation) {
    return native({{"id", "P-O"}, {"observations", json::array({std::move(observation)})}});
  };
  struct Case {
    json observation;
    const char* warning;
    Node node;
  };
  const Case cases[] = {
      {{{"code", "hemoglobin"}, {"value", "6.8"}, {"unit", "g/dL"}, {"date", "2026-11-01"}},
       "patient P-O: /observations/0/value: expected a number, got string \"6.8\"; the value is not used",
       cmp("hemoglobin", Comparator::le, 7, "g/dL")},
      {{{"code", "hemoglobin"}, {"value", 1e308}, {"unit", "g/dL"}, {"date", "2026-11-01"}},
       "patient P-O: /observations/0/value: value 1e+308 is not a plausible measurement; the value is not used",
       cmp("hemoglobin", Comparator::le, 7, "g/dL")},
      {{{"code", "platelets"}, {"value", -5}, {"unit", "10*9/L"}, {"date", "2026-11-01"}},
       "patient P-O: /observations/0/value: negative value -5 for platelets; the value is not used",
       cmp("platelets", Comparator::lt, 100, "10*9/L")},
      {{{"code", "hemoglobin"}, {"value", 68}, {"unit", "g/dL"}, {"date", "2026-11-01"}},
       "patient P-O: /observations/0/value: 68 g/dL is outside the plausible range 1..25 g/dL of hemoglobin; the value is not used",
       cmp("hemoglobin", Comparator::le, 7, "g/dL")},
      {{{"code", "hemoglobin"}, {"value", 6.8}, {"unit", "grams per decilitre"}, {"date", "2026-11-01"}},
       "patient P-O: /observations/0/unit: unit 'grams per decilitre' is not known; the value is not used",
       cmp("hemoglobin", Comparator::le, 7, "g/dL")},
      {{{"code", "hemoglobin"}, {"value", 6.8}, {"date", "2026-11-01"}},
       "patient P-O: /observations/0/unit: hemoglobin 6.8 has no unit; the value is not used",
       cmp("hemoglobin", Comparator::le, 7, "g/dL")},
  };
  for (const Case& c : cases) {
    CAPTURE(c.observation.dump());
    const Patient p = one(c.observation);
    CHECK(warned(p, c.warning));
    if (!warned(p, c.warning))
      for (const auto& w : p.warnings) MESSAGE(w);
    REQUIRE(p.observations.size() == 1);
    CHECK_FALSE(p.observations[0].problem.empty());
    const Evaluation e = eval(c.node, p);
    CHECK(e.truth == Truth::unknown);
    CHECK(e.missing.size() == 1);
  }
}

TEST_CASE("an observation with no date is warned about and counts only without dated values") {
  const Patient p = native({{"id", "P-D"}, {"observations", {{{"code", "hemoglobin"}, {"value", 6.8}, {"unit", "g/dL"}}}}});
  CHECK(warned(p, "patient P-D: /observations/0: no date; used only where no dated value exists"));
  CHECK_FALSE(p.observations[0].date);
  const Evaluation e = eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), p);
  CHECK(e.truth == Truth::true_);
  CHECK(e.evidence[0].note == "undated value, used because no dated value exists");
}

TEST_CASE("invalid UTF-8 in text is replaced and warned about") {
  json j = {{"id", "P-U"}, {"conditions", {{{"code", "beta_thalassemia"}, {"text", std::string("thal\xC3\x28ssemia")}}}}};
  const Patient p = native(j);
  CHECK(warned(p, "patient P-U: /conditions/0/text: invalid UTF-8 in the text; the bad bytes are shown as U+FFFD"));
  REQUIRE(p.events.size() == 1);
  CHECK(p.events[0].code_text == "beta_thalassemia (thal\xEF\xBF\xBD(ssemia)");
  CHECK_NOTHROW((void)json(p.events[0].code_text).dump());
}

TEST_CASE("unknown codes and fields are reported once, not silently read") {
  const Patient p = native({{"id", "P-X"},
                            {"shoe_size", 42},
                            {"conditions", {{{"code", {{"system", "http://snomed.info/sct"}, {"code", "999999"}}}, {"text", "Unobtainium poisoning"}}}}});
  CHECK(warned(p, "patient P-X: /shoe_size: unknown field; ignored"));
  CHECK(warned(p, "patient P-X: 1 record(s) with codes or names the lexicon does not know (e.g. 'http://snomed.info/sct "
                  "999999 (Unobtainium poisoning)'); criteria about them read them as not recorded"));
  REQUIRE(p.events.size() == 1);
  CHECK(p.events[0].concept_id.empty());
}

TEST_CASE("free text maps to a concept of a fitting kind, never from a negation") {
  const Patient p = native({{"id", "P-T"},
                            {"conditions", {{{"text", "History of HIV infection"}},
                                            {{"text", "No hepatitis B"}}}},
                            {"immunizations", {{{"text", "live attenuated vaccine (MMR)"}, {"date", "2026-10-31"}}}}});
  REQUIRE(p.events.size() == 3);
  CHECK(p.events[0].concept_id == "hiv_infection");
  CHECK(p.events[1].concept_id.empty());
  CHECK(p.events[2].concept_id == "live_vaccine");
}

TEST_CASE("non-ASCII unit spellings normalise") {
  const Patient p = native({{"id", "P-µ"},
                            {"observations", {{{"code", "creatinine"}, {"value", 88}, {"unit", "µmol/L"}, {"date", "2026-11-01"}}}}});
  REQUIRE(p.observations.size() == 1);
  CHECK(p.observations[0].unit.ucum == "umol/L");
  CHECK(p.observations[0].problem.empty());
}
