#pragma once
// finish_items' "defined by" join: a condition whose thresholds follow it ("Anemia (hemoglobin < 10 g/dL)") gives
// its place to them; the thresholds' item reaches back over the condition's words, and the condition's item goes.
#include <cstddef>
#include <utility>
#include <vector>

#include "lower.hpp"
#include "lower_item_lists.hpp"

namespace trialmatch::grammar::detail {

// From item r on (r: the first item that `joins(r)` joined into item r + 1), each item k that `joins(k)` joins is
// dropped with the connector after it (conns[k], between the pair) and its or-flag; item k + 1 stays, as `joins`
// left it, and the test goes on at k + 2 (the item joined into is never asked again). `joins(k)` reads items k and
// k + 1 and conns[k] as the old loop found them, which the writes here have not reached (they go below w <= k), and
// changes item k + 1 only where it joins (it is asked once a pair: it may warn).
// (The old loop erased item k at every join, moving the list's tail each time: quadratic on a long line of such
// conditions, "Anemia (hemoglobin < 10 g/dL), " repeated. This compacts in one pass: every item is moved at most
// once. Out of line: most pieces join none.)
template <class ItemT, class Joins>
[[gnu::noinline]] void join_into_next_from(std::vector<ItemT>& items, std::vector<Conn>& conns,
                                           std::vector<bool>& text_has_or, std::size_t r, Joins&& joins) {
  const std::size_t n = items.size();
  std::size_t w = r;    // items [0, w) are final
  bool joined = true;   // item r was joined into item r + 1
  while (r < n) {
    const std::size_t kept = joined ? r + 1 : r;
    // (The connector before item r stays before what is kept in its place: a joined item's own connector goes.)
    if (w > 0) conns[w - 1] = conns[r - 1];
    text_has_or[w] = text_has_or[kept];
    if (w != kept) items[w] = std::move(items[kept]);
    ++w;
    r = kept + 1;
    joined = r + 1 < n && joins(r);
  }
  drop_joined_tails(items, conns, text_has_or, w, n);
}

// The join over the whole list; the scan for the first join inline (most pieces have none).
template <class ItemT, class Joins>
inline void join_into_next(std::vector<ItemT>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or,
                           Joins&& joins) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k)
    if (joins(k)) {
      join_into_next_from(items, conns, text_has_or, k, joins);
      return;
    }
}

}  // namespace trialmatch::grammar::detail
