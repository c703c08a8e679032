#pragma once
// Where a piece's reading is written (piece(), sequence(), finish_items(), combined(): lower_pieces.cpp, lower.cpp,
// lower_items.cpp): the node a caller gives, as line() gives the line's tree, or an optional made engaged only where
// a reading gives one, as the readings that read a piece nested ask. (Each of those returned an optional, which
// line() moved into its tree and destroyed: two moves of the reading's node and a reset, a piece.)
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar::detail {

// What a call makes, converted to where it is to be: an optional's in-place construction (or emplace) initialises its
// Node straight from the call's result, with no Node moved in from a returned one and that one destroyed (sequence()'s
// pieces read as text, ~14,000 a pass). (Both compilers elide the copy of a conversion function's result there.)
template <class Make>
struct MadeBy {
  Make make;
  operator std::invoke_result_t<const Make&>() const { return make(); }  // NOLINT(google-explicit-constructor): on purpose
};
template <class Make>
MadeBy(Make) -> MadeBy<Make>;

class NodeSlot {
 public:
  // (Implicit, on purpose: a caller passes its node or its optional as it would pass the reference.)
  NodeSlot(engine::Node& node) : node_(&node) {}                   // NOLINT(google-explicit-constructor)
  NodeSlot(std::optional<engine::Node>& maybe) : maybe_(&maybe) {}  // NOLINT(google-explicit-constructor)

  // The reading `read` (no part of the node), moved in: made in an optional, or in the node where the one it held was.
  void put(engine::Node&& read) const {
    if (maybe_) maybe_->emplace(std::move(read));
    else remake(std::move(read));
  }
  // The node `make` returns, made in its place: in an optional, or in the node (`make` reads no part of it). (Assigned,
  // it was made apart, moved in and destroyed: most pieces read as text, ~14,000 a pass.)
  template <class Make>
  void make(const Make& make) const {
    if (maybe_) maybe_->emplace(MadeBy{make});
    else remake(MadeBy{make});
  }
  // The node put last.
  engine::Node& get() const { return maybe_ ? **maybe_ : *node_; }

 private:
  // The node made anew from `from` where it was, as an optional's emplace makes it: what it held destroyed first (a
  // node `from` throws out of is left empty, as emplace leaves an optional empty). A node that owns nothing, an empty
  // list, as line() gives its tree, is not destroyed: it has nothing to free. (Most nodes given are that one: its
  // destruction, through the variant's table, cost a call a piece, and the assignment another.)
  template <class From>
  [[gnu::always_inline]] void remake(From&& from) const {
    if (!owns_nothing(*node_)) std::destroy_at(node_);
    try {
      std::construct_at(node_, std::forward<From>(from));
    } catch (...) {
      std::construct_at(node_);
      throw;
    }
  }
  static bool owns_nothing(const engine::Node& n) {
    const auto* list = std::get_if<engine::All>(&n.kind);
    return list != nullptr && list->args.capacity() == 0;
  }

  engine::Node* node_ = nullptr;
  std::optional<engine::Node>* maybe_ = nullptr;
};

}  // namespace trialmatch::grammar::detail
