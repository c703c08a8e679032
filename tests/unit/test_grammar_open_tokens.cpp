// finish_items' unread items read by open_reading_or_text with their tokens found in the piece (grammar/src/
// lower_item_tokens.hpp's item_tokens): against open_or_text's own (kept here as the oracle), the first token by a
// bisection of the whole line and the last by open_reading_or_text's bisection from there (the last unknown), on every
// span of up to 16 tokens of every golden line, in pieces of several sizes, with a byte cut off either end.
#include <doctest/doctest.h>

#include <algorithm>
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

// The tokens open_reading_or_text reads, [from, to), given `first` and `last` as its caller gives them (lower_open.cpp:
// back over filler and subject tokens; `last` taken where it is known, else the bisection over the rest of the line).
std::pair<std::size_t, std::size_t> read_tokens(std::span<const g::Token> toks, std::size_t first, std::size_t last,
                                                std::uint32_t end) {
  std::size_t b = first;
  while (b > 0 && b <= toks.size() && (toks[b - 1].kind == Tok::filler || toks[b - 1].kind == Tok::subject)) --b;
  const bool known = last <= toks.size() && last > b && (last == toks.size() || toks[last].end > end);
  const auto e = known ? last
                       : static_cast<std::size_t>(std::partition_point(toks.begin() + static_cast<std::ptrdiff_t>(b),
                                                                       toks.end(),
                                                                       [&](const g::Token& t) { return t.end <= end; }) -
                                                  toks.begin());
  return {b, e};
}

// open_or_text's: the first token by bisection of the whole line, the last not known.
std::pair<std::size_t, std::size_t> old_read_tokens(std::span<const g::Token> toks, std::uint32_t begin,
                                                    std::uint32_t end) {
  return read_tokens(toks, d::first_token_from(toks, 0, toks.size(), begin), toks.size() + 1, end);
}

}  // namespace

TEST_CASE("an unread item's tokens found in its piece: open_or_text's on every span of the golden lines") {
  const en::Lexicon& lexicon = en::Lexicon::builtin();
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  lines.insert(lines.end(), {"clinically significant renal disease or hemoglobin < 10 g/dL, or severe anemia",
                             "score of 2 or greater on the Modified Rankin Scale, or patients with a stroke"});
  std::size_t asks = 0, whole = 0, known = 0, failures = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    const std::span<const g::Token> toks(tokens);
    const std::size_t n = toks.size();
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i; j < n && j < i + 16; ++j)
        for (const std::uint32_t cut : {0u, 1u}) {
          // (Items as the lowering has them, from a token's start to a token's end, and a byte inside either.)
          const std::uint32_t begin = toks[i].begin + cut, end = toks[j].end - (toks[j].end > begin + cut ? cut : 0);
          if (end < begin) continue;
          const auto old = old_read_tokens(toks, begin, end);
          // (Pieces that hold the item: the whole line, the item's own tokens, and a few tokens either side.)
          for (const auto& [b, e] : {std::pair<std::size_t, std::size_t>{0, n},
                                     {i, j + 1},
                                     {i - std::min<std::size_t>(i, 3), std::min(n, j + 4)}}) {
            const d::ItemTokens words = d::item_tokens(toks, b, e, begin, end);
            const auto now = read_tokens(toks, words.first, words.last, end);
            failures += now != old;
            // (Items of whole tokens, as the lowering's are: the last token found here, no bisection made.)
            whole += cut == 0;
            known += cut == 0 && words.last <= n && (words.last == n || toks[words.last].end > end);
            ++asks;
          }
        }
  }
  CHECK(failures == 0);
  CHECK(asks > 100000);
  CHECK(known == whole);
  MESSAGE(asks << " items asked, " << whole << " of whole tokens");
}
