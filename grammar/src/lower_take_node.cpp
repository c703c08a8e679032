// Item::take_node (lower.hpp): a node moved out of an item, the item left owning nothing.
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <variant>

#include "lower.hpp"

namespace trialmatch::grammar::detail {

engine::Node Item::take_node(engine::Node& from) noexcept {
  static_assert(std::is_nothrow_move_constructible_v<engine::Node>, "a move that cannot throw leaves `from` whole");
  return std::visit(
      [&from](auto& kind) noexcept {
        using Kind = std::remove_reference_t<decltype(kind)>;
        engine::Node out{decltype(engine::Node::kind)(std::in_place_type<Kind>, std::move(kind)), from.span};
        std::destroy_at(&kind);
        // (Made anew over the node whose kind was destroyed above, without its destructor: that ran for the kind.)
        ::new (static_cast<void*>(&from)) engine::Node;
        return out;
      },
      from.kind);
}

}  // namespace trialmatch::grammar::detail
