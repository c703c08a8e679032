#pragma once
// The phrase trie's walk held against a scan of each list (grammar/src/phrase_index.hpp), as the trie's unit tests
// ask it: test_grammar_phrase_index.cpp and test_grammar_phrase_runs.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "../../grammar/src/custom_rules.hpp"
#include "../../grammar/src/phrase_index.hpp"

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

}  // namespace phrase_walk_support
