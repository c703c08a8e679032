// Item::take_node (lower.hpp): a node moved out of an item, the item left owning nothing.
#include <new>
#include <type_traits>
#include <utility>
#include <variant>

#include "lower.hpp"

namespace trialmatch::grammar::detail {

engine::Node Item::take_node(engine::Node& from) noexcept {
  static_assert(std::is_nothrow_move_constructible_v<engine::Node>, "a move that cannot throw leaves `from` whole");
  // The kinds whose moved-from state is known to own nothing (below). A kind added to the variant stops the build
  // here until that is checked for it and it is listed (test_grammar_take_node.cpp counts the heap for each).
  static_assert(std::is_same_v<decltype(engine::Node::kind)::Variant,
                               std::variant<engine::All, engine::Any, engine::Not, engine::If, engine::Cmp, engine::Has,
                                            engine::Sex, engine::Text>>,
                "a new node kind: check that what a move leaves of it owns nothing, then list it here");
  return std::visit(
      [&from](auto& kind) noexcept {
        using Kind = std::remove_reference_t<decltype(kind)>;
        engine::Node out{decltype(engine::Node::kind)(std::in_place_type<Kind>, std::move(kind)), from.span};
        // The node is made anew over `from` with no destructor run for the kind moved from: what a move leaves of a
        // kind owns nothing (its strings empty in place, its vectors, boxes and RareTexts empty, the optional's Amount
        // such a string), so its destructor would free nothing, and reusing its storage ends its life as well
        // ([basic.life]). (That destructor was ~25 instructions a node, its members tested one by one; a kind
        // whose moved-from state keeps memory would leak here: test_grammar_take_node.cpp counts the heap.)
        ::new (static_cast<void*>(&from)) engine::Node;
        return out;
      },
      from.kind);
}

}  // namespace trialmatch::grammar::detail
