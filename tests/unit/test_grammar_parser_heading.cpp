// people_heading_into (grammar/src/lower_heading.hpp), the parse's form of people_heading: the lead-in's colon looked
// for inline, the rest out of line. Its oracle is people_heading, on the tokens of every span of up to 14 tokens of
// the golden lines (a span's tokens as a line's), and on lines made to put the colon at each place around the
// furthest one a lead-in may end at.
#include <doctest/doctest.h>

#include <span>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_heading.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

struct Counts {
  int spans = 0;
  int named = 0;  // spans whose lead-in names people
};

void check_span(const std::string& text, std::span<const g::Token> toks, Counts& counts) {
  const std::string expected = g::detail::people_heading(text, toks);
  std::string heading;
  g::detail::people_heading_into(heading, text, toks);
  CHECK(heading == expected);
  ++counts.spans;
  counts.named += !expected.empty();
}

void check_line(const std::string& text, Counts& counts, std::size_t longest) {
  const std::vector<g::Token> tokens = g::tokenize(text, e::Lexicon::builtin());
  const std::span<const g::Token> all(tokens);
  for (std::size_t from = 0; from <= tokens.size(); ++from)
    for (std::size_t to = from; to <= tokens.size() && to - from <= longest; ++to) {
      CAPTURE(text);
      CAPTURE(from);
      CAPTURE(to);
      check_span(text, all.subspan(from, to - from), counts);
    }
}

}  // namespace

TEST_CASE("people_heading_into: as people_heading") {
  Counts counts;
  // "Healthy ... children: age 6-12" with the colon after 1 to 12 words: a lead-in of nine words at most.
  std::string words = "Healthy";
  for (int n = 1; n <= 12; ++n) {
    check_line(words + " children: age 6 to 12 years", counts, 40);
    check_line(words + " children:", counts, 40);
    words += " young";
  }
  for (const auto& line : golden_support::criterion_lines(
           {"cohorts", "headings_s12", "lead_ins_s12", "constructions", "lct_registry", "seeds", "bounds", "counts",
            "windows", "audit_s18", "audit_s19", "audit_s20", "audit_s21", "audit_s22", "audit_s23", "audit_s24"}))
    check_line(line, counts, 14);
  // (Lead-ins naming people met, and ones at the furthest place.)
  CHECK(counts.named > 100);
  MESSAGE("spans: ", counts.spans, ", naming people ", counts.named);
}
