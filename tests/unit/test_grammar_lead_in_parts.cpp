// line() (grammar/src/lower_pieces.cpp) reads the ';' parts after a lead-in that governs its list as that list's
// items: it looks for such a lead-in (lead_in_colon) only in a line whose kinds hold a colon, the only token a lead-in
// ends with. The lines that lead-in is written for, in capitals and after a list marker too, must still read their
// parts as one list; and lines without a colon as parts of their own.
#include <doctest/doctest.h>

#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

std::string read(const std::string& line, g::CriterionSection section) {
  static const g::Parser parser(e::Lexicon::builtin());
  return e::to_canonical(parser.parse(line, section).tree);
}

}  // namespace

TEST_CASE("lead-in parts: the ';' parts after a lead-in that governs them are its items") {
  const auto inclusion = g::CriterionSection::inclusion;
  for (const std::string line : {"One of the following: HbA1c >= 6.5%; fasting glucose >= 126 mg/dL",
                                 "- 1. One of the following: HbA1c >= 6.5%; fasting glucose >= 126 mg/dL.",
                                 "ONE OF THE FOLLOWING: HbA1c >= 6.5%; fasting glucose >= 126 mg/dL"}) {
    CAPTURE(line);
    CHECK(read(line, inclusion) == "any(cmp hba1c >= 6.5 %, cmp fasting_glucose >= 126 mg/dL)");
  }
  CHECK(read("Any of the following: HbA1c >= 6.5%; fasting glucose >= 126 mg/dL; BMI > 30", inclusion) ==
        "any(cmp hba1c >= 6.5 %, cmp fasting_glucose >= 126 mg/dL, cmp bmi > 30 kg/m2)");
  CHECK(read("Patients with any of the following: diabetes; stroke", inclusion) ==
        "any(has diabetes_mellitus, has stroke)");
  CHECK(read("No history of the following: diabetes; stroke", inclusion) ==
        "not(any(has diabetes_mellitus, has stroke))");
}

TEST_CASE("lead-in parts: a line without a colon reads each ';' part apart") {
  CHECK(read("HbA1c >= 6.5%; fasting glucose >= 126 mg/dL", g::CriterionSection::inclusion) ==
        "all(cmp hba1c >= 6.5 %, cmp fasting_glucose >= 126 mg/dL)");
  CHECK(read("Not on insulin; HbA1c < 7%", g::CriterionSection::inclusion) == "all(not(has insulin), cmp hba1c < 7 %)");
  CHECK(read("HbA1c >= 6.5%; fasting glucose >= 126 mg/dL", g::CriterionSection::exclusion) ==
        "any(cmp hba1c >= 6.5 %, cmp fasting_glucose >= 126 mg/dL)");
}
