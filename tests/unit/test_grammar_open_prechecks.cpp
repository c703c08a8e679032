// The open reading's refusals asked before it looks for islands (grammar/src/lower_open.cpp): each against the form
// it stands before, kept here as the oracle, or against island_at asked at every token, on every span of every
// golden line and of lines made to reach it.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

struct OpenReadingProbe {
  static bool negated_unless_respectively(const Lowering& l, std::size_t b, std::size_t e) {
    return l.negated_unless_respectively(b, e);
  }
  static bool ignored(const Lowering& l, std::size_t i) { return l.ignored(i); }
  static bool judges_unless_respectively(const Lowering& l, std::size_t b, std::size_t e) {
    return l.judges_unless_respectively(b, e);
  }
  static bool judgement_at(const Lowering& l, std::size_t i) { return l.judgement_at(i); }
  static bool date_range_at(const Lowering& l, std::size_t i, std::size_t e) { return l.date_range_at(i, e).has_value(); }
  static bool island_at(const Lowering& l, std::size_t i, std::size_t e) { return l.island_at(i, e).has_value(); }
  static bool scale_word_token(const Lowering& l, const Token& t) { return l.scale_word_token(t); }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::Tok;
using g::detail::Lowering;
using g::detail::OpenReadingProbe;

// The segments' pass of open_reading as it asks these two (the oracle): the text is refused there where it is
// negated and holds no "respectively" (which is read before the negation is asked).
bool segment_pass_refuses(const Lowering& l, const std::vector<g::Token>& toks, std::string_view text, std::size_t b,
                          std::size_t e) {
  bool respectively = false, negated = false;
  std::size_t negation_depth = 0;
  for (std::size_t i = b; i < e; ++i) {
    const Tok k = toks[i].kind;
    if (k == Tok::lparen) ++negation_depth;
    else if (k == Tok::rparen && negation_depth > 0) --negation_depth;
    else if (k == Tok::negation) negated = negated || (negation_depth == 0 && !OpenReadingProbe::ignored(l, i));
    else if (k == Tok::word)
      respectively = respectively || (toks[i].end - toks[i].begin == 12 &&
                                      g::detail::iequals(text.substr(toks[i].begin, 12), "respectively"));
  }
  return negated && !respectively;
}

// The segment loop's `judged` for a segment that is the whole text (the oracle): a token of it judges; and the text
// holds no "respectively", whose reading is asked before.
bool segment_loop_judged(const Lowering& l, const std::vector<g::Token>& toks, std::string_view text, std::size_t b,
                         std::size_t e) {
  bool judged = false, respectively = false;
  for (std::size_t x = b; x < e; ++x) {
    if (toks[x].kind == Tok::judgement) judged = judged || OpenReadingProbe::judgement_at(l, x);
    if (toks[x].kind == Tok::word)
      respectively = respectively || (toks[x].end - toks[x].begin == 12 &&
                                      g::detail::iequals(text.substr(toks[x].begin, 12), "respectively"));
  }
  return judged && !respectively;
}

// What open_reading_or_text's refusal before open_reading and open_reading's `dates` rely on, asked of every span of
// the line by brute force: a span with no date and no number holds no calendar bound at any token (date_range_at),
// and one with none of the kinds an island starts at by kind and no scale word holds no island at any token
// (island_at). Returns how many spans the second holds for.
int check_islands(const std::string& text) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  e::Diagnostics diags;
  const Lowering l(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  int none = 0;
  for (std::size_t b = 0; b < tokens.size(); ++b) {
    bool dated = false, by_kind = false;  // [b, end): a date or a number; a kind or a scale word an island starts at
    for (std::size_t end = b + 1; end <= tokens.size(); ++end) {
      const Tok k = tokens[end - 1].kind;
      dated = dated || k == Tok::date || k == Tok::quantity;
      by_kind = by_kind || dated || k == Tok::within || k == Tok::ahead || k == Tok::cmp || k == Tok::between ||
                ((k == Tok::word || k == Tok::filler) && OpenReadingProbe::scale_word_token(l, tokens[end - 1]));
      if (dated) break;
      CAPTURE(text);
      CAPTURE(b);
      CAPTURE(end);
      for (std::size_t i = b; i < end; ++i) {
        CAPTURE(i);
        CHECK_FALSE(OpenReadingProbe::date_range_at(l, i, end));
        if (!by_kind) CHECK_FALSE(OpenReadingProbe::island_at(l, i, end));
      }
      none += by_kind ? 0 : 1;
    }
  }
  return none;
}

// Every span of the line: the precheck against the oracle. Returns how many spans it refuses.
int check_line(const std::string& text) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  e::Diagnostics diags;
  const Lowering l(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  int refused = 0;
  for (std::size_t b = 0; b < tokens.size(); ++b)
    for (std::size_t end = b + 1; end <= tokens.size(); ++end) {
      const bool precheck = OpenReadingProbe::negated_unless_respectively(l, b, end);
      CAPTURE(text);
      CAPTURE(b);
      CAPTURE(end);
      CHECK(precheck == segment_pass_refuses(l, tokens, text, b, end));
      const bool judges = OpenReadingProbe::judges_unless_respectively(l, b, end);
      CHECK(judges == segment_loop_judged(l, tokens, text, b, end));
      refused += (precheck ? 1 : 0) + (judges ? 1 : 0);
    }
  return refused;
}

}  // namespace

