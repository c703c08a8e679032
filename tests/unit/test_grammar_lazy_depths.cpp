// SequenceState::depth_before (grammar/src/lower_sequence.hpp): the parenthesis depth before each token of a piece,
// made at the first ask (make_depths) where sequence() made it before its walk for every piece with a '('. Its
// oracle is that walk, kept here as it was: on every span of the golden lines, asked in different orders (the first
// ask at the first, the middle or the last token), through one set of vectors emptied between spans as the per-thread
// scratch is, depth_before must give the old depths at every token. And lines whose reading asks the depth (an "or"
// inside parentheses, a status past a bracketed item) read as before.
#include <doctest/doctest.h>

#include <span>
#include <string>
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

namespace {

// The old form: sequence()'s walk before the items' walk, in a piece with a '(' (the kinds' test), else all 0.
std::vector<int> old_depths(const std::vector<g::Token>& toks, std::size_t b, std::size_t e) {
  std::vector<int> depth_at(e - b + 1, 0);
  bool parenthesis = false;
  for (std::size_t x = b; x < e; ++x) parenthesis = parenthesis || toks[x].kind == g::Tok::lparen;
  if (!parenthesis) return depth_at;
  int* depth_before = depth_at.data();
  int d = 0;
  for (std::size_t x = b; x < e; ++x) {
    depth_before[x - b] = d;
    const g::Tok k = toks[x].kind;
    if (k == g::Tok::lparen) ++d;
    else if (k == g::Tok::rparen && d > 0) --d;
  }
  return depth_at;
}

struct Vectors {
  std::vector<g::detail::Item> items;
  std::vector<g::detail::Conn> conns;
  std::vector<bool> text_has_or;
  std::vector<int> depth_at;
  void give_back() {  // (as give_back_room empties them: cleared, their room kept)
    items.clear();
    conns.clear();
    text_has_or.clear();
    depth_at.clear();
  }
};

struct Counts {
  long spans = 0;
  long with_parenthesis = 0;
  long nonzero = 0;  // tokens at a depth above 0
};

// The state as sequence() makes it for [b, e), its depths asked first at `first`, then at every token in order.
void check_span(const std::vector<g::Token>& toks, std::size_t b, std::size_t e, std::size_t first, Vectors& v,
                Counts& counts) {
  const std::vector<int> want = old_depths(toks, b, e);
  g::detail::SequenceState s(std::span<const g::Token>(toks), b, e, 0, v.items, v.conns, v.text_has_or, v.depth_at);
  g::detail::TokKinds kinds;
  for (std::size_t x = b; x < e; ++x) kinds.add(toks[x].kind);
  s.parenthesis = kinds.has(g::Tok::lparen);
  CHECK(s.depth_before(first) == want[first - b]);
  for (std::size_t x = b; x < e; ++x) {
    CHECK(s.depth_before(x) == want[x - b]);
    counts.nonzero += want[x - b] > 0;
  }
  ++counts.spans;
  counts.with_parenthesis += s.parenthesis;
  v.give_back();
}

std::string read(const std::string& line, g::CriterionSection section) {
  static const g::Parser parser(e::Lexicon::builtin());
  return e::to_canonical(parser.parse(line, section).tree);
}

}  // namespace

TEST_CASE("depth_before made at the first ask gives the depths the walk made before, on every span of the golden lines") {
  Vectors v;
  Counts counts;
  for (const std::string& line : golden_support::all_criterion_lines()) {
    const std::vector<g::Token> toks = g::tokenize(line, e::Lexicon::builtin());
    const std::size_t n = toks.size();
    CAPTURE(line);
    for (std::size_t b = 0; b < n; ++b)
      for (std::size_t end = b + 1; end <= n; ++end) {
        if (end - b > 16 && end != n) continue;
        CAPTURE(b);
        CAPTURE(end);
        check_span(toks, b, end, b, v, counts);
        check_span(toks, b, end, b + (end - b) / 2, v, counts);
        check_span(toks, b, end, end - 1, v, counts);
      }
  }
  MESSAGE("spans ", counts.spans, ", with a parenthesis ", counts.with_parenthesis, ", tokens inside one ",
          counts.nonzero);
  CHECK(counts.spans > 100000);
  CHECK(counts.with_parenthesis > 10000);
  CHECK(counts.nonzero > 10000);
}

TEST_CASE("lines whose reading asks the parenthesis depth read as before") {
  // (Each reads otherwise where every depth is taken as 0: the fault planted to see this test fail.)
  const auto inc = g::CriterionSection::inclusion;
  const auto exc = g::CriterionSection::exclusion;
  // An "or" between words in parentheses joins them; a measure's "or" inside parentheses lists its limits.
  for (const auto section : {inc, exc}) {
    CHECK(read("Those taking medications that can affect the glucose metabolism (eg, corticosteroids, immunostimulants, "
               "etc.)",
               section) ==
          "text[not_understood] \"medications that can affect the glucose metabolism (eg, corticosteroids, "
          "immunostimulants, etc.)\"");
    CHECK(read("severe burns (>10% total body surface area (TBSA) or >5% TBSA with full thickness or circumferential "
               "injury)",
               section) ==
          "any(cmp burn_tbsa > 10 %, all(cmp burn_tbsa > 5 %, text[not_understood] \"full thickness or circumferential "
          "injury\"))");
  }
  // A status reaches past an unread item of a bracketed list, one bracket deep (lower_bracket_status.cpp).
  CHECK(read("Taking dietary supplements (vitamins, minerals, bioflavonoids, probiotics)", inc) ==
        "all(has vitamin_supplements status active, text[not_understood] \"minerals, bioflavonoids\", has probiotics "
        "status active)");
  CHECK(read("Taking dietary supplements (vitamins, minerals, bioflavonoids, probiotics)", exc) ==
        "any(has vitamin_supplements status active, text[not_understood] \"minerals, bioflavonoids\", has probiotics "
        "status active)");
}
