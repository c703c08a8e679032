// A few word lists in one table (lower_cohort_words.hpp, lower_governing_words.hpp): the lists a word is in, found
// among the entries of its first letter and length (one or two), where a WordList per list walked the entries of the
// word's first letter once per list. Every entry is lower-case letters (checked when the table is made), so a byte of
// the word matches an entry's byte in either case where it does with its 0x20 bit set: a byte of A-Z is then its lower
// case, and no other byte becomes a letter it was not. (Matches as iequals does: only A-Z fold.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace trialmatch::grammar::detail {

// `Max`: entries at most (the lists' sizes together); `Longest`: bytes at most of an entry.
template <std::size_t Max, std::size_t Longest>
class WordTable {
 public:
  // Made at compile time: each list added with its bit, then `finish()`. (A word in two lists is one entry with
  // both bits.)
  constexpr void add(std::span<const std::string_view> list, unsigned bit) {
    for (const std::string_view w : list) {
      if (w.empty() || w.size() > Longest) throw "an entry of one to Longest bytes";
      for (const char c : w)
        if (c < 'a' || c > 'z') throw "an entry of lower-case letters only";
      std::size_t i = 0;
      while (i < count_ && words_[i] != w) ++i;
      if (i == count_) {
        if (count_ == Max) throw "more than Max entries";
        words_[count_++] = w;
      }
      lists_[i] |= bit;
    }
  }
  constexpr void finish() {
    std::size_t next[kBuckets] = {};
    for (std::size_t i = 0; i < count_; ++i) ++starts_[bucket(words_[i]) + 1];
    for (std::size_t b = 0; b < kBuckets; ++b) starts_[b + 1] = static_cast<std::uint8_t>(starts_[b + 1] + starts_[b]);
    for (std::size_t b = 0; b < kBuckets; ++b) next[b] = starts_[b];
    for (std::size_t i = 0; i < count_; ++i) {
      const std::size_t at = next[bucket(words_[i])]++;
      sorted_[at] = words_[i];
      sorted_lists_[at] = lists_[i];
      lengths_[letter(words_[i])] |= std::uint32_t{1} << words_[i].size();
    }
  }

  // The bits of the lists `word` is in (0: none). (First the one-bit test of its first letter and length: most words
  // are refused by it.)
  unsigned lists_of(std::string_view word) const noexcept {
    if (word.empty() || word.size() > Longest) return 0;
    const unsigned first = letter(word);
    if (!((lengths_[first] >> word.size()) & 1)) return 0;
    const std::size_t b = first * (Longest + 1) + word.size();
    for (std::size_t i = starts_[b]; i < starts_[b + 1]; ++i) {
      const std::string_view entry = sorted_[i];
      std::size_t j = 1;  // (the first byte's letter is the bucket's)
      while (j < entry.size() && (static_cast<unsigned char>(word[j]) | 0x20) == static_cast<unsigned char>(entry[j])) ++j;
      if (j == entry.size()) return sorted_lists_[i];
    }
    return 0;
  }

 private:
  static_assert(Max < 256, "the bucket bounds are bytes");
  static_assert(Longest < 32, "a letter's lengths are the bits of 32");
  static constexpr std::size_t kLetters = 27;  // a-z, and anything else (no entry opens so)
  static constexpr std::size_t kBuckets = kLetters * (Longest + 1);
  static constexpr unsigned letter(std::string_view w) noexcept {
    const auto c = static_cast<unsigned char>(w[0] | 0x20);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
  }
  static constexpr std::size_t bucket(std::string_view w) noexcept { return letter(w) * (Longest + 1) + w.size(); }

  std::string_view words_[Max] = {};
  unsigned lists_[Max] = {};
  std::size_t count_ = 0;
  std::string_view sorted_[Max] = {};
  unsigned sorted_lists_[Max] = {};
  std::uint8_t starts_[kBuckets + 1] = {};  // bucket b holds sorted_[starts_[b], starts_[b + 1])
  std::uint32_t lengths_[kLetters] = {};    // bit n: an entry of this first letter is n bytes long
};

}  // namespace trialmatch::grammar::detail
