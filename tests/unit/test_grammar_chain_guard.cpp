// comparison() (grammar/src/lower_cmp.cpp) asks chained_comparison (lower_qualified.cpp) only where a number, a
// comparator and a measure's name open the span: the chain's own first test, made before the call. The lines the
// chain is written for ("18 ≤ age ≤ 70", "18 < BMI < 30 kg/m2") read as two bounds; a test at the call that refused
// more than the chain's own would leave them as text or one bound.
#include <doctest/doctest.h>

#include <string>

#include "reads_as_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("chain guard: the lines a chained comparison is written for read as two bounds") {
  const reads_as::LineTree cases[] = {
      {"18 ≤ age ≤ 70", "all(cmp age >= 18 a, cmp age <= 70 a)"},
      {"18 years≤ Age ≤70 years", "all(cmp age >= 18 a, cmp age <= 70 a)"},
      {"18 <= age <= 65 years", "all(cmp age >= 18 a, cmp age <= 65 a)"},
      {"18 < BMI < 30 kg/m2", "all(cmp bmi > 18 kg/m2, cmp bmi < 30 kg/m2)"},
      {"3 months < age < 18 years", "all(cmp age > 3 mo, cmp age < 18 a)"},
      {"10 ≤ platelets ≤ 100 x10^9/L", "all(cmp platelets >= 10 10*9/L, cmp platelets <= 100 10*9/L)"},
      {"Age: 18 ≤ age ≤ 70 years", "all(cmp age >= 18 a, cmp age <= 70 a)"},
      {"Patients aged 18 < age < 65 years and BMI < 30 kg/m2",
       "all(cmp age > 18 a, cmp age < 65 a, cmp bmi < 30 kg/m2)"},
      // Not chains: the low bound above the high one, a comparator that opens no chain ("≥" before the name).
      {"18 < BMI < 15 kg/m2", R"x(all(text[not_understood] "18 <", cmp bmi < 15 kg/m2))x"},
      {"18 ≥ age", R"x(text[not_understood] "18 ≥ age")x"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  reads_as::check(parser, cases);
}
