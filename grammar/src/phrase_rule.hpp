#pragma once
// A rule that matches any one of a list of phrases, longest first, as one PEGTL rule with no
// sub-rules: the word lists stay data (quick to compile, quick to extend), not hundreds of types.
// In a phrase, a blank matches one or more blanks, ASCII letters match either case, other bytes
// match exactly, and a phrase that ends in a letter or digit must end on a word boundary.
#include <algorithm>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace trialmatch::grammar::rules {

constexpr bool is_word_byte(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes of `text` that `phrase` matches at its start, or 0.
constexpr std::size_t phrase_length(std::string_view phrase, std::string_view text) noexcept {
  std::size_t t = 0;
  for (std::size_t p = 0; p < phrase.size(); ++p) {
    if (phrase[p] == ' ') {
      if (t >= text.size() || !is_blank(text[t])) return 0;
      while (t < text.size() && is_blank(text[t])) ++t;
      continue;
    }
    if (t >= text.size() || ascii_lower(text[t]) != ascii_lower(phrase[p])) return 0;
    ++t;
  }
  if (!phrase.empty() && is_word_byte(phrase.back()) && t < text.size() && is_word_byte(text[t])) return 0;
  return t;
}

template <const auto& Phrases>
struct one_of_phrases {
  using rule_t = one_of_phrases;
  using subs_t = tao::pegtl::type_list<>;
  template <tao::pegtl::apply_mode, tao::pegtl::rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&... /*unused*/) {
    const std::string_view rest(in.current(), in.size(0));
    std::size_t best = 0;
    for (std::string_view p : Phrases) best = std::max(best, phrase_length(p, rest));
    if (best == 0) return false;
    in.bump(best);
    return true;
  }
};

}  // namespace trialmatch::grammar::rules

namespace tao::pegtl {
template <typename Name, const auto& Phrases>
struct analyze_traits<Name, trialmatch::grammar::rules::one_of_phrases<Phrases>> : analyze_any_traits<> {};
}  // namespace tao::pegtl
