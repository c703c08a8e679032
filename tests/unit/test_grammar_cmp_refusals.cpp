// Readings comparison() (grammar/src/lower_cmp.cpp) asks only where their own first test holds, that test made
// before the call: threshold_may_start (lower.hpp) passes a name only where it is the age's ("over the age of 18":
// threshold_read refuses any other name before it writes anything); age_at_other_moment only with a filler after the
// name; unit_restated_at only at a '(' with two tokens after it; unless_after only at a '(' or an exception word.
// The lines each is written for read as before: a test at the call that refused more changes one of them. And on
// every span of the golden lines, where threshold_may_start refuses, threshold_read refuses too and writes nothing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "golden_support.hpp"
#include "reads_as_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// threshold_may_start and the reading it stands before (Lowering's friend).
struct ThresholdStartProbe {
  static bool may_start(const Lowering& l, std::size_t j, std::size_t e) { return l.threshold_may_start(j, e); }
  static std::optional<std::size_t> read(const Lowering& l, std::size_t j, std::size_t e, Threshold& out) {
    return l.threshold_read(j, e, out);
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

bool unwritten(const g::Quantity& q) {
  return q.value == 0 && q.unit.empty() && q.unit_spelling.empty() && q.relative_to == e::RelativeTo::none &&
         q.ten_power == 0 && !q.unit_unknown && !q.plus && !q.above && q.unit_begin == 0 && q.unit_end == 0;
}

bool unwritten(const g::detail::Threshold& t) {
  return t.cmp == e::Comparator::eq && !t.high && t.high_cmp == e::Comparator::le && !t.implies_age &&
         unwritten(t.value);
}

}  // namespace

TEST_CASE("threshold_may_start refuses only spans threshold_read refuses without writing, on the golden lines") {
  using g::detail::ThresholdStartProbe;
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<std::string> lines = golden_support::all_criterion_lines();
  REQUIRE(lines.size() > 1000);
  std::size_t refused = 0, age_named = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    e::Diagnostics diags;
    const g::detail::Lowering lowering(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts,
                                       diags);
    for (std::size_t j = 0; j < tokens.size(); ++j)
      for (std::size_t end = j + 1; end <= tokens.size(); ++end) {
        if (ThresholdStartProbe::may_start(lowering, j, end)) {
          age_named += tokens[j].kind == g::Tok::name;
          continue;
        }
        ++refused;
        g::detail::Threshold read;
        const auto k = ThresholdStartProbe::read(lowering, j, end, read);
        if (k || !unwritten(read)) {
          const std::string where = text + " @" + std::to_string(j) + "-" + std::to_string(end);
          FAIL_CHECK(where);
        }
      }
  }
  CHECK(refused > 50000);
  CHECK(age_named > 100);  // spans opening with the age's name, let through
}

TEST_CASE("comparison's refusals: the lines each reading asked after its own first test is written for") {
  const reads_as::LineTree cases[] = {
      // threshold_read's age named inside the threshold (threshold_may_start lets the age's name through).
      {"Over the age of 18", "cmp age > 18 a"},
      {"Between the ages of 18 and 65 years", "all(cmp age >= 18 a, cmp age <= 65 a)"},
      {"Patients with diabetes over the age of 40", "all(has diabetes_mellitus, cmp age > 40 a)"},
      // age_at_other_moment: "at" and a moment after the age's name make it another variable than today's age.
      {"Age at diagnosis ≥ 18 years", R"x(cmp "Age at diagnosis" >= 18 a)x"},
      {"Age at diagnosis: 18 years or older", R"x(cmp "Age at diagnosis" >= 18 a)x"},
      // unit_restated_at: the unit restated in parentheses is part of the comparison.
      {"Temperature > 38 degrees Celsius (C)", "cmp temperature > 38 Cel"},
      {"Weight < 45 kg (kg)", "cmp body_weight < 45 kg"},
      {"Body temperature > 38.5 degrees C (Celsius)", "cmp temperature > 38.5 Cel"},
      // unless_after: what the limit does not hold for, in parentheses or after "unless".
      {"Total bilirubin ≤ 1.5 × ULN (unless Gilbert's syndrome)",
       "if(not(has gilbert_syndrome), cmp total_bilirubin <= 1.5 ULN)"},
      {"INR ≤ 1.5 unless on anticoagulant therapy", "if(not(has anticoagulants), cmp inr <= 1.5 1)"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  reads_as::check(parser, cases);
}
