#pragma once
// A piece of text compared with a word written in the code.
#include <cstddef>
#include <cstring>
#include <string_view>

namespace trialmatch::grammar::detail {

// Whether `s` is `word`, a literal ("age", "mm[Hg]"). Its length is known where this is compiled, so the bytes are
// compared in place: std::string_view's == calls compare, a library call, wherever the lengths are equal, and
// std::string's == "word" calls one always (the comparisons read ~10,000 ids and units a pass).
template <std::size_t N>
inline bool equals_literal(std::string_view s, const char (&word)[N]) noexcept {
  static_assert(N > 1, "a word, not the empty string");
  return s.size() == N - 1 && std::memcmp(s.data(), word, N - 1) == 0;
}

}  // namespace trialmatch::grammar::detail
