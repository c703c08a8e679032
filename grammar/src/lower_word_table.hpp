// A few word lists in one table (lower_cohort_words.hpp, lower_governing_words.hpp): the lists a word is in, found
// among the entries of its first letter and length (one or two), where a WordList per list walked the entries of the
// word's first letter once per list. Every entry is lower-case letters (checked when the table is made), so a byte of
// the word matches an entry's byte in either case where it does with its 0x20 bit set: a byte of A-Z is then its lower
// case, and no other byte becomes a letter it was not. (Matches as iequals does: only A-Z fold.)
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
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
      keys_[at] = key_of(words_[i].data(), words_[i].size());
      lengths_[letter(words_[i])] |= std::uint32_t{1} << words_[i].size();
    }
    for (unsigned c = 0; c < 256; ++c) {
      lengths_by_byte_[c] = lengths_[letter_of_byte(static_cast<unsigned char>(c))];
      bucket_by_byte_[c] = static_cast<std::uint16_t>(letter_of_byte(static_cast<unsigned char>(c)) * (Longest + 1));
    }
  }

  // The bits of the lists `word` is in (0: none). (First the one-bit test of its first byte and length: most words
  // are refused by it. Then one compare of keys for each entry of its bucket; past eight bytes, those between too.)
  unsigned lists_of(std::string_view word) const noexcept {
    if (word.size() - 1 >= Longest) return 0;  // (empty, or longer than any entry: one test, the size less one wraps)
    const auto first = static_cast<unsigned char>(word[0]);
    if (!((lengths_by_byte_[first] >> word.size()) & 1)) return 0;
    const std::size_t b = bucket_by_byte_[first] + word.size();
    const std::uint64_t key = key_of(word.data(), word.size());
    for (std::size_t i = starts_[b]; i < starts_[b + 1]; ++i) {
      if (keys_[i] != key) continue;
      const std::string_view entry = sorted_[i];
      std::size_t j = 4;  // (a key holds bytes 0 to 3 and the last four: past eight bytes, those between are asked)
      while (j + 4 < entry.size() && (static_cast<unsigned char>(word[j]) | 0x20) == static_cast<unsigned char>(entry[j])) ++j;
      if (j + 4 >= entry.size()) return sorted_lists_[i];
    }
    return 0;
  }

 private:
  static_assert(Max < 256, "the bucket bounds are bytes");
  static_assert(Longest < 32, "a letter's lengths are the bits of 32");
  static constexpr std::size_t kLetters = 27;  // a-z, and anything else (no entry opens so)
  static constexpr std::size_t kBuckets = kLetters * (Longest + 1);
  static constexpr unsigned letter(std::string_view w) noexcept { return letter_of_byte(static_cast<unsigned char>(w[0])); }
  static constexpr std::size_t bucket(std::string_view w) noexcept { return letter(w) * (Longest + 1) + w.size(); }
  static constexpr unsigned letter_of_byte(unsigned char c) noexcept {
    c = static_cast<unsigned char>(c | 0x20);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
  }
  // Bytes [at, at + n) as a little-endian number, each with its 0x20 bit set (n of 1, 2 or 4: at run time one load).
  static constexpr std::uint64_t bytes_at(const char* w, std::size_t at, unsigned n) noexcept {
    constexpr std::uint64_t case_bits = 0x20202020;
    if (!std::is_constant_evaluated()) {
      static_assert(std::endian::native == std::endian::little, "keys made at compile time are little-endian");
      if (n == 4) {
        std::uint32_t v;
        std::memcpy(&v, w + at, 4);
        return v | case_bits;
      }
      if (n == 2) {
        std::uint16_t v;
        std::memcpy(&v, w + at, 2);
        return v | (case_bits & 0xffff);
      }
    }
    std::uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i) v |= std::uint64_t{static_cast<unsigned char>(w[at + i])} << (8 * i);
    return v | (case_bits >> (8 * (4 - n)));
  }
  // A word's key, made of its case-folded bytes (as lists_of compares them): all of them up to eight; past eight,
  // bytes 0 to 3 and the last four. (Two loads that may overlap, never past the word; its length is the bucket's.)
  static constexpr std::uint64_t key_of(const char* w, std::size_t n) noexcept {
    if (n >= 4) return bytes_at(w, 0, 4) | bytes_at(w, n - 4, 4) << 32;
    if (n >= 2) return bytes_at(w, 0, 2) | bytes_at(w, n - 2, 2) << 16;
    return bytes_at(w, 0, 1);
  }

  std::string_view words_[Max] = {};
  unsigned lists_[Max] = {};
  std::size_t count_ = 0;
  std::string_view sorted_[Max] = {};
  unsigned sorted_lists_[Max] = {};
  std::uint8_t starts_[kBuckets + 1] = {};  // bucket b holds sorted_[starts_[b], starts_[b + 1])
  std::uint32_t lengths_[kLetters] = {};    // bit n: an entry of this first letter is n bytes long
  std::uint32_t lengths_by_byte_[256] = {};  // the same, by the first byte itself (either case of a letter)
  std::uint16_t bucket_by_byte_[256] = {};   // the first bucket of the first byte's letter (bucket less the length)
  std::uint64_t keys_[Max] = {};             // key_of each of sorted_
};

}  // namespace trialmatch::grammar::detail
