#pragma once
// An object made by its members' initializers alone, where a container or a variant makes it in place:
// `list.emplace_back(DefaultMade<Island>{})`, `node.kind.emplace<engine::Cmp>(DefaultMade<engine::Cmp>{})`.
// With no argument they value-initialize it (`T()`), which for a type whose members have initializers GCC 12 does by
// zero-filling the whole object first (a `rep stos`, one instruction counted per 8 bytes: 51 for an Island) and then
// writing the members that are not zero. Made from this, the conversion's result is the element itself (no copy, no
// move) and is default-initialized: each member written once. (Not for engine::Node, whose variant's storage is
// zero-filled either way in a local; lower_local_node.hpp is its tool.) Only for a T each of whose members has an
// initializer or a constructor of its own: a member with neither would be left indeterminate, not zero.
namespace trialmatch::grammar::detail {

template <class T>
struct DefaultMade {
  operator T() const {  // NOLINT: implicit on purpose, for emplace
    T made;
    return made;
  }
};

}  // namespace trialmatch::grammar::detail
