// The guard of open_reading's island loop at a number (grammar/src/lower_open.cpp, bare_number_reads_nothing in
// lower_islands.cpp): where it refuses a number, island_into reads no island there. On every span of every golden
// line (as written and in capitals) that opens with a quantity token the guard refuses, island_into (each of its
// readings: the calendar bound, sessions, the readings of a time, the bound word, the threshold, the count per time)
// refuses. And on lines each spared reading is written for, the guard passes the number and island_into reads there.
// (The calendar bound is asked by its own first test, may_start_dates, inside the guard.)
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

struct BareNumberProbe {
  static bool guard(const Lowering& l, std::size_t i, std::size_t e) { return l.bare_number_reads_nothing(i, e); }
  static bool island(const Lowering& l, std::size_t i, std::size_t e) {
    Island out;
    return l.island_into(i, e, out);
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::detail::BareNumberProbe;
using g::detail::Lowering;

struct Counts {
  std::size_t asked = 0, refused = 0, read = 0;
};

void check_line(const std::string& text, Counts& counts) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  e::Diagnostics diags;
  const Lowering l(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != g::Tok::quantity) continue;
    for (std::size_t end = i + 1; end <= tokens.size(); ++end) {
      ++counts.asked;
      const bool island = BareNumberProbe::island(l, i, end);
      counts.read += island ? 1 : 0;
      if (!BareNumberProbe::guard(l, i, end)) continue;
      ++counts.refused;
      CAPTURE(text);
      CAPTURE(i);
      CAPTURE(end);
      CHECK_FALSE(island);
    }
  }
}

std::string in_capitals(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// At the first quantity token of `text`, to the line's end: the guard passes it, and island_into reads there.
void check_read_at_first_number(const std::string& text) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  e::Diagnostics diags;
  const Lowering l(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  std::size_t i = 0;
  while (i < tokens.size() && tokens[i].kind != g::Tok::quantity) ++i;
  REQUIRE(i < tokens.size());
  CHECK_FALSE(BareNumberProbe::guard(l, i, tokens.size()));
  CHECK(BareNumberProbe::island(l, i, tokens.size()));
}

}  // namespace

TEST_CASE("open_reading's guard at a number: where it refuses, island_into reads no island") {
  Counts counts;
  for (const std::string& line : golden_support::all_criterion_lines()) {
    check_line(line, counts);
    check_line(in_capitals(line), counts);
  }
  CHECK(counts.refused > 5000);
  CHECK(counts.read > 1000);
  MESSAGE("spans at a number " << counts.asked << ", islands read " << counts.read << ", refused by the guard "
                               << counts.refused);
}

TEST_CASE("open_reading's guard at a number: the lines each spared reading is written for read their island") {
  for (const char* line :
       {"16+ years of age", "twice higher than normal", "aged 18 to 65", "18-65 years", "2 to <12 years",
        "20 years old to 70 years of age", "10- to 13-year-olds", "5 or more days a week", "2 or more",
        "60 (inclusive) or more", "5 out of 10 or more", "3 x 30 min moderate exercise per week",
        "3 X 30 min moderate exercise per week", "3 × 20 minutes of walking a week",
        "3 times 30 minutes of walking a week", "3 TIMES 30 MINUTES OF WALKING A WEEK"}) {
    const std::string text(line);
    CAPTURE(text);
    check_read_at_first_number(text);
  }
}
