#pragma once
// The index of alternative T in a node's kind, for a switch over n.kind.index() (a walk asked of every node of every
// line: std::visit's table of calls cost more than the tests).
#include <cstddef>
#include <type_traits>
#include <variant>

#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar::detail {

template <typename T, typename Variant>
struct AlternativeIndex;
template <typename T, typename... A>
struct AlternativeIndex<T, std::variant<A...>> {
  static constexpr std::size_t value = [] {
    constexpr bool same[] = {std::is_same_v<T, A>...};
    std::size_t i = 0;
    while (i < sizeof...(A) && !same[i]) ++i;
    return i;
  }();
  static_assert(value < sizeof...(A), "not an alternative of the variant");
};

template <typename T>
inline constexpr std::size_t kind_index = AlternativeIndex<T, engine::NodeKind::Variant>::value;

}  // namespace trialmatch::grammar::detail
