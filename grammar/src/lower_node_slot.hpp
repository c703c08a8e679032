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

  // The reading `read`, moved in (made in an optional, assigned to a node).
  [[gnu::always_inline]] void put(engine::Node&& read) const {
    if (maybe_) maybe_->emplace(std::move(read));
    else *node_ = std::move(read);
  }
  // The node `make` returns, made in its place: in an optional, or in the node where the one it held was (as an
  // optional's emplace makes it; a node `make` throws out of is left empty, as emplace leaves an optional). (Assigned,
  // it was made apart, moved in and destroyed: most pieces read as text, ~14,000 a pass.)
  template <class Make>
  void make(const Make& make) const {
    if (maybe_) {
      maybe_->emplace(MadeBy{make});
      return;
    }
    std::destroy_at(node_);
    try {
      std::construct_at(node_, MadeBy{make});
    } catch (...) {
      std::construct_at(node_);
      throw;
    }
  }
  // The node put last.
  engine::Node& get() const { return maybe_ ? **maybe_ : *node_; }

 private:
  engine::Node* node_ = nullptr;
  std::optional<engine::Node>* maybe_ = nullptr;
};

}  // namespace trialmatch::grammar::detail
