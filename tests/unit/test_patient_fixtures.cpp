// The patients in fixtures/patients/ load with the built-in lexicon; the example reads the same as
// native JSON and as a FHIR Bundle.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/patient.hpp"

using namespace trialmatch::engine;
using nlohmann::json;

namespace {
const std::filesystem::path fixtures = std::filesystem::path(TRIALMATCH_SOURCE_DIR) / "fixtures" / "patients";

json load(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot open " << path);
  return json::parse(in);
}
}  // namespace

TEST_CASE("every fixture patient loads") {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures)) {
    if (entry.path().extension() != ".json") continue;
    CAPTURE(entry.path().filename().string());
    Patient p;
    CHECK_NOTHROW(p = read_patient(load(entry.path()), Lexicon::builtin()));
    CHECK_FALSE(p.id.empty());
    ++count;
  }
  CHECK(count >= 10);
}

TEST_CASE("example.json and example.fhir.json give the same facts") {
  const Patient native = read_patient(load(fixtures / "example.json"), Lexicon::builtin());
  const Patient fhir = read_patient(load(fixtures / "example.fhir.json"), Lexicon::builtin());
  const auto a = fact_lines(native);
  const auto b = fact_lines(fhir);
  CHECK(a == b);
  if (a != b) {
    for (const auto& l : a) MESSAGE("native: " << l);
    for (const auto& l : b) MESSAGE("fhir:   " << l);
  }
  CHECK(a.size() >= 20);
  CHECK(native.warnings.empty());
  CHECK(fhir.warnings.empty());
  for (const auto& w : native.warnings) MESSAGE(w);
  for (const auto& w : fhir.warnings) MESSAGE(w);
}

TEST_CASE("the example is a 14-year-old whose pretransfusion Hb in g/L meets the seed's <= 7 g/dL") {
  const Patient p = read_patient(load(fixtures / "example.fhir.json"), Lexicon::builtin());
  EvalOptions options;
  options.as_of = *parse_date("2026-11-21");
  Cmp hb;
  hb.var = "hemoglobin";
  hb.cmp = Comparator::le;
  hb.value = 7;
  hb.unit = "g/dL";
  const Evaluation e = evaluate(Node{hb, {}}, p, Lexicon::builtin(), options);
  CHECK(e.truth == Truth::true_);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].conversion == "68 g/L = 6.8 g/dL");
  Cmp age;
  age.var = "age";
  age.cmp = Comparator::lt;
  age.value = 16;
  age.unit = "a";
  CHECK(evaluate(Node{age, {}}, p, Lexicon::builtin(), options).truth == Truth::true_);
}
