#pragma once
// says_active of an event's named span (has_into, lower.cpp), its common case in one or two block tests.

#include <algorithm>
#include <cstddef>
#include <string_view>

#include "lower_status_words.hpp"

namespace trialmatch::grammar::detail {

// Whether a span reads its status pairs in one or two blocks (SSE2, a text of 17 bytes or more, a span of 2 to 33).
inline bool status_pairs_in_blocks(std::string_view text, std::size_t b, std::size_t e) noexcept {
#if defined(__SSE2__)
  return e - b >= 2 && e - b <= 33 && text.size() >= 17 && e <= text.size();
#else
  (void)text, (void)b, (void)e;
  return false;
#endif
}

#if defined(__SSE2__)
// holds_status_pair(text, b, e) where status_pairs_in_blocks(text, b, e). A span of 17 bytes or fewer holds its
// pairs, sixteen at most, in one status_pairs16 block: read at the span's first byte or, near the text's end, at the
// text's last seventeen bytes and shifted (the block holds_status_pair's loop reads first), with no loop and no test
// of the block's place. A span of 18 to 33 bytes holds them in two blocks inside it, its first sixteen pairs and its
// last, overlapping where it has fewer than 32.
inline bool status_pair_in_blocks(std::string_view text, std::size_t b, std::size_t e) noexcept {
  if (e - b <= 17) {
    const std::size_t at = std::min(b, text.size() - 17);  // (b - at <= 15: the span's last pair ends by the text's end)
    return ((status_pairs16(text.data() + at) >> (b - at)) & ((1U << (e - b - 1)) - 1)) != 0;
  }
  return (status_pairs16(text.data() + b) | status_pairs16(text.data() + e - 17)) != 0;
}
#endif

// says_active(text, b, e) (lower_status_words.hpp), for b <= e <= text.size(): most event names are of 33 bytes or
// fewer, and their pair test is status_pair_in_blocks. Other spans take says_active.
// (tests/unit/test_grammar_event_status.cpp compares the two, and the pair tests, on every span of the golden lines.)
inline bool event_says_active(std::string_view text, std::size_t b, std::size_t e) noexcept {
#if defined(__SSE2__)
  if (status_pairs_in_blocks(text, b, e))
    return status_pair_in_blocks(text, b, e) && status_word_in(text.substr(b, e - b));
#endif
  return says_active(text, b, e);
}

}  // namespace trialmatch::grammar::detail
