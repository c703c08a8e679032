// Hostile and broken patient files (issue 7), read as the CLI reads them: text -> matcher::read_patients.
// Unreadable input is a problem naming the input, the place and what was expected; odd but readable
// values are warnings naming the patient and the field, and the criterion resting on them is unknown.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "test_eval_support.hpp"
#include "trialmatch/engine/json_text.hpp"
#include "trialmatch/engine/limits.hpp"
#include "trialmatch/matcher/patients.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using trialmatch::matcher::PatientLoad;
using trialmatch::matcher::read_patients;

namespace {

PatientLoad read(std::string_view text) { return read_patients(text, "in.json", test_lexicon()); }

bool warned(const Patient& p, std::string_view text) {
  return std::any_of(p.warnings.begin(), p.warnings.end(), [&](const std::string& w) { return w == text; });
}

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("unreadable patient files: one problem naming the input, the place and what was expected") {
  struct Case {
    std::string text;
    const char* where;
    const char* message;
  };
  const Case cases[] = {
      {"", "line 1", "empty input: expected a patient JSON object or NDJSON lines of them"},
      {" \n\t\n", "line 1", "empty input: expected a patient JSON object or NDJSON lines of them"},
      {std::string("{\"id\": \"P\"}\n\0\x01\x02", 15), "line 2",
       "binary content (a NUL byte at byte 12): expected a patient JSON object or NDJSON lines of them"},
      {"\x89PNG\r\n\x1a\n", "line 1", ""},
      {"{\"id\": \"P-T\", \"observations\": [", "line 1", ""},
      {"[1, 2", "line 1", ""},
      {nested_arrays(200000), "line 1",
       "arrays and objects nested deeper than 128 levels (at byte 128): expected a patient JSON object"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text.substr(0, 40));
    const PatientLoad load = read(c.text);
    CHECK(load.patients.empty());
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].input == "in.json");
    CHECK(load.problems[0].where == c.where);
    if (*c.message) CHECK(load.problems[0].message == c.message);
    else CHECK(load.problems[0].message.find("not valid JSON") == 0);
  }
  // fuzz_patient crash-e1fec20c: a number beyond double made nlohmann throw out_of_range, not parse_error.
  for (const std::string text : {"{\n  \"id\":2222222222E222222222222222222222222222\n}",
                                 "{\"id\": \"A\", \"sex\": \"male\"}\n{\"id\": 1e999}\n"}) {
    CAPTURE(text);
    PatientLoad load;
    CHECK_NOTHROW(load = read(text));
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].message.find("number overflow") != std::string::npos);
  }
  // A truncated document says where it ends and what was expected there.
  const PatientLoad truncated = read("{\"id\": \"P-T\",\n \"observations\": [");
  REQUIRE(truncated.problems.size() == 1);
  CHECK(truncated.problems[0].where == "line 2");
  CHECK(truncated.problems[0].message.find("unexpected end of input") != std::string::npos);
}

TEST_CASE("JSON nesting: the limit is exact, and deep values inside a patient never recurse") {
  const std::string at_limit = "{\"id\": \"P-N\", \"sex\": \"female\", \"note\": " + nested_arrays(limits::max_json_depth - 1) + "}";
  const PatientLoad ok = read(at_limit);
  CHECK(ok.problems.empty());
  CHECK(ok.patients.size() == 1);
  const std::string over = "{\"id\": \"P-N\", \"sex\": \"female\", \"note\": " + nested_arrays(limits::max_json_depth) + "}";
  const PatientLoad refused = read(over);
  CHECK(refused.patients.empty());
  REQUIRE(refused.problems.size() == 1);
  CHECK(refused.problems[0].message.find("nested deeper than 128 levels") != std::string::npos);
  // Brackets inside strings are text, not nesting.
  const PatientLoad in_string = read("{\"id\": \"P-S\", \"sex\": \"female\", \"note\": \"" + std::string(1000, '[') + "\"}");
  CHECK(in_string.problems.empty());
  CHECK(json_depth_exceeded(R"(["\"[[[["])", 1) == std::nullopt);
  CHECK(json_depth_exceeded("[[]]", 1) == std::optional<std::size_t>(1));

  // A value built in memory (no text to pre-scan) that nests 200,000 deep: the reader names its type and
  // never dumps it (nlohmann's dump recurses once per level).
  nlohmann::json deep = nlohmann::json::parse(nested_arrays(200000));
  nlohmann::json patient = {{"id", "P-D"}, {"observations", {{{"code", "hemoglobin"}, {"unit", "g/dL"}, {"date", "2026-11-01"}}}}};
  patient["observations"][0]["value"] = std::move(deep);
  const Patient p = read_native_patient(patient, test_lexicon());
  CHECK(warned(p, "patient P-D: /observations/0/value: expected a number, got array; the value is not used"));
  CHECK(eval(cmp("hemoglobin", Comparator::le, 7, "g/dL"), p).truth == U);
}

