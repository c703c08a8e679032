#pragma once
// A rule that matches any one of a list of phrases, longest first, as one PEGTL rule with no
// sub-rules: the word lists stay data (quick to compile, quick to extend), not hundreds of types.
// In a phrase, a blank matches one or more blanks, ASCII letters match either case, other bytes
// match exactly, and a phrase that ends in a letter or digit must end on a word boundary.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <cstdint>
#include <iterator>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace trialmatch::grammar::rules {

// ASCII letters and digits, by byte: one load where three range tests cost a branch each (the walk and
// other_word ask it of every byte of a word).
inline constexpr std::array<bool, 256> word_bytes = [] {
  std::array<bool, 256> t{};
  for (unsigned c = 0; c < 256; ++c) t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return t;
}();
constexpr bool is_word_byte(char c) noexcept { return word_bytes[static_cast<unsigned char>(c)]; }
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

// The first byte a phrase and a text must share for phrase_length to be non-zero: any blank is ' '
// (a phrase's blank matches any blank), letters are lower case. Equal keys are necessary, not sufficient.
constexpr unsigned char first_key(char c) noexcept {
  return static_cast<unsigned char>(is_blank(c) ? ' ' : ascii_lower(c));
}

// Up to the first four bytes of a phrase before its first blank, lower case, packed little-end first,
// with the mask of the bytes that count. A text whose first bytes, lower case, differ under the mask
// cannot match the phrase: one compare instead of a call to phrase_length.
struct PhrasePrefix {
  std::uint32_t bytes = 0, mask = 0;
};
constexpr PhrasePrefix phrase_prefix(std::string_view phrase) noexcept {
  PhrasePrefix p;
  for (std::size_t i = 0; i < phrase.size() && i < 4 && phrase[i] != ' '; ++i) {
    p.bytes |= std::uint32_t{static_cast<unsigned char>(ascii_lower(phrase[i]))} << (8 * i);
    p.mask |= std::uint32_t{0xFF} << (8 * i);
  }
  return p;
}
// The first four bytes of a text, lower case, packed as phrase_prefix packs them (0 past its end).
// Every phrase list tried at a position computes it, so the four bytes are lowered at once: a byte
// gets 0x20 added where it is 'A'..'Z' (ASCII, high bit clear), as ascii_lower does byte by byte.
inline std::uint32_t text_prefix(std::string_view text) noexcept {
  std::uint32_t v = 0;
  if (std::endian::native == std::endian::little && text.size() >= 4) {
    std::memcpy(&v, text.data(), 4);  // one load: the first byte lands lowest
  } else {
    for (std::size_t i = 0; i < text.size() && i < 4; ++i) v |= std::uint32_t{static_cast<unsigned char>(text[i])} << (8 * i);
  }
  const std::uint32_t low7 = v & 0x7F7F7F7FU;
  const std::uint32_t at_least_A = low7 + 0x3F3F3F3FU;  // high bit set where the byte's low 7 bits >= 'A'
  const std::uint32_t above_Z = low7 + 0x25252525U;     // high bit set where they are > 'Z'
  const std::uint32_t upper = at_least_A & ~above_Z & ~v & 0x80808080U;
  return v | (upper >> 2);  // 0x80 >> 2 == 0x20: 'A' + 0x20 == 'a'
}

// A phrase list's phrases grouped by first_key, computed at compile time: at a position only the
// phrases that can start there are tried (most positions start none of a list's phrases), and of
// those only the ones whose prefix agrees with the text.
template <std::size_t N>
struct FirstByteIndex {
  static_assert(N < 0xFFFF, "a phrase list of more than 65534 phrases");
  std::array<std::uint16_t, 257> begin{};  // phrases with key k: order[begin[k]] .. order[begin[k + 1] - 1]
  std::array<std::uint16_t, N> order{};    // phrase indices, empty phrases (which match nothing) left out
  std::array<PhrasePrefix, N> prefix{};    // prefix[i] is the prefix of phrase order[i]
};

template <std::size_t N>
constexpr FirstByteIndex<N> make_first_byte_index(const std::array<std::string_view, N>& phrases) {
  FirstByteIndex<N> index;
  std::array<std::uint16_t, 257> count{};
  for (const auto p : phrases)
    if (!p.empty()) ++count[first_key(p.front()) + 1];
  for (std::size_t k = 1; k < 257; ++k) count[k] += count[k - 1];
  index.begin = count;
  for (std::size_t i = 0; i < N; ++i) {
    if (phrases[i].empty()) continue;
    const std::uint16_t at = count[first_key(phrases[i].front())]++;
    index.order[at] = static_cast<std::uint16_t>(i);
    index.prefix[at] = phrase_prefix(phrases[i]);
  }
  return index;
}

// The longest of `phrases` that matches at the start of `text` (0 when none does), trying only the
// phrases `index` lists for the text's first byte and prefix.
template <std::size_t N>
std::size_t longest_phrase(const std::array<std::string_view, N>& phrases, const FirstByteIndex<N>& index,
                           std::string_view text) noexcept {
  if (text.empty()) return 0;
  const unsigned k = first_key(text.front());
  if (index.begin[k] == index.begin[k + 1]) return 0;
  const std::uint32_t head = text_prefix(text);
  std::size_t best = 0;
  for (std::size_t i = index.begin[k]; i < index.begin[k + 1]; ++i)
    if ((head & index.prefix[i].mask) == index.prefix[i].bytes)
      best = std::max(best, phrase_length(phrases[index.order[i]], text));
  return best;
}

template <const auto& Phrases>
struct one_of_phrases {
  using rule_t = one_of_phrases;
  using subs_t = tao::pegtl::type_list<>;
  static constexpr auto phrases = std::to_array(Phrases);
  static constexpr auto index = make_first_byte_index(phrases);
  template <tao::pegtl::apply_mode, tao::pegtl::rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&... /*unused*/) {
    const std::size_t best = longest_phrase(phrases, index, std::string_view(in.current(), in.size(0)));
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
