// line()'s walk of a line's tokens (lower_pieces.cpp): their kinds (the first piece's apart, as kinds_in's answer),
// the words or fillers placed right before a measured name, and the first filler restating the other section. The walk
// is a lambda inside line() (every form a test could call, a function or a lambda made in a header, made the compiler
// keep line()'s state otherwise and cost 0.2-0.6 M a pass: s36line.md), so this test holds the walk line() made before
// as the oracle and the new one as line() writes it, and compares them on every golden line and on made lines; and it
// reads whole lines whose trees hang on the walk's answers, with the trees main's binary gives (bff6918).
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_section_verb.hpp"
#include "../../grammar/src/section_clash.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;
using g::Tok;
using g::detail::TokKinds;

namespace {

struct Walked {
  bool whole = false;
  TokKinds first_piece;
  std::vector<bool> line_kinds;  // has() of the line's kinds, for each of the 64 kinds
  std::size_t placed_sites = 0;
  std::size_t restated = 0;
};

std::vector<bool> all_kinds(const auto& has) {
  std::vector<bool> out;
  for (unsigned k = 0; k < 64; ++k) out.push_back(has(static_cast<Tok>(k)));
  return out;
}

// line()'s walk before, as it was (bff6918): three index walks, the line's kinds the first piece's with the tokens
// before and after it added again.
Walked old_walk(const std::vector<g::Token>& toks, std::string_view text, std::size_t b, std::size_t tail,
                bool ask_restated, bool inclusion) {
  Walked w;
  const std::size_t n = toks.size();
  w.restated = n;
  const auto walk = [&](std::size_t from, std::size_t to, TokKinds& into) {
    for (std::size_t x = from; x < to; ++x) {
      const g::Token& t = toks[x];
      into.add(t.kind);
      if (t.kind == Tok::name && x > 0 && (toks[x - 1].kind == Tok::word || toks[x - 1].kind == Tok::filler) &&
          e::is_measured(t.entry->kind))
        ++w.placed_sites;
      if (ask_restated && t.kind == Tok::filler && t.end - t.begin >= 11 &&
          g::detail::may_open_with_section_verb(text, t) && g::detail::restates_other_section(text, t, inclusion)) {
        w.restated = x;
        return false;
      }
    }
    return true;
  };
  TokKinds head, first_piece, rest;
  w.whole = walk(0, b, head) && walk(b, tail, first_piece) && walk(tail, n, rest);
  if (w.whole) {
    TokKinds kinds = first_piece;
    for (std::size_t x = 0; x < b; ++x) kinds.add(toks[x].kind);
    for (std::size_t x = tail; x < n; ++x) kinds.add(toks[x].kind);
    w.first_piece = first_piece;
    w.line_kinds = all_kinds([&](Tok k) { return kinds.has(k); });
  }
  return w;
}

// The walk as line() now writes it (keep the two the same): one pointer through the three parts in turn, the kinds of
// the tokens around the first piece in a second set, the line's kinds asked of both.
Walked new_walk(const std::vector<g::Token>& toks, std::string_view text_, std::size_t b, std::size_t tail,
                bool ask_restated, bool inclusion) {
  Walked w;
  const std::size_t n = toks.size();
  std::size_t restated = n;
  std::size_t placed_sites = 0;
  TokKinds first_piece, around;
  const g::Token* const first_token = toks.data();
  const g::Token* t = first_token;
  const auto walk_to = [&](const g::Token* const end, TokKinds& into) {
    for (; t < end; ++t) {
      const Tok kind = t->kind;
      into.add(kind);
      if (kind == Tok::name && t != first_token && (t[-1].kind == Tok::word || t[-1].kind == Tok::filler) &&
          e::is_measured(t->entry->kind))
        ++placed_sites;
      if (ask_restated && kind == Tok::filler && t->end - t->begin >= 11 &&
          g::detail::may_open_with_section_verb(text_, *t) && g::detail::restates_other_section(text_, *t, inclusion)) {
        restated = static_cast<std::size_t>(t - first_token);
        return false;
      }
    }
    return true;
  };
  w.whole = walk_to(first_token + b, around) && walk_to(first_token + tail, first_piece) && walk_to(first_token + n, around);
  w.restated = restated;
  w.placed_sites = placed_sites;
  if (w.whole) {
    w.first_piece = first_piece;
    const auto line_has = [&](Tok k) { return first_piece.has(k) || around.has(k); };
    w.line_kinds = all_kinds(line_has);
  }
  return w;
}

struct Counts {
  long walks = 0;
  long placed_sites = 0;  // over the walks that went through the whole line
  long restated = 0;      // walks stopped at a restating filler
  long around = 0;        // walks whose tokens around the first piece hold a kind the piece lacks
};

void compare_on(const std::string& text, Counts& counts) {
  const std::vector<g::Token> toks = g::tokenize(text, e::Lexicon::builtin());
  const std::size_t n = toks.size();
  CAPTURE(text);
  for (std::size_t b = 0; b <= n && b <= 4; ++b)
    for (const std::size_t tail : {b, n > b ? n - 1 : n, n})
      for (const int mode : {0, 1, 2}) {  // no restating test, the inclusion section, the exclusion section
        const bool ask = mode != 0, inclusion = mode == 1;
        const Walked want = old_walk(toks, text, b, tail, ask, inclusion);
        const Walked got = new_walk(toks, text, b, tail, ask, inclusion);
        CAPTURE(b);
        CAPTURE(tail);
        CAPTURE(mode);
        REQUIRE(got.whole == want.whole);
        ++counts.walks;
        if (!want.whole) {
          CHECK(got.restated == want.restated);
          ++counts.restated;
          continue;
        }
        CHECK(all_kinds([&](Tok k) { return got.first_piece.has(k); }) ==
              all_kinds([&](Tok k) { return want.first_piece.has(k); }));
        CHECK(got.line_kinds == want.line_kinds);
        CHECK(got.placed_sites == want.placed_sites);
        counts.placed_sites += static_cast<long>(want.placed_sites);
        if (want.line_kinds != all_kinds([&](Tok k) { return want.first_piece.has(k); })) ++counts.around;
      }
}

}  // namespace

