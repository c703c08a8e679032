// The words of a lead-in that say it names an arm of the trial or a kind of participant (Lowering::names_cohort,
// lower_shared.cpp): an arm ("Cohort 1:", "Healthy volunteers:"), a criteria heading ("Inclusion criteria for
// carers:") and the words that leave it plain ("Key inclusion criteria:"), or one for everyone ("For both groups:").
// names_cohort asks every word of every lead-in before a colon of all four lists: one table holds them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>

#include "lower_util.hpp"
#include "tokens.hpp"
#include "trialmatch/engine/lexicon.hpp"

namespace trialmatch::grammar::detail {

inline constexpr std::string_view kCohortArms[] = {
    "cohort", "cohorts", "group", "groups", "subgroup", "subgroups", "arm", "arms", "part", "category",
    "substudy", "control", "controls", "volunteers", "caregivers", "carers", "parents", "families",
    "siblings", "staff", "residents", "clinicians", "facilitators"};
// "Patient Inclusion Criteria:", "Inclusion criteria for carers:": a criteria heading qualified by whom.
inline constexpr std::string_view kCriteriaHeadingWords[] = {"inclusion", "exclusion", "inclusions", "exclusions"};
inline constexpr std::string_view kPlainHeadingWords[] = {
    "criteria", "criterion", "key", "main", "general", "additional", "specific", "study", "other", "major",
    "eligibility", "the", "for", "of", "in", "and", "applicable", "to", "were", "are", "is", "as",
    "follows", "following", "listed", "below", "these", "this", "our"};
// "For both groups:", "In all categories:": for everyone, so no one arm.
inline constexpr std::string_view kEveryoneWords[] = {"both", "all", "each", "every"};

// The lists a word is in, as bits.
enum CohortList : unsigned { kArm = 1, kCriteriaHeading = 2, kPlain = 4, kEveryone = 8 };

// The four lists in one table: a word's lists are found among the entries of its first letter and length (one or
// two), where four WordLists walked the entries of its first letter four times. Every entry is lower-case letters
// (checked when the table is made), so a byte of the word matches an entry's byte in either case where it does
// with its 0x20 bit set: a byte of A-Z is then its lower case, and no other byte becomes a letter it was not.
// (Matches as iequals does: only A-Z fold.)
class CohortWordTable {
 public:
  constexpr CohortWordTable() {
    add(kCohortArms, kArm);
    add(kCriteriaHeadingWords, kCriteriaHeading);
    add(kPlainHeadingWords, kPlain);
    add(kEveryoneWords, kEveryone);
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
  // The lists `word` is in (0: none). (First the one-bit test of its first letter and length: most words are refused
  // by it.)
  unsigned lists_of(std::string_view word) const noexcept {
    if (word.empty() || word.size() > kLongest) return 0;
    const unsigned first = letter(word);
    if (!((lengths_[first] >> word.size()) & 1)) return 0;
    const std::size_t b = first * (kLongest + 1) + word.size();
    for (std::size_t i = starts_[b]; i < starts_[b + 1]; ++i) {
      const std::string_view entry = sorted_[i];
      std::size_t j = 1;  // (the first byte's letter is the bucket's)
      while (j < entry.size() && (static_cast<unsigned char>(word[j]) | 0x20) == static_cast<unsigned char>(entry[j])) ++j;
      if (j == entry.size()) return sorted_lists_[i];
    }
    return 0;
  }

 private:
  static constexpr std::size_t kMax = std::size(kCohortArms) + std::size(kCriteriaHeadingWords) +
                                      std::size(kPlainHeadingWords) + std::size(kEveryoneWords);
  static_assert(kMax < 256, "the bucket bounds are bytes");
  static constexpr std::size_t kLongest = 15;  // entries are at most this long
  static constexpr std::size_t kLetters = 27;  // a-z, and anything else (no entry opens so)
  static constexpr std::size_t kBuckets = kLetters * (kLongest + 1);
  static constexpr unsigned letter(std::string_view w) noexcept {
    const auto c = static_cast<unsigned char>(w[0] | 0x20);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
  }
  static constexpr std::size_t bucket(std::string_view w) noexcept { return letter(w) * (kLongest + 1) + w.size(); }
  // (A word in two lists is one entry with both bits.)
  constexpr void add(std::span<const std::string_view> list, unsigned bit) {
    for (const std::string_view w : list) {
      if (w.empty() || w.size() > kLongest) throw "an entry of one to kLongest bytes";
      for (const char c : w)
        if (c < 'a' || c > 'z') throw "an entry of lower-case letters only";
      std::size_t i = 0;
      while (i < count_ && words_[i] != w) ++i;
      if (i == count_) words_[count_++] = w;
      lists_[i] |= bit;
    }
  }
  std::string_view words_[kMax] = {};
  unsigned lists_[kMax] = {};
  std::size_t count_ = 0;
  std::string_view sorted_[kMax] = {};
  unsigned sorted_lists_[kMax] = {};
  std::uint8_t starts_[kBuckets + 1] = {};  // bucket b holds sorted_[starts_[b], starts_[b + 1])
  std::uint32_t lengths_[kLetters] = {};    // bit n: an entry of this first letter is n bytes long
};

inline constexpr CohortWordTable kCohortWordTable;

// What the words of toks[b, c) say of the lead-in they make: `refused` where one is measured or names everyone
// (the lead-in names no arm then); else whether one names an arm, one a criteria heading, and one is in no list
// but those two (qualifies the heading).
struct CohortWords {
  bool refused = false, arm = false, criteria_heading = false, qualified = false;
};

inline CohortWords cohort_words(std::string_view text, std::span<const Token> toks, std::size_t b, std::size_t c) {
  CohortWords out;
  for (std::size_t k = b; k < c && k < toks.size(); ++k) {
    const auto kind = toks[k].kind;
    if (kind == Tok::name && engine::is_measured(toks[k].entry->kind)) return {true};
    if (kind != Tok::word && kind != Tok::filler && kind != Tok::subject && kind != Tok::guard && kind != Tok::name)
      continue;
    const unsigned lists = kCohortWordTable.lists_of(text.substr(toks[k].begin, toks[k].end - toks[k].begin));
    if (lists & kEveryone) return {true};
    out.arm = out.arm || (lists & kArm);
    if (lists & kCriteriaHeading) out.criteria_heading = true;
    else if (!(lists & kPlain)) out.qualified = true;
  }
  return out;
}

}  // namespace trialmatch::grammar::detail
