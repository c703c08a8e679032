#include "word_match.hpp"

namespace trialmatch::matcher::words {

bool has_phrase(std::string_view s, Phrases phrases) noexcept {
  // Each phrase begins with a word byte, so `\b` before it means the start of a run of word bytes.
  for (std::size_t p = 0; p < s.size(); ++p) {
    if (!is_word_byte(s[p]) || (p > 0 && is_word_byte(s[p - 1]))) continue;
    const char first = fold(s[p]);
    for (auto phrase : phrases)
      if (phrase[0] == first && starts_with_icase(s, p, phrase) && at_boundary(s, p + phrase.size())) return true;
  }
  return false;
}

bool has_phrase_then_code(std::string_view s, std::string_view lead, std::size_t max) noexcept {
  for (std::size_t p = 0; p < s.size(); ++p) {
    if (!is_word_byte(s[p]) || (p > 0 && is_word_byte(s[p - 1])) || !starts_with_icase(s, p, lead)) continue;
    std::size_t e = p + lead.size();
    const std::size_t code = e;
    // [a-z0-9] (icase: A-Z too), greedy; backing off never helps, as `\b` cannot fall between two letters.
    while (e < s.size() && is_word_byte(s[e]) && s[e] != '_') ++e;
    if (e > code && e - code <= max && at_boundary(s, e)) return true;
  }
  return false;
}

bool ends_with_word(std::string_view s, Phrases phrases) noexcept {
  if (s.empty()) return false;
  const char last = fold(s.back());  // compared first: most texts end on no phrase's last letter
  for (auto phrase : phrases) {
    if (phrase.size() > s.size() || phrase.back() != last) continue;
    const std::size_t p = s.size() - phrase.size();
    if (starts_with_icase(s, p, phrase) && (p == 0 || !is_word_byte(s[p - 1]))) return true;
  }
  return false;
}

bool ends_with_any(std::string_view s, Phrases phrases) noexcept {
  if (s.empty()) return false;
  const char last = fold(s.back());
  for (auto phrase : phrases)
    if (phrase.size() <= s.size() && phrase.back() == last && starts_with_icase(s, s.size() - phrase.size(), phrase))
      return true;
  return false;
}

}  // namespace trialmatch::matcher::words
