#pragma once
// "active malignancy", "current smoker", "currently pregnant", "ongoing infection": whether a named span's words say
// its event is active (has_into, lower.cpp).

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

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

// Whether a word of `named` is "active", "current", "currently" or "ongoing" in any case (a word: a letter and the
// letters and hyphens after it).
inline bool says_active(std::string_view named) noexcept {
  if (!holds_status_pair(named)) return false;
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

}  // namespace trialmatch::grammar::detail
