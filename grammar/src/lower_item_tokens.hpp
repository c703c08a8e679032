#pragma once
// finish_items' scans of one item's tokens, from the item's first token (found by bisection) to its end: a scan from
// the piece's first token for each item was quadratic over a long list of unread words ("clinically significant ...
// or hemoglobin < 10 g/dL or ...", repeated).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tokens.hpp"

namespace trialmatch::grammar::detail {

// The first token of [b, e) that begins at or after `offset` (tokens are in text order: Lowering::token_at).
inline std::size_t first_token_from(std::span<const Token> toks, std::size_t b, std::size_t e, std::uint32_t offset) {
  return static_cast<std::size_t>(
      std::partition_point(toks.begin() + static_cast<std::ptrdiff_t>(b), toks.begin() + static_cast<std::ptrdiff_t>(e),
                           [&](const Token& t) { return t.begin < offset; }) -
      toks.begin());
}

// Whether a token of [b, e) within bytes [begin, end] passes `pred` (asked in text order, up to the first that does).
// (Tokens before the first one at `begin` start before it; those that start past `end` end past it.)
template <class Pred>
bool any_token_within(std::span<const Token> toks, std::size_t b, std::size_t e, std::uint32_t begin, std::uint32_t end,
                      Pred&& pred) {
  for (std::size_t x = first_token_from(toks, b, e, begin); x < e && toks[x].begin <= end; ++x)
    if (toks[x].end <= end && pred(x)) return true;
  return false;
}

// The last comma of [b, e) that begins in bytes [begin, end), or, where there is none, the first token that does;
// e where no token does.
inline std::size_t last_comma_within(std::span<const Token> toks, std::size_t b, std::size_t e, std::uint32_t begin,
                                     std::uint32_t end) {
  std::size_t seg = e;
  for (std::size_t x = first_token_from(toks, b, e, begin); x < e && toks[x].begin < end; ++x)
    if (toks[x].kind == Tok::comma || seg == e) seg = x;
  return seg;
}

// An unread item's tokens for open_reading_or_text, from the piece [b, e) that holds the item's bytes [begin, end):
// `first`, the first token at or after `begin` (what a bisection over the whole line finds: the piece's tokens before
// it begin earlier, and the tokens after the piece begin past `end`), and `last`, the first token from `first` that
// ends past `end`, or e (where the tokens of the line after e end past `end` too), as open_reading_or_text's bisection
// from before `first` finds it where the tokens before `first` end by `end`. (The former open_or_text bisected the
// whole line for both; the item's own tokens are few, and read once.)
struct ItemTokens {
  std::size_t first, last;
};
inline ItemTokens item_tokens(std::span<const Token> toks, std::size_t b, std::size_t e, std::uint32_t begin,
                              std::uint32_t end) {
  const std::size_t first = first_token_from(toks, b, e, begin);
  // (Bytes within the token before `first`, no item's: open_reading_or_text's own bisection, which passes none.)
  if (first > 0 && toks[first - 1].end > end) return {first, toks.size() + 1};
  std::size_t last = first;
  while (last < e && toks[last].end <= end) ++last;
  return {first, last};
}

}  // namespace trialmatch::grammar::detail
