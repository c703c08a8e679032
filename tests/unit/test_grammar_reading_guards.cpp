// lowerspeed22's guards in piece() (grammar/src/lower_pieces.cpp), each a necessary condition of a reading, asked
// before calling it: survival_unlikely only where a word of 8 bytes ("unlikely") is the piece's first or last but
// for neutral tokens; the "with or without" phrase only with a negation token ("without") in the piece or right
// before it; cohort_after only where a ')' closes the piece but for a period, comma or ';'. The lines each reading
// is written for, read as before (and as main reads them): a guard that refused too much changes one of them.
#include <doctest/doctest.h>

#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("reading guards: the lines each guarded reading is written for read as before") {
  struct Case {
    const char* line;
    const char* tree;
    const char* warning;  // a warning the reading gives, or ""
  };
  const Case cases[] = {
      // survival_unlikely: "unlikely" last, or first.
      {"Known disease making 180 day survival unlikely.", "cmp life_expectancy < 180 d", ""},
      {"Unlikely to survive the next 24 hours", "cmp life_expectancy < 24 h", ""},
      {"- Unlikely to survive for 3 months.", "cmp life_expectancy < 3 mo", ""},
      {"Life expectancy > 3 months (survival unlikely)",
       R"x(all(cmp life_expectancy > 3 mo, text[not_understood] "survival unlikely"))x", ""},
      // "with or without", "without or with": the "with" before the piece, and the "without" too.
      {"Patients with or without diabetes, aged 18 years or older", "cmp age >= 18 a",
       "'or without diabetes' allows either, so it asks nothing"},
      {"Patients without or with diabetes, aged 18 years or older", "cmp age >= 18 a",
       "'without or with diabetes' allows either, so it asks nothing"},
      {"Age 18-75, with or without prior chemotherapy", "all(cmp age >= 18 a, cmp age <= 75 a)",
       "'with or without prior chemotherapy' allows either, so it asks nothing"},
      {"Prior stroke. Without or with metformin, HbA1c < 9%", "all(has stroke, cmp hba1c < 9 %)",
       "'Without or with metformin' allows either, so it asks nothing"},
      // cohort_after: the parenthesis closes the piece, before a period or a ';'.
      {"Age ≥ 30 years (Healthy control group).",
       R"x(if(text[not_understood] "Healthy control group", cmp age >= 30 a))x", ""},
      {"BMI > 25 kg/m2 (Patient groups 1+2);", R"x(if(text[not_understood] "Patient groups 1+2", cmp bmi > 25 kg/m2))x",
       ""},
  };
  const g::Parser parser(e::Lexicon::builtin());
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const auto parsed = parser.parse(c.line, g::CriterionSection::inclusion);
    CHECK(e::to_canonical(parsed.tree) == std::string(c.tree));
    if (*c.warning == '\0') continue;
    bool warned = false;
    for (const auto& d : parsed.diagnostics) warned = warned || d.message == c.warning;
    CHECK(warned);
  }
}
