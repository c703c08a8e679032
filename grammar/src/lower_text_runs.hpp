#pragma once
// finish_items' threshold rejoin: unread words glued to unread words (no connector between) become one text item,
// "cervical dilation ≤2 cm" (a threshold that found no variable rejoins the words beside it).
#include <cstddef>
#include <utility>
#include <vector>

#include "lower.hpp"

namespace trialmatch::grammar::detail {

// Each run of text items joined by Conn::none becomes its first item: its words reach the run's last item's end,
// it is no orphan, and its or-flag is any of the run's. The others, and the connectors inside the run, are dropped.
// (What the old loop did erasing from the back one item at a time, which moved the list's tail once for every
// merged item: quadratic on a long line of orphan thresholds. This compacts in one pass from the first merge on:
// every item is moved at most once.) `ItemT`: an Item, or a test's counting stand-in with the same fields.
// (Out of line: the rejoin from item r on, r being the first item that joins the one before it; most pieces have
// none, and the scan for it stays in the caller.)
template <class ItemT>
[[gnu::noinline]] void rejoin_text_runs_from(std::vector<ItemT>& items, std::vector<Conn>& conns,
                                             std::vector<bool>& text_has_or, std::size_t r) {
  std::size_t w = r;  // items [0, w) are final; item w - 1 is the run being joined into
  for (; r < items.size(); ++r) {
    // (conns[r - 1] and the flags at r are read before any write reaches them: writes go to w - 1 < r and w <= r.)
    if (items[r].text && items[w - 1].text && conns[r - 1] == Conn::none) {
      ItemT& run = items[w - 1];
      run.end = items[r].end;
      run.orphan = false;
      text_has_or[w - 1] = text_has_or[w - 1] || text_has_or[r];
      continue;
    }
    conns[w - 1] = conns[r - 1];
    text_has_or[w] = text_has_or[r];
    if (w != r) items[w] = std::move(items[r]);
    ++w;
  }
  // (Ranges, as the old erasures dropped one slot each: a list longer than the items keeps its extra tail.)
  const auto kept = static_cast<std::ptrdiff_t>(w), all = static_cast<std::ptrdiff_t>(items.size());
  items.erase(items.begin() + kept, items.end());
  conns.erase(conns.begin() + kept - 1, conns.begin() + all - 1);
  text_has_or.erase(text_has_or.begin() + kept, text_has_or.begin() + all);
}

template <class ItemT>
inline void rejoin_text_runs(std::vector<ItemT>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
  for (std::size_t r = 1; r < items.size(); ++r)
    if (items[r].text && items[r - 1].text && conns[r - 1] == Conn::none) {
      rejoin_text_runs_from(items, conns, text_has_or, r);
      return;
    }
}

}  // namespace trialmatch::grammar::detail
