// comparison (grammar/src/lower_cmp.cpp) asks class_word_before, a look back for "stage", "grade" or "class" before a
// bare threshold's values, only where variable_after (lower_shared.cpp) reads its answer: at an "of" among the fillers
// right after the threshold ("stages 2-3 of Hoehn and Yahr": the values on that scale). The lines that reading is
// written for read as before: a test at the call that asked less (no "of" seen) leaves them text.
#include <doctest/doctest.h>

#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("comparison: a class word before the values, read where an \"of\" names the scale after them") {
  struct Case {
    const char* line;
    const char* tree;
  };
  const Case cases[] = {
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
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CHECK(e::to_canonical(parser.parse(c.line, g::CriterionSection::inclusion).tree) == std::string(c.tree));
  }
}
