#pragma once
// finish_items' "... surgery" join: a condition right before "surgery" names the operation on it ("inguinal hernia
// surgery"), and the two items become one unread name.
#include <cstddef>
#include <utility>
#include <vector>

#include "lower.hpp"
#include "lower_item_lists.hpp"

namespace trialmatch::grammar::detail {

// From item r on (r: the first item that `names_operation(r)` joins to item r + 1), each pair (r, r + 1) it joins
// becomes item r as unread words reaching r + 1's end; item r + 1, the connector between the two and r + 1's or-flag
// are dropped, and the test goes on at r + 2 (the joined item is never asked again). `names_operation(k)` reads items
// k and k + 1 and conns[k] as the old loop found them, which the writes here have not reached (they go below w <= k).
// (The old loop erased item r + 1 at every join, moving the list's tail each time: quadratic on a long line of such
// names. This compacts in one pass: every item is moved at most once. Out of line: most pieces join none.)
template <class ItemT, class NamesOperation>
[[gnu::noinline]] void join_operation_names_from(std::vector<ItemT>& items, std::vector<Conn>& conns,
                                                 std::vector<bool>& text_has_or, std::size_t r,
                                                 NamesOperation&& names_operation) {
  const std::size_t n = items.size();
  std::size_t w = r;  // items [0, w) are final
  while (r < n) {
    const bool joins = r + 1 < n && names_operation(r);
    if (joins) {
      items[r].text = true;
      items[r].end = items[r + 1].end;
    }
    // (The connector before a kept item stays before it; the one between a joined pair goes.)
    if (w > 0) conns[w - 1] = conns[r - 1];
    text_has_or[w] = text_has_or[r];
    if (w != r) items[w] = std::move(items[r]);
    ++w;
    r += joins ? 2 : 1;
  }
  if (w != n) drop_joined_tails(items, conns, text_has_or, w, n);
}

// The join over the whole list; the scan for the first join inline (most pieces have none).
template <class ItemT, class NamesOperation>
inline void join_operation_names(std::vector<ItemT>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or,
                                 NamesOperation&& names_operation) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k)
    if (names_operation(k)) {
      join_operation_names_from(items, conns, text_has_or, k, names_operation);
      return;
    }
}

}  // namespace trialmatch::grammar::detail