TEST_CASE("invalid UTF-8 in a text field: read, warned about, shown as U+FFFD") {
  const std::string text = "{\"id\": \"P-U\", \"conditions\": [{\"code\": \"beta_thalassemia\", \"text\": \"thal\xE9ssemia\"}],"
                           " \"observations\": [{\"code\": \"hemoglobin\", \"value\": 9, \"unit\": \"g/dL\", \"date\": \"2026-11-01\","
                           " \"text\": \"Hb \xC0\xAF overlong\"}]}";
  const PatientLoad load = read(text);
  CHECK(load.problems.empty());
  REQUIRE(load.patients.size() == 1);
  const Patient& p = load.patients[0];
  CHECK(warned(p, "patient P-U: /conditions/0/text: invalid UTF-8 in the text; the bad bytes are shown as U+FFFD"));
  CHECK(warned(p, "patient P-U: /observations/0/text: invalid UTF-8 in the text; the bad bytes are shown as U+FFFD"));
  REQUIRE(p.events.size() == 1);
  CHECK(p.events[0].concept_id == "beta_thalassemia");
  CHECK(p.events[0].code_text == "beta_thalassemia (thal\xEF\xBF\xBDssemia)");
  // The readable value still counts.
  CHECK(eval(cmp("hemoglobin", Comparator::le, 10, "g/dL"), p).truth == T);

  // In an NDJSON stream the bad line is read too, and the others with it.
  const PatientLoad stream = read("{\"id\": \"A\", \"sex\": \"f\\u00e9male\"}\n{\"id\": \"B\xFF\", \"sex\": \"male\"}\n");
  CHECK(stream.problems.empty());
  REQUIRE(stream.patients.size() == 2);
  CHECK(warned(stream.patients[1], "patient B\xEF\xBF\xBD: /id: invalid UTF-8 in the id; the bad bytes are shown as U+FFFD"));

  // What repair_utf8 keeps and what it replaces (RFC 3629).
  for (const auto& [in, out] : std::initializer_list<std::pair<std::string, std::string>>{
           {"plain", "plain"},
           {"\xC3\xA9", "\xC3\xA9"},                      // é
           {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},      // an emoji
           {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},      // overlong '/'
           {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a surrogate
           {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // above U+10FFFF
           {"ab\xE2\x82", "ab\xEF\xBF\xBD\xEF\xBF\xBD"},  // truncated at the end
       }) {
    std::string s = in;
    CAPTURE(in);
    repair_utf8(s);
    CHECK(s == out);
    CHECK(is_valid_utf8(s));
    CHECK(nlohmann::json::accept("\"" + s + "\""));
  }
}

TEST_CASE("odd but readable values from a file: a warning naming patient and field; the criterion unknown") {
  struct Case {
    const char* observation;  // JSON
    const char* warning;
    Node criterion;
  };
  const Case cases[] = {
      {R"({"code": "hemoglobin", "value": "6.8", "unit": "g/dL", "date": "2026-11-01"})",
       "patient P-O: /observations/0/value: expected a number, got string \"6.8\"; the value is not used",
       cmp("hemoglobin", Comparator::le, 7, "g/dL")},
      {R"({"code": "hemoglobin", "value": 1e308, "unit": "g/dL", "date": "2026-11-01"})",
       "patient P-O: /observations/0/value: value 1e+308 is not a plausible measurement; the value is not used",
       cmp("hemoglobin", Comparator::ge, 7, "g/dL")},
      {R"({"code": "platelets", "value": -5, "unit": "10*9/L", "date": "2026-11-01"})",
       "patient P-O: /observations/0/value: negative value -5 for platelets; the value is not used",
       cmp("platelets", Comparator::lt, 100, "10*9/L")},
      {R"({"code": "hemoglobin", "value": 6.8, "unit": "furlongs/fortnight", "date": "2026-11-01"})",
       "patient P-O: /observations/0/unit: unit 'furlongs/fortnight' is not known; the value is not used",
       cmp("hemoglobin", Comparator::le, 7, "g/dL")},
  };
  for (const Case& c : cases) {
    CAPTURE(c.observation);
    const PatientLoad load = read(std::string(R"({"id": "P-O", "observations": [)") + c.observation + "]}");
    CHECK(load.problems.empty());
    REQUIRE(load.patients.size() == 1);
    const Patient& p = load.patients[0];
    CHECK(warned(p, c.warning));
    if (!warned(p, c.warning))
      for (const auto& w : p.warnings) MESSAGE(w);
    CHECK(eval(c.criterion, p).truth == U);
  }
}

TEST_CASE("odd birth dates from a file: warned about and left out, so an age criterion is unknown") {
  const Node adult = cmp("age", Comparator::ge, 18, "a");
  for (const auto& [birth, warning] : std::initializer_list<std::pair<const char*, const char*>>{
           {R"("2999-01-01")", "patient P-B: /birth_date: 2999-01-01 is in the future; left out"},
           {R"("next spring")", "patient P-B: /birth_date: 'next spring' is not a date (expected YYYY-MM-DD); left out"},
           {R"("2010-02-30")", "patient P-B: /birth_date: '2010-02-30' is not a date (expected YYYY-MM-DD); left out"},
           {"19800101", "patient P-B: /birth_date: expected a string, got number; left out"},
       }) {
    CAPTURE(birth);
    const PatientLoad load = read(std::string(R"({"id": "P-B", "sex": "male", "birth_date": )") + birth + "}");
    REQUIRE(load.patients.size() == 1);
    CHECK(warned(load.patients[0], warning));
    CHECK_FALSE(load.patients[0].birth_date);
    CHECK(eval(adult, load.patients[0]).truth == U);
  }
}

TEST_CASE("two values of one variable on one day in different units: agreeing is fine, disagreeing is unknown") {
  auto patient = [](const char* second) {
    const PatientLoad load = read(std::string(R"({"id": "P-2", "observations": [
      {"code": "hemoglobin", "value": 9.0, "unit": "g/dL", "date": "2026-11-01"}, )") + second + "]}");
    REQUIRE(load.patients.size() == 1);
    return load.patients[0];
  };
  const Node low = cmp("hemoglobin", Comparator::lt, 10, "g/dL");
  // The same measurement in g/L: no warning, and it decides.
  const Patient same = patient(R"({"code": "hemoglobin", "value": 90, "unit": "g/L", "date": "2026-11-01"})");
  CHECK(same.warnings.empty());
  CHECK(eval(low, same).truth == T);
  // 9 g/dL and 130 g/L the same day: which one holds is not for the reader to guess.
  const Patient clash = patient(R"({"code": "hemoglobin", "value": 130, "unit": "g/L", "date": "2026-11-01"})");
  CHECK(warned(clash, "patient P-2: /observations/1: two values of hemoglobin on 2026-11-01 in different units disagree: "
                      "9 g/dL (/observations/0) and 130 g/L (/observations/1); criteria on that day's value are unknown"));
  CHECK(eval(low, clash).truth == U);
  CHECK(eval(cmp("hemoglobin", Comparator::gt, 5, "g/dL"), clash).truth == U);
  // Different days are a history, not a clash: the latest decides.
  const Patient days = patient(R"({"code": "hemoglobin", "value": 130, "unit": "g/L", "date": "2026-11-02"})");
  CHECK(days.warnings.empty());
  CHECK(eval(low, days).truth == F);
}

TEST_CASE("NDJSON: a bad record is reported with its line and reason; every other patient is read") {
  const std::string stream = std::string(R"({"id": "A", "sex": "female"})") + "\n" +
                             "{not json\n" +
                             "\n" +
                             "[1, 2]\n" +
                             nested_arrays(200000) + "\n" +
                             R"({"id": "B", "sex": "male"})" + "\n" +
                             R"({"resourceType": "Observation"})" + "\n";
  const PatientLoad load = read(stream);
  REQUIRE(load.patients.size() == 2);
  CHECK(load.patients[0].id == "A");
  CHECK(load.patients[1].id == "B");
  REQUIRE(load.problems.size() == 4);
  CHECK(load.problems[0].where == "line 2");
  CHECK(load.problems[0].message.find("not valid JSON") == 0);
  CHECK(load.problems[1].where == "line 4");
  CHECK(load.problems[1].message == "not a patient at '/': expected a patient JSON object, got array");
  CHECK(load.problems[2].where == "line 5");
  CHECK(load.problems[2].message.find("nested deeper than 128 levels") != std::string::npos);
  CHECK(load.problems[3].where == "line 7");
  CHECK(load.problems[3].message.find("not a patient at '/resourceType'") == 0);
}
