// engine::NodeKind (predicate.hpp): the variant of a node's kinds, with its destructor out of line. It must read and
// behave as the variant itself (the former type of Node::kind, the oracle here): the same alternatives, the same
// results of every construction, assignment, move and comparison, and a moved-from kind left as the variant leaves
// one (its strings and lists emptied: a move that copied would leave them). On every subtree of every golden line's tree, read in both sections, and on a node of each kind.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <variant>
#include <vector>

#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_kind_index.hpp"
#include "tree_support.hpp"

namespace e = trialmatch::engine;
namespace d = trialmatch::grammar::detail;

using Oracle = std::variant<e::All, e::Any, e::Not, e::If, e::Cmp, e::Has, e::Sex, e::Text>;

static_assert(std::is_same_v<e::NodeKind::Variant, Oracle>);
static_assert(std::is_aggregate_v<e::Node>, "Node{kind, span} still made as it was");
static_assert(std::is_nothrow_move_constructible_v<e::Node> && std::is_nothrow_move_assignable_v<e::Node>);
static_assert(sizeof(e::NodeKind) == sizeof(Oracle), "no member of its own");
static_assert(std::variant_size_v<e::NodeKind> == std::variant_size_v<Oracle>);
static_assert(std::is_same_v<std::variant_alternative_t<5, e::NodeKind>, e::Has>);
static_assert(d::kind_index<e::Text> == 7 && d::kind_index<e::All> == 0);

namespace {

// Nodes of every kind (tree_support), then every subtree of every golden line's tree in both sections.
const std::vector<e::Node>& nodes() {
  static const std::vector<e::Node> all = tree_support::with_golden_subtrees(tree_support::nodes_of_every_kind());
  return all;
}

// The oracle of a node's kind: the same value held by the plain variant.
Oracle oracle_of(const e::Node& n) { return static_cast<const Oracle&>(n.kind); }

// The kind and the oracle hold the same value: the same alternative, equal, the same canonical form.
bool same(const e::NodeKind& kind, const Oracle& oracle) {
  if (kind.index() != oracle.index() || !(static_cast<const Oracle&>(kind) == oracle)) return false;
  const auto name = [](const auto& k) { return std::string(typeid(k).name()); };
  return std::visit(name, kind) == std::visit(name, oracle) &&
         e::to_canonical(e::Node{kind, {}}) == e::to_canonical(e::Node{e::NodeKind(oracle), {}});
}

// A kind moved from and its oracle moved from: the same alternative, left as the variant leaves it (a moved-from Not
// or If holds empty boxes, which neither == nor the canonical form may read: only its alternative is compared).
bool same_moved_from(const e::NodeKind& kind, const Oracle& oracle) {
  if (kind.index() != oracle.index()) return false;
  if (std::holds_alternative<e::Not>(oracle) || std::holds_alternative<e::If>(oracle)) return true;
  return static_cast<const Oracle&>(kind) == oracle;
}

}  // namespace

TEST_CASE("NodeKind reads as the variant: visit, get, get_if, holds_alternative, index, ==") {
  std::array<std::size_t, std::variant_size_v<e::NodeKind>> kinds_seen{};
  for (const e::Node& n : nodes()) {
    const Oracle oracle = oracle_of(n);
    ++kinds_seen[n.kind.index()];
    REQUIRE(same(n.kind, oracle));
    CHECK(std::holds_alternative<e::Text>(n.kind) == std::holds_alternative<e::Text>(oracle));
    CHECK((std::get_if<e::Has>(&n.kind) != nullptr) == (std::get_if<e::Has>(&oracle) != nullptr));
    if (const auto* t = std::get_if<e::Text>(&oracle)) CHECK(std::get<e::Text>(n.kind).text == t->text);
    CHECK((n.kind == n.kind));
  }
  for (std::size_t k = 0; k < kinds_seen.size(); ++k) CHECK(kinds_seen[k] > 0);
  CHECK(nodes().size() > 5000);
}

TEST_CASE("NodeKind's copies, moves and assignments give what the variant's give") {
  const std::vector<e::Node>& all = nodes();
  for (std::size_t x = 0; x < all.size(); ++x) {
    const e::Node& n = all[x];
    const e::Node& other = all[(x * 7 + 3) % all.size()];  // mostly of another kind

    e::NodeKind copy = n.kind;  // copy
    Oracle oracle_copy = oracle_of(n);
    REQUIRE(same(copy, oracle_copy));

    e::NodeKind moved = std::move(copy);  // move: the moved-from kind left as the variant leaves one
    Oracle oracle_moved = std::move(oracle_copy);
    REQUIRE(same(moved, oracle_moved));
    REQUIRE(same_moved_from(copy, oracle_copy));

    e::NodeKind assigned = other.kind;  // copy assignment over another kind
    Oracle oracle_assigned = oracle_of(other);
    assigned = moved;
    oracle_assigned = oracle_moved;
    REQUIRE(same(assigned, oracle_assigned));

    e::NodeKind target = other.kind;  // move assignment over another kind
    Oracle oracle_target = oracle_of(other);
    target = std::move(assigned);
    oracle_target = std::move(oracle_assigned);
    REQUIRE(same(target, oracle_target));
    REQUIRE(same_moved_from(assigned, oracle_assigned));

    // Assigned an alternative, and emplaced: the variant's own assignment and emplace.
    e::NodeKind converted = n.kind;
    Oracle oracle_converted = oracle_of(n);
    converted = e::Text{"a text longer than any string held in place", e::TextReason::judgement};
    oracle_converted = e::Text{"a text longer than any string held in place", e::TextReason::judgement};
    REQUIRE(same(converted, oracle_converted));
    converted.emplace<e::Sex>().value = "male";
    oracle_converted.emplace<e::Sex>().value = "male";
    REQUIRE(same(converted, oracle_converted));

    // Made in place, as the lowering makes its nodes, and a node copied and moved whole.
    const e::Node made{e::NodeKind(std::in_place_index<0>, e::All{{n, other}}), n.span};
    REQUIRE(same(made.kind, Oracle(std::in_place_index<0>, e::All{{n, other}})));
    e::Node whole = made;
    const e::Node whole_moved = std::move(whole);
    REQUIRE(whole_moved == made);
    REQUIRE(e::to_canonical(whole_moved) == e::to_canonical(made));
  }
}
