// The open reading's segment facts (grammar/src/lower_open_segments.hpp, OpenSegment: its words outside the islands,
// its first measure, a judgement, a stray number), gathered in the pass that finds the segments (find_open_segments,
// the pass open_reading runs) and merged by OpenSegment::join, against the old walk over each segment's tokens, kept
// here as the oracle: for every span of every golden line and of lines made to merge segments, with the islands
// open_reading finds in the span, each segment as found and each run of up to three segments joined.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_open_segments.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

struct OpenSegmentsProbe {
  static bool island_into(const Lowering& l, std::size_t i, std::size_t e, Island& out) {
    return l.island_into(i, e, out);
  }
  static bool ignored(const Lowering& l, std::size_t i) { return l.ignored(i); }
  static bool judgement_at(const Lowering& l, std::size_t i) { return l.judgement_at(i); }
  static bool incidental_number(const Lowering& l, std::size_t i) { return l.incidental_number(i); }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::Tok;
using g::detail::Conn;
using g::detail::Lowering;
using g::detail::OpenSegment;
using Probe = g::detail::OpenSegmentsProbe;

// What the pass asks of a token: the span's islands as a table (as open_reading's), the rest the Lowering's.
struct AskToken {
  const Lowering& l;
  const std::vector<bool>& in_islands;
  bool in_island(std::size_t x) const { return in_islands[x]; }
  bool ignored(std::size_t x) const { return Probe::ignored(l, x); }
  bool judges(std::size_t x) const { return Probe::judgement_at(l, x); }
  bool incidental(std::size_t x) const { return Probe::incidental_number(l, x); }
};

// The segment loop's old walk over the tokens of [b, e) (the oracle).
OpenSegment walked_facts(const Lowering& l, const std::vector<g::Token>& toks, const std::vector<bool>& in_island,
                         std::size_t b, std::size_t e) {
  OpenSegment f{b, e};
  bool readable = true;
  for (std::size_t x = b; x < e; ++x) {
    switch (toks[x].kind) {
      case Tok::judgement:
        f.judged = f.judged || Probe::judgement_at(l, x);
        break;
      case Tok::name:
        if (f.measured == OpenSegment::kNoToken && e::is_measured(toks[x].entry->kind)) f.measured = x;
        f.words += in_island[x] ? 0 : 1;
        break;
      case Tok::quantity:
        if (!in_island[x] && !Probe::incidental_number(l, x)) readable = false;  // a number that is no threshold
        break;
      case Tok::word: case Tok::filler: case Tok::subject:
        f.words += in_island[x] ? 0 : 1;
        break;
      default:
        break;
    }
  }
  f.stray_number = !readable;
  return f;
}

// How many segments were compared, and of them (found, and joined) how many with each fact; the joined ones counted by
// what their last part holds, which a join that dropped it would lose.
struct Compared {
  int found = 0, judged = 0, stray = 0, measured = 0;
  int joined = 0, joined_words = 0, joined_judged = 0, joined_stray = 0, joined_measure_late = 0;
};

void check_same(const OpenSegment& got, const OpenSegment& old) {
  CHECK(got.b == old.b);
  CHECK(got.e == old.e);
  CHECK(got.words == old.words);
  CHECK(got.measured == old.measured);
  CHECK(got.judged == old.judged);
  CHECK(got.stray_number == old.stray_number);
}

// Every span of the line, read whole and in segments, its islands found as open_reading finds them (left to right,
// each looked for from the end of the one before).
void check_line(const std::string& text, Compared& n) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  e::Diagnostics diags;
  Lowering l(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  std::vector<bool> in_island(tokens.size());
  std::vector<OpenSegment> segments;
  std::vector<Conn> conns;
  for (std::size_t b = 0; b < tokens.size(); ++b)
    for (std::size_t end = b + 1; end <= tokens.size(); ++end) {
      std::fill(in_island.begin(), in_island.end(), false);
      for (std::size_t i = b; i < end; ++i) {
        g::detail::Island is;
        if (!Probe::island_into(l, i, end, is)) continue;
        for (std::size_t x = is.b; x < is.e; ++x) in_island[x] = true;
        i = is.e - 1;
      }
      for (const bool whole : {false, true}) {
        segments.clear();
        conns.clear();
        (void)g::detail::find_open_segments(std::span<const g::Token>(tokens), text, b, end, whole,
                                            AskToken{l, in_island}, segments, conns);
        CAPTURE(text);
        CAPTURE(b);
        CAPTURE(end);
        CAPTURE(whole);
        for (std::size_t s = 0; s < segments.size(); ++s) {
          const OpenSegment& got = segments[s];
          CAPTURE(s);
          check_same(got, walked_facts(l, tokens, in_island, got.b, got.e));
          ++n.found;
          n.judged += got.judged ? 1 : 0;
          n.stray += got.stray_number ? 1 : 0;
          n.measured += got.measured != OpenSegment::kNoToken ? 1 : 0;
          // The segment joined with the next one and the one after (open_reading's merges join two; a merged segment
          // may be joined again by the next merge).
          OpenSegment joined = got;
          for (std::size_t t = s + 1; t < segments.size() && t <= s + 2; ++t) {
            const OpenSegment& next = segments[t];
            joined.join(next);
            CAPTURE(t);
            check_same(joined, walked_facts(l, tokens, in_island, got.b, next.e));
            ++n.joined;
            n.joined_words += next.words > 0 ? 1 : 0;
            n.joined_judged += next.judged ? 1 : 0;
            n.joined_stray += next.stray_number ? 1 : 0;
            n.joined_measure_late += next.measured != OpenSegment::kNoToken && got.measured == OpenSegment::kNoToken;
          }
        }
      }
    }
}

}  // namespace

TEST_CASE("open reading: each segment's facts, gathered with the segments and joined with them, are the old walk's") {
  Compared made;
  for (const char* line : {"Acute or zorbitrant exposure 3 times within 28 days, or zorbitrant surgery",
                           "within 3 months, zorbitrant exposure 3 times, or zorbitrant surgery within 6 months",
                           "Fasting or random plasma glucose above 11 mmol/L in the past month, or ketoacidosis",
                           "Severe or zorbitrant exposure within 4 weeks prior to physician review, or zorbitrant surgery",
                           "within 28 days, zorbitrant exposure in 3 visits, or zorbitrant surgery within 3 months"})
    check_line(line, made);
  CHECK(made.joined_stray > 10);
  Compared golden;
  const auto lines = golden_support::all_criterion_lines();
  for (const auto& line : lines) check_line(line, golden);
  CHECK(lines.size() > 1000);
  // (Enough of each fact that a pass or a join which lost one fails on many: about a fifth of what these lines give.)
  CHECK(golden.found > 100000);
  CHECK(golden.judged > 2000);
  CHECK(golden.stray > 5000);
  CHECK(golden.measured > 10000);
  CHECK(golden.joined_words > 10000);
  CHECK(golden.joined_judged > 1000);
  CHECK(golden.joined_stray > 500);
  CHECK(golden.joined_measure_late > 1000);
}
