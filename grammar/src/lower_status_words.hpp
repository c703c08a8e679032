#pragma once
// "active malignancy", "current smoker", "currently pregnant", "ongoing infection": whether a named span's words say
// its event is active (has_into, lower.cpp).

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// Whether two bytes side by side in `s` are, ignoring ASCII case, "iv", "rr" or "go": every status word holds one
// such pair ("act[iv]e", "cu[rr]ent", "cu[rr]ently", "on[go]ing"), so a span with none holds none of the words, and
// most names hold none (one test for eight pairs, where the word scan reads each byte through two loops).
inline bool holds_status_pair(std::string_view s) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL, fold = 0x2020202020202020ULL;
  const auto load = [](const char* at) {
    std::uint64_t v;
    std::memcpy(&v, at, sizeof v);
    return v;
  };
  // Bytes x[j], y[j] are the pair at j (y read one byte on). A byte of v is zero where x ^ first | y ^ second has
  // a zero byte; (v - ones) & ~v & high is nonzero exactly where v has a zero byte. (Or-ing 0x20 folds the capitals,
  // and maps no other byte onto a lower-case letter.)
  const auto pairs_in = [&](std::uint64_t x, std::uint64_t y) {
    x |= fold;
    y |= fold;
    const std::uint64_t iv = (x ^ ('i' * ones)) | (y ^ ('v' * ones));
    const std::uint64_t rr = (x ^ ('r' * ones)) | (y ^ ('r' * ones));
    const std::uint64_t go = (x ^ ('g' * ones)) | (y ^ ('o' * ones));
    return (((iv - ones) & ~iv) | ((rr - ones) & ~rr) | ((go - ones) & ~go)) & high;
  };
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n < 9) {  // (fewer than eight pairs: read from a copy, zero after the span)
    std::array<char, 16> copy{};
    if (n > 0) std::memcpy(copy.data(), p, n);
    return pairs_in(load(copy.data()), load(copy.data() + 1)) != 0;
  }
  for (std::size_t k = 0;; k += 8) {
    if (k + 9 >= n) return pairs_in(load(p + n - 9), load(p + n - 8)) != 0;  // the last pairs, some read again
    if (pairs_in(load(p + k), load(p + k + 1)) != 0) return true;
  }
}

#if defined(__SSE2__)
// The pairs at the sixteen bytes from `at` (seventeen read) that are "iv", "rr" or "go" in any case, one bit each
// (SSE2, in every x86-64).
inline unsigned status_pairs16(const char* at) noexcept {
  const __m128i fold = _mm_set1_epi8(0x20);
  const __m128i x = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), fold);
  const __m128i y = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 1)), fold);
  const auto pair = [&](char first, char second) {
    return _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(first)), _mm_cmpeq_epi8(y, _mm_set1_epi8(second)));
  };
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(pair('i', 'v'), _mm_or_si128(pair('r', 'r'), pair('g', 'o')))));
}
#endif

// holds_status_pair of the span [b, e) of `text`, sixteen pairs a test where SSE2 is (bytes of `text` around the span
// are read but never counted: a block that would read past the text is read from the text's last seventeen bytes).
inline bool holds_status_pair(std::string_view text, std::size_t b, std::size_t e) noexcept {
  e = std::min(e, text.size());
  b = std::min(b, e);
#if defined(__SSE2__)
  if (text.size() >= 17 && e - b >= 2) {
    const std::size_t pairs = e - b - 1;
    for (std::size_t k = 0; k < pairs; k += 16) {
      const std::size_t at = b + k, left = pairs - k;
      unsigned found = 0;
      if (at + 17 <= text.size()) {
        found = status_pairs16(text.data() + at);
      } else {  // (at - last <= 15: the span's last pair ends at the text's end at the latest)
        const std::size_t last = text.size() - 17;
        found = status_pairs16(text.data() + last) >> (at - last);
      }
      if (left < 16) found &= (1U << left) - 1;
      if (found != 0) return true;
    }
    return false;
  }
#endif
  return holds_status_pair(text.substr(b, e - b));
}

// Whether a word of `named` is "active", "current", "currently" or "ongoing" in any case (a word: a letter and the
// letters and hyphens after it). (Out of line: asked only where holds_status_pair found a pair, one event in 200.)
[[gnu::noinline]] inline bool status_word_in(std::string_view named) noexcept {
  static constexpr std::string_view active_words[] = {"active", "current", "currently", "ongoing"};
  // Each byte's part in a word, from one table: 1 an ASCII letter (std::isalpha in the "C" locale the program
  // runs in), 2 a hyphen inside a word, 0 neither.
  static constexpr std::array<unsigned char, 256> word_part = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned x = 0; x < 256; ++x)
      t[x] = (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') ? 1 : x == '-' ? 2 : 0;
    return t;
  }();
  const auto part = [&](std::size_t x) { return word_part[static_cast<unsigned char>(named[x])]; };
  std::size_t p = 0;
  while (p < named.size()) {
    while (p < named.size() && part(p) != 1) ++p;
    std::size_t q = p;
    while (q < named.size() && part(q) != 0) ++q;
    // (A word of another length or first letter is none of the four: most words are compared with none.)
    const std::size_t n = q - p;
    const char first = static_cast<char>(n > 0 ? named[p] | 0x20 : 0);
    if ((n == 6 || n == 7 || n == 9) && (first == 'a' || first == 'c' || first == 'o') &&
        one_of(named.substr(p, n), active_words))
      return true;
    p = q;
  }
  return false;
}

// Whether a word of the span [b, e) of `text` is one of the status words (the span's words only, whatever stands
// around it).
inline bool says_active(std::string_view text, std::size_t b, std::size_t e) noexcept {
  return holds_status_pair(text, b, e) && status_word_in(text.substr(std::min(b, text.size()), e - std::min(b, e)));
}

}  // namespace trialmatch::grammar::detail
