// may_hold_dates_start (grammar/src/lower_sequence.hpp), sequence()'s test of a piece's kinds before it asks
// may_start_dates token by token. Its oracle is may_start_dates' own test of the token after
// (may_follow_dates_start): every token kind at every length, and every span of the golden lines; wherever a token of
// the span may start calendar bounds, the span's kinds must say so. And the lines the reading is written for still
// read their bounds, in both sections.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_sequence.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;
using g::detail::may_follow_dates_start;
using g::detail::may_hold_dates_start;

namespace {

struct Counts {
  long spans = 0;
  long may_start = 0;  // spans where a token may start calendar bounds
  long refused = 0;    // spans whose kinds say none may
};

// Every span of a line's tokens, up to twelve tokens and every span that runs to the line's end: where
// may_start_dates (i + 1 < e, the token after as may_follow_dates_start reads it) says yes at a token of the span,
// the span's kinds must hold a start.
void check_line(const std::string& text, Counts& counts) {
  const std::vector<g::Token> tokens = g::tokenize(text, e::Lexicon::builtin());
  const std::size_t n = tokens.size();
  for (std::size_t b = 0; b < n; ++b) {
    g::detail::TokKinds kinds;
    bool may_start = false;
    for (std::size_t end = b + 1; end <= n; ++end) {
      kinds.add(tokens[end - 1].kind);
      // (The token before end - 1 may now start bounds: end - 1 is inside the span.)
      if (end - 1 > b && may_follow_dates_start(tokens[end - 1])) may_start = true;
      if (end - b > 12 && end != n) continue;
      CAPTURE(text);
      CAPTURE(b);
      CAPTURE(end);
      if (may_start) CHECK(may_hold_dates_start(kinds));
      ++counts.spans;
      counts.may_start += may_start;
      counts.refused += !may_hold_dates_start(kinds);
    }
  }
}

std::string read(const std::string& line, g::CriterionSection section) {
  static const g::Parser parser(e::Lexicon::builtin());
  return e::to_canonical(parser.parse(line, section).tree);
}

}  // namespace

TEST_CASE("may_hold_dates_start: every kind that may follow a start of calendar bounds is one it asks for") {
  int kinds_following = 0;
  for (unsigned k = 0; k <= static_cast<unsigned>(g::Tok::date); ++k)
    for (std::uint32_t bytes = 0; bytes <= 9; ++bytes) {
      g::Token t;
      t.kind = static_cast<g::Tok>(k);
      t.begin = 3;
      t.end = 3 + bytes;
      if (!may_follow_dates_start(t)) continue;
      g::detail::TokKinds kinds;
      kinds.add(t.kind);
      CAPTURE(k);
      CAPTURE(bytes);
      CHECK(may_hold_dates_start(kinds));
      ++kinds_following;
    }
  CHECK(kinds_following == 2 * 10 + 1);  // a date and "before" at any length, a number of four bytes
}

TEST_CASE("may_hold_dates_start: every span of the golden lines where a token may start calendar bounds") {
  Counts counts;
  for (const auto& line : golden_support::all_criterion_lines()) check_line(line, counts);
  CHECK(counts.spans > 80000);
  CHECK(counts.may_start > 4000);
  // (Most spans hold no date, "before" or number: the walk asks them nothing.)
  CHECK(counts.refused > counts.spans / 3);
}

TEST_CASE("may_hold_dates_start: the lines with calendar bounds read them, in both sections") {
  const std::vector<std::pair<std::string, std::string>> lines = {
      {"Chemotherapy since 2010", "has chemotherapy dated 2010-01-01.."},
      {"Chemotherapy since June 2016", "has chemotherapy dated 2016-06-01.."},
      {"Stroke after 1 March 2018", "has stroke dated 2018-03-02.."},
      {"Surgery before 2019", "has surgery dated ..2018-12-31"},
      {"Diagnosis of diabetes after 2012", "has diabetes_mellitus onset dated 2013-01-01.."},
      {"Diagnosed with diabetes after January 2015", "has diabetes_mellitus onset dated 2015-02-01.."},
      {"Stroke from 2015 to 2018", "has stroke dated 2015-01-01..2018-12-31"},
      {"Myocardial infarction between 2010 and 2015", "has myocardial_infarction dated 2010-01-01..2015-12-31"},
      {"Myocardial infarction between January 2010 and March 2015",
       "has myocardial_infarction dated 2010-01-01..2015-03-31"},
  };
  // (Not a structured binding: clang 14 does not let CAPTURE's lambda name one.)
  for (const auto& line_tree : lines)
    for (const auto section : {g::CriterionSection::inclusion, g::CriterionSection::exclusion}) {
      const std::string& line = line_tree.first;
      CAPTURE(line);
      CHECK(read(line, section) == line_tree.second);
    }
}
