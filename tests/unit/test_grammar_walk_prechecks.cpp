// The tests sequence() asks of every token before its steps (lowerspeed17): whether any token is ignored (asked once
// a walk), the first letter of "non" and "type" before their readings are called, the token kind before the token
// after for calendar bounds, a neutral word before the piece before the present-use reading, a measured name or a
// comparator or number before the comparison and time readings; and in event_at, the byte after an
// event before "naive", the token before it before "treatment of". Each must let through every line its reading
// reads: in either case, and where a reading nested in the walk ignores tokens.
#include <doctest/doctest.h>

#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

using trialmatch::engine::to_canonical;

namespace {

const trialmatch::grammar::Parser& parser() {
  static const trialmatch::grammar::Parser p(trialmatch::engine::Lexicon::builtin());
  return p;
}

std::string read(const std::string& line) { return to_canonical(parser().parse(line).tree); }

}  // namespace

TEST_CASE("walk prechecks: \"non\" before an event, in any case, is its absence now") {
  for (const std::string line : {"Non-smoker", "non-smoker", "NON-SMOKER", "Non smoker"}) {
    CAPTURE(line);
    CHECK(read(line) == "not(has smoking status active)");
  }
  // (A three-letter word of another first letter reads nothing of the kind.)
  CHECK(read("Pre-diabetes") == "has prediabetes");
}

TEST_CASE("walk prechecks: \"type 1 or 2\" in any case names both kinds") {
  for (const std::string line : {"Type 1 or 2 diabetes", "type 1 or 2 diabetes", "TYPE 1 or 2 diabetes"}) {
    CAPTURE(line);
    CHECK(read(line) == "any(has type_1_diabetes, has type_2_diabetes)");
  }
}

TEST_CASE("walk prechecks: calendar bounds after a word, \"after\" and \"between\" are read") {
  CHECK(read("Diabetes diagnosed since 2010") == "has diabetes_mellitus onset dated 2010-01-01..");
  for (const std::string line : {"Diagnosed with diabetes after June 2016", "Diabetes diagnosed between 2010 and 2015"}) {
    CAPTURE(line);
    CHECK(read(line).find(" dated 20") != std::string::npos);
  }
}

TEST_CASE("walk prechecks: a present-use verb among the neutral words before the piece gives its status") {
  for (const std::string line : {"Patients on warfarin", "Patients receiving warfarin"}) {
    CAPTURE(line);
    CHECK(read(line) == "has warfarin status active");
  }
  CHECK(read("Warfarin") == "has warfarin");
}

TEST_CASE("walk prechecks: tokens ignored by a reading around the walk stay ignored in it") {
  // "with or without radiotherapy" asks nothing: the walk under it passes over its tokens (ignored).
  CHECK(read("Prior chemotherapy with or without radiotherapy") == read("Prior chemotherapy"));
  // And the next line, read with nothing ignored, reads every token.
  CHECK(read("Prior chemotherapy and radiotherapy").find("radiotherapy") != std::string::npos);
}

TEST_CASE("walk prechecks: \"naive\" after an event, hyphened, spaced or in capitals, is never having had it") {
  for (const std::string line : {"Chemotherapy-naive", "Chemotherapy-na\u00efve"}) {
    CAPTURE(line);
    CHECK(read(line) == "not(has chemotherapy)");
  }
  for (const std::string line : {"Insulin naive", "insulin NAIVE patients"}) {
    CAPTURE(line);
    CHECK(read(line) == "not(has insulin)");
  }
  CHECK(read("Chemotherapy naivety") == "text[not_understood] \"Chemotherapy naivety\"");
}

TEST_CASE("walk prechecks: the treatment of a condition, with or without an article, is no event") {
  CHECK(read("History of treatment of the prostate cancer") ==
        "text[not_understood] \"treatment of the prostate cancer\"");
  CHECK(read("Prior treatment of hypertension with CPAP") == "all(has hypertension, has cpap)");
  CHECK(read("Hypertension") == "has hypertension");
}

TEST_CASE("walk prechecks: a measured name reads its comparison, a comparator or number its time before an event") {
  CHECK(read("Age 18 years or older") == "cmp age >= 18 a");
  CHECK(read("ALT and AST > 2.5 x ULN") == "all(cmp alt > 2.5 ULN, cmp ast > 2.5 ULN)");
  CHECK(read("Hemoglobin 9 g/dL or more") == "cmp hemoglobin >= 9 g/dL");
  CHECK(read("BMI between 18 and 35 kg/m2") == "all(cmp bmi >= 18 kg/m2, cmp bmi <= 35 kg/m2)");
  CHECK(read("eGFR of at least 30 mL/min") == "cmp egfr >= 30 mL/min");
  CHECK(read("Systolic blood pressure > 160 mmHg or diastolic > 100") ==
        "any(cmp systolic_bp > 160 mm[Hg], cmp diastolic_bp > 100 mm[Hg])");
  CHECK(read("HbA1c > 7%") == "cmp hba1c > 7 %");
  CHECK(read("Radiotherapy < 4 weeks before enrollment") == "has radiotherapy within 4 wk before enrollment");
  CHECK(read("Chemotherapy 4 weeks before enrollment") == "has chemotherapy within 4 wk before enrollment");
  CHECK(read("4 weeks of chemotherapy") == "has chemotherapy within 4 wk");
}