TEST_CASE("line()'s walk reads a line as its old walk did, on every golden line") {
  Counts counts;
  for (const std::string& line : golden_support::all_criterion_lines()) compare_on(line, counts);
  CHECK(counts.walks > 10000);
  CHECK(counts.placed_sites > 100);
  CHECK(counts.restated > 10);
  CHECK(counts.around > 1000);
}

TEST_CASE("line()'s walk on lines made for its sites, restatements and parts") {
  Counts counts;
  const std::vector<std::string> lines = {
      "Oral temperature > 38 C or axillary temperature > 37.5 C",
      "Systolic blood pressure > 160 mmHg or diastolic blood pressure > 100 mmHg",
      "1. Fasting glucose >= 126 mg/dL or random glucose >= 200 mg/dL.",
      "- serum creatinine > 2 mg/dL at the time of screening, urine creatinine < 1 g.",
      "Patients with HbA1c > 10% are excluded",
      "Prior radiotherapy is excluded",  // (a restating filler of 11 bytes, the shortest the walk asks)
      "Patients who are pregnant may not participate in the study",
      "Subjects with heart failure should be excluded.",
      "Smokers will be included; patients with diabetes are eligible",
      "Children: i) age 6-12 years; ii) weight > 20 kg",
      "2. Healthy volunteers: age 18-65 years; BMI < 30.",
      "(a) age > 18 years (inclusive).",
      "Adults",
      "",
      ".",
  };
  for (const std::string& line : lines) compare_on(line, counts);
  CHECK(counts.placed_sites > 10);
  CHECK(counts.restated > 10);
  CHECK(counts.around > 10);
}

TEST_CASE("Lines read by line()'s walk: sites, restated sections, a cohort heading, markers, no piece") {
  static const g::Parser parser(e::Lexicon::builtin());
  const auto read = [&](const std::string& line, g::CriterionSection section,
                        g::PeopleHeadings headings = g::PeopleHeadings::restate_the_population) {
    return e::to_canonical(parser.parse(line, section, headings).tree);
  };
  using S = g::CriterionSection;
  // (The trees main's binary reads, bff6918.)
  CHECK(read("Oral temperature > 38 degrees C or axillary temperature > 37 degrees C", S::exclusion) ==
        "any(all(text[not_understood] \"Oral\", cmp temperature > 38 Cel), all(text[not_understood] \"axillary\", "
        "cmp temperature > 37 Cel))");
  CHECK(read("1. Patients with HbA1c > 10% are excluded.", S::inclusion) ==
        "text[not_understood] \"Patients with HbA1c > 10% are excluded\"");
  CHECK(read("1. Patients with HbA1c > 10% are excluded.", S::exclusion) == "cmp hba1c > 10 %");
  CHECK(read("Smokers will be included", S::exclusion) == "text[not_understood] \"Smokers will be included\"");
  CHECK(read("Smokers will be included", S::inclusion) == "has smoking");
  // (A cohort heading, looked for only in a line with a colon, with the people word the line's start skipped.)
  CHECK(read("Children: i) age 6-12 years; ii) weight > 20 kg", S::inclusion, g::PeopleHeadings::name_cohorts) ==
        "if(text[not_understood] \"Children\", all(cmp age >= 6 a, cmp age <= 12 a, cmp body_weight > 20 kg))");
  CHECK(read("2. Healthy volunteers: age 18-65 years; BMI < 30.", S::exclusion) ==
        "if(text[not_understood] \"Healthy volunteers\", any(all(cmp age >= 18 a, cmp age <= 65 a), cmp bmi < 30 "
        "kg/m2))");
  // (Markers inside the line: the line's kinds say where the walk for them starts.)
  CHECK(read("a) age > 18 years. b) HbA1c < 7%", S::exclusion) == "any(cmp age > 18 a, cmp hba1c < 7 %)");
  // (No piece read: the line is text, made in the tree's place.)
  CHECK(read("Adults", S::inclusion) == "text[not_understood] \"Adults\"");
  CHECK(read("- Adults", S::exclusion) == "text[not_understood] \"- Adults\"");
}
