#pragma once
// separate_disjoint_pairs' search (lower_disjoint.cpp): the first pair of an `all`'s parts, an upper bound i and a
// lower bound j, that no value meets together. The walk of every (i, j) it replaced was quadratic over a long list of
// bounds ("hemoglobin < 10 g/dL, " repeated); only an upper and a lower bound on one variable can pair, so each upper
// bound asks the lower bounds on its variable alone.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

namespace trialmatch::grammar::detail {

// A part of the `all` that is a bound: its comparison's variable and its place among the parts.
struct Bound {
  std::string_view var;
  std::uint32_t part;
};

// The first (i, j) in the order of a walk of every i, then every j, for which `disjoint(i, j)` holds, i among
// `uppers` and j among `lowers` (each in the parts' order); {none, none} where none does. `disjoint(i, j)` must
// be false where the two variables differ: only lowers on i's variable are asked. (`lowers` is sorted in place by
// variable, the parts' order kept within one.)
template <class Disjoint>
std::pair<std::size_t, std::size_t> first_disjoint_pair(std::span<const Bound> uppers, std::span<Bound> lowers,
                                                        std::size_t none, Disjoint&& disjoint) {
  if (uppers.empty() || lowers.empty()) return {none, none};
  const auto by_var = [](const Bound& x, const Bound& y) { return x.var < y.var || (x.var == y.var && x.part < y.part); };
  std::sort(lowers.begin(), lowers.end(), by_var);
  for (const Bound& u : uppers) {
    auto it = std::partition_point(lowers.begin(), lowers.end(), [&](const Bound& l) { return l.var < u.var; });
    for (; it != lowers.end() && it->var == u.var; ++it)
      if (disjoint(u.part, it->part)) return {u.part, it->part};
  }
  return {none, none};
}

}  // namespace trialmatch::grammar::detail
