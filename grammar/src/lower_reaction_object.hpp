#pragma once
// finish_items' reaction block: "Allergy or intolerance to bupivacaine", "Hypersensitivity, allergy, or significant
// reaction to any ingredient of Pitocin": a reaction read as a concept, offered beside unread words that carry the
// object ("to ..."), reacts to that object too; the reaction and its alternatives up to the object become one text.
// The object is looked for first, the reaction's words only where there is one (most pieces have no object); each
// walk to the object is kept for the items it passed (linear in the items, where asking each reaction walked again).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// A word that names a reaction: "allergy", "Hypersensitivity", "intolerant", "contraindicated" (its stem, ASCII
// case ignored).
inline constexpr std::string_view reaction_stems[] = {"allerg", "hypersensitiv", "intoleran", "contraindicat",
                                                      "contra-indicat"};
// (Most words are refused by the stems' shortest size and their first letters, both read from the list above.)
inline constexpr std::size_t shortest_reaction_stem = [] {
  std::size_t n = reaction_stems[0].size();
  for (const std::string_view s : reaction_stems) n = s.size() < n ? s.size() : n;
  return n;
}();
inline constexpr std::uint32_t reaction_first_letters = [] {
  std::uint32_t set = 0;
  for (const std::string_view s : reaction_stems) set |= std::uint32_t{1} << (s[0] - 'a');  // (lower-case stems)
  return set;
}();

[[gnu::always_inline]] inline bool reaction_word(std::string_view w) {
  if (w.size() < shortest_reaction_stem) return false;
  const unsigned letter = static_cast<unsigned char>(w[0] | 0x20) - unsigned{'a'};
  if (letter >= 26 || !((reaction_first_letters >> letter) & 1)) return false;
  for (const std::string_view s : reaction_stems)
    if (w.size() >= s.size() && iequals(w.substr(0, s.size()), s)) return true;
  return false;
}

// Joins each typed item k that `reacts` (an event with a reaction's word) with the items after it, over "or", commas
// and slashes, up to the first unread item that `names_object` ("to", "against"), by `join(k, m)` (items k to m
// become one text at k). `reacts` and `names_object` are asked of items as they stand; each test is pure.
template <class Reacts, class NamesObject, class Join>
[[gnu::always_inline]] inline void reaction_over_object(std::vector<Item>& items, const std::vector<Conn>& conns,
                                                        Reacts&& reacts, NamesObject&& names_object, Join&& join) {
  const auto chained = [&](std::size_t m) {
    return conns[m] == Conn::or_ || conns[m] == Conn::comma || conns[m] == Conn::slash;
  };
  // (The walk from k stops at the first object or where the chain ends; from any item it passed, the walk would stop
  // at the same place with the same answer: kept until a join changes the items.)
  std::size_t walked_to = 0;  // the item the last walk stopped at (0: none made)
  bool object = false;        // whether it stopped at an object
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (items[k].text || !chained(k)) continue;  // (the walk needs a first step)
    if (k >= walked_to) {
      std::size_t m = k;
      object = false;
      while (!object && m + 1 < items.size() && chained(m)) {
        ++m;
        object = items[m].text && names_object(items[m]);
      }
      walked_to = m;
    }
    if (!object || !reacts(items[k])) continue;
    join(k, walked_to);
    walked_to = 0;
  }
}

}  // namespace trialmatch::grammar::detail
