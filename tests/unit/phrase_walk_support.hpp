#pragma once
// The phrase trie's walk held against a scan of each list (grammar/src/phrase_index.hpp), as the trie's unit tests
// ask it: test_grammar_phrase_index.cpp and test_grammar_phrase_runs.cpp; and the lexicon's first words, alone or glued
// into lines, as those tests and test_grammar_word_after_first.cpp read them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "../../grammar/src/custom_rules.hpp"
#include "../../grammar/src/phrase_index.hpp"
#include "../../grammar/src/token_rules.hpp"
#include "trialmatch/engine/lexicon.hpp"

namespace phrase_walk_support {

// The longest of `phrases` that matches at the start of `text` (0: none), one phrase at a time.
inline std::size_t longest_by_scan(std::span<const std::string_view> phrases, std::string_view text) {
  std::size_t best = 0;
  for (const std::string_view p : phrases) best = std::max(best, trialmatch::grammar::rules::phrase_length(p, text));
  return best;
}

// Whether the walk, both forms, finds each list's longest phrase at the start of `text` (a std::string's suffix: a
// NUL follows it), and where the item list matched names a phrase of that length. The lengths start as garbage: the
// walk must not depend on them. Checks (and stops at) the first list that disagrees.
inline bool walk_agrees(const trialmatch::grammar::phrases::PhraseTrie& trie,
                        std::span<const std::span<const std::string_view>> lists, std::size_t item_list,
                        std::string_view text) {
  for (const bool terminated : {false, true}) {
    std::vector<std::uint32_t> length(lists.size(), 0xDEADBEEFU);
    std::uint32_t item = 0xDEADBEEFU;
    trialmatch::grammar::PhraseMemo memo;
    if (terminated) trie.match_terminated(text, length.data(), memo.found.data(), &item);
    else trie.match(text, length.data(), memo.found.data(), &item);
    for (std::size_t l = 0; l < lists.size(); ++l) {
      const std::size_t walked = memo.matched(l) ? length[l] : 0;
      const std::size_t scanned = longest_by_scan(lists[l], text);
      // Which phrase of the item list matched: the one whose match is the longest.
      const bool item_right =
          l != item_list || scanned == 0 || trialmatch::grammar::rules::phrase_length(lists[l][item], text) == scanned;
      if (walked != scanned || !item_right) {
        CAPTURE(text);
        CAPTURE(terminated);
        CAPTURE(l);
        CHECK(walked == scanned);
        CHECK(item_right);
        return false;
      }
    }
  }
  return true;
}

// The first words of the lexicon's names, as the tokenizer lists them (tokens.cpp, make_tokenizer_tables): the run of
// word bytes lower-cased, or a name's first byte where it is no word byte.
inline std::vector<std::string> lexicon_first_words(const trialmatch::engine::Lexicon& lexicon) {
  namespace r = trialmatch::grammar::rules;
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  for (const auto& c : lexicon.concepts())
    for (const auto* spellings : {&c.names, &c.abbreviations})
      for (const std::string& s : *spellings) {
        if (s.empty()) continue;
        std::string w;
        if (!r::is_word_byte(s[0])) w = s.substr(0, 1);
        for (std::size_t i = 0; i < s.size() && r::is_word_byte(s[i]); ++i) w += r::ascii_lower(s[i]);
        if (seen.insert(w).second) words.push_back(w);
      }
  return words;
}

// `count` lines of one to five of `words`, each in random case and followed by one of `glue` (seeded: the same lines
// every run).
inline std::vector<std::string> glued_lines(const std::vector<std::string>& words, std::span<const std::string_view> glue,
                                            int count, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> lines;
  for (int n = 0; n < count; ++n) {
    std::string line;
    for (int k = 0, words_in_line = 1 + static_cast<int>(rng() % 5); k < words_in_line; ++k) {
      std::string w = words[rng() % words.size()];
      for (auto& c : w)
        if (rng() % 3 == 0) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      line += w;
      line += glue[rng() % glue.size()];
    }
    lines.push_back(line);
  }
  return lines;
}

}  // namespace phrase_walk_support
