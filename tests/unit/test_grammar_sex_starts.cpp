// comparison (grammar/src/lower_cmp.cpp) asks the two readings of a limit for each sex, sex_pair and
// respective_limits (lower_sexes.cpp), only where their own first tests pass (lower_sex_starts.hpp): a "/" opening
// the threshold's unit spelling, an "and" right after the threshold. The lines each reading is written for read as
// before (a test at the call that asked more leaves them a limit for everyone, or text), and the slash test refuses no
// spelling number_after_slash reads.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "golden_support.hpp"
#include "reads_as_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_sex_starts.hpp"
#include "../../grammar/src/lower_util.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("comparison: the limits for each sex, read where their first tests pass") {
  const reads_as::LineTree cases[] = {
      // sex_pair: the second number in the unit spelling, then the key.
      {"HDL-C <50/40 mg/dl; F/M",
       "all(if(sex female, cmp hdl_cholesterol < 50 mg/dL), if(sex male, cmp hdl_cholesterol < 40 mg/dL))"},
      {"HDL-C < 50 / 40 mg/dl; M/F",
       "all(if(sex male, cmp hdl_cholesterol < 50 mg/dL), if(sex female, cmp hdl_cholesterol < 40 mg/dL))"},
      {"Hemoglobin < 12/13 g/dL (F/M)",
       "all(if(sex female, cmp hemoglobin < 12 g/dL), if(sex male, cmp hemoglobin < 13 g/dL))"},
      // respective_limits: "and" right after the first limit.
      {"Serum creatinine ≥1.5 and ≥1.4 mg/dL in males and females respectively",
       "all(if(sex male, cmp creatinine >= 1.5 mg/dL), if(sex female, cmp creatinine >= 1.4 mg/dL))"},
      {"Creatinine > 1.5 and 1.4 mg/dL in men and women respectively",
       "all(if(sex male, cmp creatinine > 1.5 mg/dL), if(sex female, cmp creatinine > 1.4 mg/dL))"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  reads_as::check(parser, cases);
}

TEST_CASE("sex_pair_may_start refuses no spelling number_after_slash reads") {
  namespace d = trialmatch::grammar::detail;
  std::size_t read = 0;
  const auto check = [&](std::string_view s) {
    if (!d::number_after_slash(s)) return;
    ++read;
    CAPTURE(s);
    CHECK(d::sex_pair_may_start(s));
  };
  for (const char* s : {"/40", " /40", "  / 40", "/4", "/ ", "/1.5", " /10 "}) check(s);
  // Every stretch of up to 12 bytes of the golden lines.
  for (const std::string& line : golden_support::all_criterion_lines())
    for (std::size_t b = 0; b < line.size(); ++b)
      for (std::size_t n = 1; n <= 12 && b + n <= line.size(); ++n) check(std::string_view(line).substr(b, n));
  CHECK(read > 7);
}
