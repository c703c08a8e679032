// The tests sequence() asks of every token before its steps (lowerspeed17): whether any token is ignored (asked once
// a walk), the first letter of "non" and "type" before their readings are called, the token kind before the token
// after for calendar bounds, and a neutral word before the piece before the present-use reading. Each must let
// through every line its reading reads: in either case, and where a reading nested in the walk ignores tokens.
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