TEST_CASE("open reading: the negation and judgement refusals asked first answer as the segments' pass and loop do") {
  int refused = 0;
  for (const char* line : {"Zorbitrant exposure within 28 days, not fasting",
                           "Zorbitrant exposure within 28 days (not including topical use), no fasting",
                           "Zorbitrant exposure (within 28 days (not fasting)) not more than 2 g",
                           "Zorbitrant level >= 20 g and 30 g for women and men respectively, not fasting",
                           "Not RESPECTIVELY zorbitrant) (no) ((not) ) without 3 mg", ") not (", "no",
                           "Clinically significant zorbitrant exposure within 28 days before informed consent",
                           "willing to consent, at the time of consent, able, respectively"})
    refused += check_line(line);
  CHECK(refused > 20);
  // The golden lines (every line that is neither a comment, a section mark nor an expected tree).
  const auto lines = golden_support::all_criterion_lines();
  for (const auto& line : lines) refused += check_line(line);
  CHECK(lines.size() > 1000);
  CHECK(refused > 1000);
}

TEST_CASE("open reading: no island where a text holds none of the kinds one starts at, no calendar bound without a date or a number") {
  int none = 0;
  for (const char* line : {"Prior to screening before enrolment, not before surgery",
                           "surgery before 2019, prior to January 2015, not before 2019 since 2010 in 2019",
                           "grade before stage after, until through during score of class types",
                           "Planned before randomisation prior to consent in the group before"})
    none += check_islands(line);
  const auto lines = golden_support::all_criterion_lines();
  for (const auto& line : lines) none += check_islands(line);
  CHECK(lines.size() > 1000);
  CHECK(none > 10000);
}

TEST_CASE("open reading: a negation outside parentheses refuses the text, one inside them does not") {
  const g::Parser parser(e::Lexicon::builtin());
  const auto is_text = [&](const std::string& line) {
    return std::holds_alternative<e::Text>(parser.parse(line).tree.kind);
  };
  CHECK_FALSE(is_text("Zorbitrant exposure within 28 days"));
  CHECK_FALSE(is_text("Zorbitrant exposure within 28 days (not including topical use)"));
  CHECK(is_text("Zorbitrant exposure within 28 days, not fasting"));
  CHECK(is_text("Zorbitrant exposure within 28 days (topical use), without fasting"));
  // "respectively" is read before the negation is asked: the pairing's own reading decides.
  CHECK_FALSE(is_text("Zorbitrant level >= 20 g and 30 g for women and men respectively"));
}

TEST_CASE("open reading: a stray number or a judgement refuses a text of one segment only") {
  const g::Parser parser(e::Lexicon::builtin());
  const auto is_text = [&](const std::string& line) {
    return std::holds_alternative<e::Text>(parser.parse(line).tree.kind);
  };
  // Refused (the number is no threshold, the text one segment): the whole text is kept as text.
  CHECK(is_text("Zorbitrant level above 5 mg in 3 visits"));
  CHECK(is_text("Zorbitrant exposure for 3 visits within 28 days"));
  CHECK(is_text("Clinically significant zorbitrant exposure within 28 days"));
  // Not refused: another segment is read (a connector parts the text; a judgement inside a window's reference event
  // leaves the others to be read), or the number is a word of the name.
  for (const char* line : {"Zorbitrant exposure within 28 days, 3 tablets", "Zorbitrant exposure within 28 days or 3 tablets",
                           "Zorbitrant exposure within 28 days before adequate recovery, or zorbitrant surgery within 3 months",
                           "Zorbitrant score above 5 per 2013 guidelines", "a 2-hour zorbitrant load above 5 mg"}) {
    CAPTURE(line);
    CHECK(e::partly_typed(parser.parse(line).tree));
  }
}
