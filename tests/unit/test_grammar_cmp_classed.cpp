// comparison (grammar/src/lower_cmp.cpp) asks class_word_before, a look back for "stage", "grade" or "class" before a
// bare threshold's values, only where variable_after (lower_shared.cpp) reads its answer: at an "of" among the fillers
// right after the threshold ("stages 2-3 of Hoehn and Yahr": the values on that scale). The lines that reading is
// written for read as before: a test at the call that asked less (no "of" seen) leaves them text.
// The same bare threshold's age readings: the age named after the values is known by its id ("age", the concept
// Lexicon::find("age") gives: ids are unique), and the readings of people's years are asked only of a time or no unit.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "golden_support.hpp"
#include "reads_as_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/tokens.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("comparison: a class word before the values, read where an \"of\" names the scale after them") {
  const reads_as::LineTree cases[] = {
      {"Stages 2-3 of Hoehn and Yahr", "all(cmp hoehn_yahr_stage >= 2 1, cmp hoehn_yahr_stage <= 3 1)"},
      {"Stage 2 to 4 of Hoehn and Yahr", "all(cmp hoehn_yahr_stage >= 2 1, cmp hoehn_yahr_stage <= 4 1)"},
      {"Class 2-3 of NYHA", "all(cmp nyha_class >= 2 1, cmp nyha_class <= 3 1)"},
      {"Grade 1-2 of ECOG", "all(cmp ecog >= 1 1, cmp ecog <= 2 1)"},
      // Without a class word the values name no scale ("2-3 of Hoehn and Yahr" stays text), and a scale after "on"
      // is read whatever stands before.
      {"2-3 of Hoehn and Yahr", R"x(text[not_understood] "2-3 of Hoehn and Yahr")x"},
      {"24 or above on the Mini-Mental State Exam", "cmp mmse >= 24 1"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  reads_as::check(parser, cases);
}

TEST_CASE("comparison: a bare threshold read as the age, the age named after it by its id") {
  const reads_as::LineTree cases[] = {
      // The age named after the values, ending the item.
      {"20-70 age", "all(cmp age >= 20 a, cmp age <= 70 a)"},
      {"18-65 years age", "all(cmp age >= 18 a, cmp age <= 65 a)"},
      {"20-70 age, BMI < 30", "all(cmp age >= 20 a, cmp age <= 70 a, cmp bmi < 30 kg/m2)"},
      // The people's years (names_people, years_item), in years or with no unit; another unit is no age.
      {"Adults > 18", "cmp age > 18 a"},
      {"Patients ≥18 years", "cmp age >= 18 a"},
      {"Male and Female, between 18 and 80 years, ASA 1-3",
       "all(cmp age >= 18 a, cmp age <= 80 a, cmp asa_class >= 1 1, cmp asa_class <= 3 1)"},
      {"Patients > 5 mg", R"x(text[not_understood] "> 5 mg")x"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  reads_as::check(parser, cases);
  // The old test (the token's concept is the one Lexicon::find("age") gives) against the id, on every concept of the
  // lexicon and every named token of the golden lines.
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const e::Concept* age = lexicon.find("age");
  REQUIRE(age != nullptr);
  std::size_t concepts = 0, named = 0, aged = 0;
  for (const e::Concept& c : lexicon.concepts()) {
    CHECK((&c == age) == (c.id == "age"));
    ++concepts;
  }
  for (const std::string& text : golden_support::all_criterion_lines())
    for (const g::Token& t : g::tokenize(text, lexicon)) {
      if (t.kind != g::Tok::name || t.entry == nullptr) continue;
      CHECK((t.entry == age) == (t.entry->id == "age"));
      ++named;
      aged += t.entry == age;
    }
  CHECK(concepts > 100);
  CHECK(named > 1000);
  CHECK(aged > 100);
}
