#pragma once
// The end of finish_items' one-pass joins (lower_join_next.hpp, lower_operation_names.hpp): each compacts the items,
// their connectors and their or-flags in place, the kept ones first, and then drops the three tails.
#include <cstddef>
#include <vector>

#include "lower.hpp"

namespace trialmatch::grammar::detail {

// Drops items [kept, all) (all: the list's length before the join), the connectors after item kept - 1 up to the
// old last one, and the or-flags [kept, all). (Ranges, as the old erasures dropped one slot each: a flag list
// longer than the items keeps its extra tail.) `kept` >= 1.
template <class ItemT>
void drop_joined_tails(std::vector<ItemT>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or,
                       std::size_t kept, std::size_t all) {
  const auto k = static_cast<std::ptrdiff_t>(kept), n = static_cast<std::ptrdiff_t>(all);
  items.erase(items.begin() + k, items.end());
  conns.erase(conns.begin() + k - 1, conns.begin() + n - 1);
  text_has_or.erase(text_has_or.begin() + k, text_has_or.begin() + n);
}

}  // namespace trialmatch::grammar::detail
