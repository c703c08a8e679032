// comparison_at (grammar/src/lower_sequence_readings.cpp) reads the bare threshold at a token ("and < 65 years") only
// where the comparison it asked first (lower_cmp.cpp) did not find that threshold(i, e) refuses: with no variable
// named the comparison reads that very span's threshold on a fresh Threshold (or refuses before, where
// threshold_may_start does), and the bare threshold opens with the same read. On every span of the golden lines, where
// comparison says so, bare_threshold refuses. And the lines the bare threshold is written for read as before: a
// comparison that said so where its threshold was read leaves them text.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// comparison and the bare threshold comparison_at reads after it (Lowering's friend).
struct BareThresholdProbe {
  static std::optional<std::size_t> comparison(Lowering& l, std::size_t i, std::size_t e, engine::Node& out,
                                               bool* no_threshold_at_i) {
    return l.comparison(i, e, out, no_threshold_at_i);
  }
  static std::optional<std::size_t> bare(const Lowering& l, std::size_t i, std::size_t e, Threshold& out) {
    return l.bare_threshold(i, e, out);
  }
};

}  // namespace trialmatch::grammar::detail

TEST_CASE("comparison says the bare threshold refuses only where it does, on every span of the golden lines") {
  using g::detail::BareThresholdProbe;
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<std::string> lines = golden_support::all_criterion_lines();
  REQUIRE(lines.size() > 1000);
  std::size_t known = 0, asked_and_read = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    e::Diagnostics diags;
    g::detail::Lowering lowering(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].kind == g::Tok::name) continue;  // (comparison_at reads no bare threshold at a name)
      for (std::size_t end = i + 1; end <= tokens.size(); ++end) {
        e::Node node;
        bool no_threshold_at_i = false;
        if (BareThresholdProbe::comparison(lowering, i, end, node, &no_threshold_at_i)) {
          CHECK_FALSE(no_threshold_at_i);  // (said only of a refused comparison)
          continue;
        }
        g::detail::Threshold th;
        const auto bare = BareThresholdProbe::bare(lowering, i, end, th);
        if (no_threshold_at_i) {
          ++known;
          if (bare) {
            const std::string where = text + " @" + std::to_string(i) + "-" + std::to_string(end);
            FAIL_CHECK(where);
          }
        } else {
          asked_and_read += bare.has_value();
        }
      }
    }
  }
  CHECK(known > 50000);
  CHECK(asked_and_read > 1000);  // refused comparisons whose bare threshold reads: asked, not said to refuse
}

TEST_CASE("the bare threshold after a refused comparison: the lines it is written for") {
  struct Case {
    const char* line;
    const char* tree;
  };
  const Case cases[] = {
      // Joined to the comparison before it, on its variable.
      {"Age ≥18 and < 65 years", "all(cmp age >= 18 a, cmp age < 65 a)"},
      {"Hemoglobin ≥ 9 g/dL and ≤ 15 g/dL", "all(cmp hemoglobin >= 9 g/dL, cmp hemoglobin <= 15 g/dL)"},
      {"BMI > 18 or < 35", "any(cmp bmi > 18 kg/m2, cmp bmi < 35 kg/m2)"},
      {"Creatinine > 1.5 mg/dL or > 2 x ULN", "any(cmp creatinine > 1.5 mg/dL, cmp creatinine > 2 ULN)"},
      // Before the comparison it shares a variable with (an orphan threshold, joined once the variable is read).
      {"≥20 and ≤80 years of age", "all(cmp age >= 20 a, cmp age <= 80 a)"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  for (const Case& c : cases) {
    const std::string line = c.line;
    CAPTURE(line);
    CHECK(e::to_canonical(parser.parse(line, g::CriterionSection::inclusion).tree) == std::string(c.tree));
  }
}
