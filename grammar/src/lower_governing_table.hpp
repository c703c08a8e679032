// finish_items' governed-words scan (lower_items.cpp) asks every word of unread text before the piece's last event
// whether it is a relation head, "criteria" or a relative (lower_governing_words.hpp's three lists): one table of
// the three (lower_word_table.hpp) answers all three with one look-up.
#pragma once

#include <iterator>

#include "lower_governing_words.hpp"
#include "lower_word_table.hpp"

namespace trialmatch::grammar::detail {

enum GoverningList : unsigned { kRelationHead = 1, kCriteriaWord = 2, kRelative = 4 };

inline constexpr auto kGoverningTable = [] {
  WordTable<std::size(kRelationHeads) + std::size(kCriteria) + std::size(kRelatives), 17> table;
  table.add(kRelationHeads, kRelationHead);
  table.add(kCriteria, kCriteriaWord);
  table.add(kRelatives, kRelative);
  table.finish();
  return table;
}();

}  // namespace trialmatch::grammar::detail
