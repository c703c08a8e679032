#pragma once

#include <cassert>
#include <cctype>
#include <cstddef>
#include <string_view>

namespace trialmatch::grammar {

// The bytes [b, e) of `text`, where b <= e <= text.size(): the view substr gave, without its bounds test, its
// clamp and its throw path at every call (as Lowering::slice). For bounds that lie inside the text by
// construction: a token's or a record's, or a scan's position tested against the size before.
[[gnu::always_inline]] inline std::string_view text_span(std::string_view text, std::size_t b, std::size_t e) noexcept {
  assert(b <= e && e <= text.size());
  return {text.data() + b, e - b};
}

// The bytes from `b` (b <= text.size()) to the end.
[[gnu::always_inline]] inline std::string_view tail_from(std::string_view text, std::size_t b) noexcept {
  assert(b <= text.size());
  return {text.data() + b, text.size() - b};
}

// Whether `s`, lower-cased as std::tolower does, is `lower_word` (compared as it is lowered: no lowered copy).
inline bool equals_lowered(std::string_view s, std::string_view lower_word) noexcept {
  if (s.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != lower_word[i]) return false;
  return true;
}

}  // namespace trialmatch::grammar
