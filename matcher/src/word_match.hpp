#pragma once
// Word and phrase tests on registry text, written by hand with the meaning std::regex gave them (ECMAScript,
// the "C" locale the program runs in): a word byte is [A-Za-z0-9_] and every other byte, UTF-8 included, is
// not; `\b` lies between a word byte and a non-word byte (or the text's edge); case folds as ASCII only.
// They replace the splitter's std::regex, which took ~80% of its time (tests/unit/test_trials_split_words.cpp
// keeps the regexes as the oracle).
#include <cstddef>
#include <span>
#include <string_view>

namespace trialmatch::matcher::words {

constexpr bool is_word_byte(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr char fold(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
// `\s`: the "C" locale's white space.
constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
// `\b` before s[p] (p == s.size(): at the end).
constexpr bool at_boundary(std::string_view s, std::size_t p) noexcept {
  const bool left = p > 0 && is_word_byte(s[p - 1]);
  const bool right = p < s.size() && is_word_byte(s[p]);
  return left != right;
}

// s from byte p on starts with `lower` (lower-case ASCII), case folded.
constexpr bool starts_with_icase(std::string_view s, std::size_t p, std::string_view lower) noexcept {
  if (p > s.size() || s.size() - p < lower.size()) return false;
  for (std::size_t k = 0; k < lower.size(); ++k)
    if (fold(s[p + k]) != lower[k]) return false;
  return true;
}

using Phrases = std::span<const std::string_view>;

// What has_phrase and ends_with_word take: lower-case phrases that begin and end with a word byte, so that
// they can only stand at the start of a run of word bytes. Checked at compile time where each list is made.
constexpr bool valid_phrases(Phrases phrases) noexcept {
  for (auto p : phrases) {
    if (p.empty() || !is_word_byte(p.front()) || !is_word_byte(p.back())) return false;
    for (char c : p)
      if (c >= 'A' && c <= 'Z') return false;
  }
  return true;
}

// `\b(p1|p2|...)\b` with std::regex::icase, searched: one of the phrases stands in s as whole words.
bool has_phrase(std::string_view s, Phrases phrases) noexcept;
// `\b(lead)[a-z0-9]{1,max}\b` with icase: "part B", "category 2" (lead "part ", "category ").
bool has_phrase_then_code(std::string_view s, std::string_view lead, std::size_t max) noexcept;
// `\b(p1|p2|...)$` with icase: s ends with one of the phrases, which starts a word.
bool ends_with_word(std::string_view s, Phrases phrases) noexcept;
// `(p1|p2|...)$` with icase: s ends with one of the phrases (no word boundary asked; phrases as for has_phrase).
bool ends_with_any(std::string_view s, Phrases phrases) noexcept;

}  // namespace trialmatch::matcher::words
