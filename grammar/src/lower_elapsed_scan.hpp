// The words of an alternative that may time the events before it (lower_elapsed_list.cpp): its tokens found from a
// cursor kept across the piece's items, not from the line's first token. The items are in text order, so the tokens
// of the next item asked begin at or after those of the last: on a long list ("diabetes and renal foo and ..." in an
// exclusion, every "and" read as "or") a scan from the line's first token each item was quadratic.
#pragma once

#include <cstddef>

namespace trialmatch::grammar::detail {

// The first token that begins at or after `begin`, walked to from `from` (lower_item_tokens.hpp's first_token_from
// bisects a piece's tokens instead); from the line's first token where the token before `from` begins there already
// (an item before the last asked: none in text order, but the answer does not depend on it). Tokens are in text order.
template <class Toks>
std::size_t token_from_cursor(const Toks& toks, std::size_t size, std::size_t from, std::size_t begin) {
  std::size_t x = from <= size && (from == 0 || toks[from - 1].begin < begin) ? from : 0;
  while (x < size && toks[x].begin < begin) ++x;
  return x;
}

// Whether the tokens within [begin, end) hold a word that counts a time back from an event (`since_word`) and a time
// (`time`), each asked of a token's index. `cursor` is where the last item's tokens began, and is moved to this one's.
struct ElapsedWords {
  bool time_word = false, time = false;
};
template <class Toks, class SinceWord, class Time>
ElapsedWords elapsed_words(const Toks& toks, std::size_t size, std::size_t& cursor, std::size_t begin, std::size_t end,
                           SinceWord&& since_word, Time&& time) {
  ElapsedWords found;
  cursor = token_from_cursor(toks, size, cursor, begin);
  for (std::size_t x = cursor; x < size && toks[x].begin < end; ++x) {
    if (toks[x].end > end) continue;
    found.time_word = found.time_word || since_word(x);
    found.time = found.time || time(x);
  }
  return found;
}

}  // namespace trialmatch::grammar::detail
