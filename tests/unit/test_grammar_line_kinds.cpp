// LineKindsWalk (grammar/src/lower_line_kinds.hpp), line()'s walk of a line's tokens: their kinds, the names of a
// measure placed after a word or filler, and the first filler restating the other section. Its oracle is the walk
// line() made before (the lambda below, as it was), compared on every golden line and on made lines, in both
// sections and without the restating test, with the line parted at every place the first piece may start and end.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_line_kinds.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;
using g::Tok;
using g::detail::TokKinds;

namespace {

struct Walked {
  bool whole = false;
  TokKinds head, first_piece, rest;
  std::size_t placed_sites = 0;
  std::size_t restated = 0;
};

// line()'s walk before LineKindsWalk, as it was (lower_pieces.cpp).
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
  w.whole = walk(0, b, w.head) && walk(b, tail, w.first_piece) && walk(tail, n, w.rest);
  return w;
}

Walked new_walk(const std::vector<g::Token>& toks, std::string_view text, std::size_t b, std::size_t tail,
                bool ask_restated, bool inclusion) {
  Walked w;
  const std::size_t n = toks.size();
  w.restated = n;
  g::detail::LineKindsWalk walk{toks.data(), text, ask_restated, inclusion};
  w.whole = walk.walk(0, b, w.head) && walk.walk(b, tail, w.first_piece) && walk.walk(tail, n, w.rest);
  if (!w.whole) w.restated = walk.restated;
  w.placed_sites = walk.placed_sites;
  return w;
}

bool same_kinds(const TokKinds& a, const TokKinds& b) {
  for (unsigned k = 0; k < 64; ++k)
    if (a.has(static_cast<Tok>(k)) != b.has(static_cast<Tok>(k))) return false;
  return true;
}

struct Counts {
  long walks = 0;
  long placed_sites = 0;  // over the walks that went through the whole line
  long restated = 0;      // walks stopped at a restating filler
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
        CHECK(same_kinds(got.head, want.head));
        CHECK(same_kinds(got.first_piece, want.first_piece));
        CHECK(same_kinds(got.rest, want.rest));
        CHECK(got.placed_sites == want.placed_sites);
        counts.placed_sites += static_cast<long>(want.placed_sites);
      }
}

}  // namespace

TEST_CASE("LineKindsWalk reads a line as line()'s old walk did, on every golden line") {
  Counts counts;
  for (const std::string& line : golden_support::all_criterion_lines()) compare_on(line, counts);
  CHECK(counts.walks > 10000);
  CHECK(counts.placed_sites > 100);
  CHECK(counts.restated > 10);
}

TEST_CASE("LineKindsWalk on lines made for its sites and restatements") {
  Counts counts;
  const std::vector<std::string> lines = {
      "Oral temperature > 38 C or axillary temperature > 37.5 C",
      "Systolic blood pressure > 160 mmHg or diastolic blood pressure > 100 mmHg",
      "1. Fasting glucose >= 126 mg/dL or random glucose >= 200 mg/dL.",
      "- serum creatinine > 2 mg/dL at the time of screening, urine creatinine < 1 g.",
      "Patients with HbA1c > 10% are excluded",
      "Prior radiotherapy is excluded",  // (a restating filler of 11 bytes, the shortest the walk asks)
      "Patients who are pregnant may not participate in the study",
      "PATIENTS WHO ARE PREGNANT MAY NOT PARTICIPATE",
      "Subjects with heart failure should be excluded.",
      "Smokers will be included; patients with diabetes are eligible",
      "Adults",
      "",
      ".",
      "a) prior to enrollment, age 18 - 65 years (inclusive); b) at the time of screening, BMI < 30.",
  };
  for (const std::string& line : lines) compare_on(line, counts);
  CHECK(counts.placed_sites > 10);
  CHECK(counts.restated > 10);
}

TEST_CASE("Lines read by line()'s walk: two measuring sites, a restated section") {
  static const g::Parser parser(e::Lexicon::builtin());
  const auto read = [&](const std::string& line, g::CriterionSection section) {
    return e::to_canonical(parser.parse(line, section).tree);
  };
  // (The trees main's binary reads, b5faf52: each site word qualifies its limit, lower_measuring_site.cpp; the
  // restating line is whole-line text, section_clash.cpp.)
  CHECK(read("Oral temperature > 38 degrees C or axillary temperature > 37 degrees C", g::CriterionSection::exclusion) ==
        "any(all(text[not_understood] \"Oral\", cmp temperature > 38 Cel), all(text[not_understood] \"axillary\", "
        "cmp temperature > 37 Cel))");
  CHECK(read("Oral temperature \u2265 38 \u00b0C or rectal temperature \u2265 38.5 \u00b0C; heart rate > 90",
             g::CriterionSection::exclusion) ==
        "any(all(text[not_understood] \"Oral\", cmp temperature >= 38 Cel), all(text[not_understood] \"rectal\", "
        "cmp temperature >= 38.5 Cel), cmp heart_rate > 90 /min)");
  CHECK(read("Patients with HbA1c > 10% are excluded", g::CriterionSection::inclusion) ==
        "text[not_understood] \"Patients with HbA1c > 10% are excluded\"");
  CHECK(read("Smokers will be included", g::CriterionSection::exclusion) ==
        "text[not_understood] \"Smokers will be included\"");
}
