// finish_items' scans of one item's tokens from its first (grammar/src/lower_item_tokens.hpp): against the old scans
// from the piece's first token (kept here as the oracles: the "judged" loop's and the qualifier-after-a-comma loop's)
// on every span of up to 16 tokens of every golden line, as pieces and as items, with bytes cut off either end.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_item_tokens.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace en = trialmatch::engine;
namespace g = trialmatch::grammar;
namespace d = trialmatch::grammar::detail;
using g::Tok;

namespace {

// The "judged" loop as finish_items had it: every token of the piece, the span asked first.
template <class Pred>
bool old_any_within(std::span<const g::Token> toks, std::size_t b, std::size_t e, std::uint32_t begin,
                    std::uint32_t end, Pred&& pred) {
  bool found = false;
  for (std::size_t x = b; x < e && !found; ++x) found = toks[x].begin >= begin && toks[x].end <= end && pred(x);
  return found;
}

// The qualifier-after-a-comma loop's scan as finish_items had it.
std::size_t old_last_comma(std::span<const g::Token> toks, std::size_t b, std::size_t e, std::uint32_t begin,
                           std::uint32_t end) {
  std::size_t x = b, seg = e;
  for (; x < e && toks[x].begin < end; ++x)
    if (toks[x].begin >= begin && (toks[x].kind == Tok::comma || seg == e)) seg = x;
  return seg;
}

}  // namespace

TEST_CASE("an item's tokens from its first: the old scans' answers on every span of the golden lines") {
  const en::Lexicon& lexicon = en::Lexicon::builtin();
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  lines.insert(lines.end(), {"clinically significant renal disease or hemoglobin < 10 g/dL, or severe anemia",
                             "adrenal insufficiency, pituitary dysfunction, medically uncontrolled hyperthyroidism"});
  std::size_t asks = 0, found = 0, commas = 0, failures = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    const std::span<const g::Token> toks(tokens);
    const std::size_t n = toks.size();
    // (Pieces: the whole line, and from a third of it to two thirds.)
    for (const auto& [b, e] : {std::pair<std::size_t, std::size_t>{0, n}, {n / 3, n - n / 3}}) {
      // The tests of a token: a judgement token (as judges() first asks), every third token, none.
      const auto judgement = [&](std::size_t x) { return toks[x].kind == Tok::judgement; };
      const auto third = [&](std::size_t x) { return x % 3 == 0; };
      const auto none = [](std::size_t) { return false; };
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i; j < n && j < i + 16; ++j)
          for (const std::uint32_t cut : {0u, 1u}) {
            // (Items as the lowering has them, from a token's start to a token's end, and a byte inside either.)
            const std::uint32_t begin = toks[i].begin + cut, end = toks[j].end - (toks[j].end > begin + cut ? cut : 0);
            failures += d::any_token_within(toks, b, e, begin, end, judgement) != old_any_within(toks, b, e, begin, end, judgement);
            failures += d::any_token_within(toks, b, e, begin, end, third) != old_any_within(toks, b, e, begin, end, third);
            failures += d::any_token_within(toks, b, e, begin, end, none) != old_any_within(toks, b, e, begin, end, none);
            const std::size_t seg = d::last_comma_within(toks, b, e, begin, end);
            failures += seg != old_last_comma(toks, b, e, begin, end);
            found += old_any_within(toks, b, e, begin, end, judgement);
            commas += seg < e && toks[seg].kind == Tok::comma;
            ++asks;
          }
    }
  }
  CHECK(failures == 0);
  CHECK(asks > 100000);
  CHECK(found > 1000);
  CHECK(commas > 1000);
  MESSAGE("asks: ", asks, ", judged ", found, ", ending on a comma ", commas);
}
