// equals_literal (grammar/src/lower_literal.hpp), the comparisons' test of an id, a unit or a word against a word in
// the code, against std::string_view's == (the form it replaced) on every short span of the golden lines and on every
// id and unit of the lexicon.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_literal.hpp"

namespace {

using trialmatch::grammar::detail::equals_literal;

// The literals lower_cmp.cpp compares with (and a few near them: a prefix, an extension, another case).
std::size_t check(std::string_view s) {
  std::size_t equal = 0;
  const auto one = [&](std::string_view as_before, bool now) {
    if (now != (s == as_before)) {  // (an assertion only where they differ)
      const std::string message = '"' + std::string(s) + "\" against \"" + std::string(as_before) + '"';
      FAIL_CHECK(message);
    }
    equal += now;
  };
  one("1", equals_literal(s, "1"));
  one("%", equals_literal(s, "%"));
  one("a", equals_literal(s, "a"));
  one("'", equals_literal(s, "'"));
  one("\u2019", equals_literal(s, "\u2019"));
  one("of", equals_literal(s, "of"));
  one("mm", equals_literal(s, "mm"));
  one("age", equals_literal(s, "age"));
  one("Age", equals_literal(s, "Age"));
  one("ag", equals_literal(s, "ag"));
  one("ages", equals_literal(s, "ages"));
  one("deg", equals_literal(s, "deg"));
  one("mm[Hg]", equals_literal(s, "mm[Hg]"));
  one("minimum", equals_literal(s, "minimum"));
  one("minimal", equals_literal(s, "minimal"));
  one("maximum", equals_literal(s, "maximum"));
  one("maximal", equals_literal(s, "maximal"));
  one("systolic_bp", equals_literal(s, "systolic_bp"));
  one("diastolic_bp", equals_literal(s, "diastolic_bp"));
  one("blood_pressure", equals_literal(s, "blood_pressure"));
  return equal;
}

}  // namespace

TEST_CASE("equals_literal answers as std::string_view's == on every short span of the golden lines") {
  const std::vector<std::string> lines = golden_support::all_criterion_lines();
  REQUIRE(lines.size() > 1000);
  std::size_t equal = 0;
  for (const std::string& line : lines) {
    const std::string_view text = line;
    for (std::size_t b = 0; b <= text.size(); ++b)
      for (std::size_t n = 0; n <= 16 && b + n <= text.size(); ++n) equal += check(text.substr(b, n));
  }
  CHECK(equal > 5000);  // equal spans found, not only refusals
}

TEST_CASE("equals_literal answers as std::string_view's == on the lexicon's ids and units") {
  std::size_t equal = 0;
  for (const auto& concept_entry : trialmatch::engine::Lexicon::builtin().concepts()) {
    equal += check(concept_entry.id);
    equal += check(concept_entry.unit);
  }
  CHECK(equal > 10);  // "age", "blood_pressure", the scores' "1", the percents
  CHECK(check(std::string_view()) == 0);
}
