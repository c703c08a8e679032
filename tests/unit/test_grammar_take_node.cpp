// Item::take_node and Item's moves (grammar/src/lower.hpp): a node moved out of an item is the node the item held, as
// std::move gave it (the former form, the oracle here), and the item is left an empty list that owns nothing, which
// ~Item passes over. On every subtree of every golden line's tree, read in both sections, and on a node of each kind
// with every member a move must carry. take_node runs no destructor for the kind it moved from: the heap in use must
// not grow over many takes of nodes of every kind (a moved-from kind that kept memory would leak it).
#include <doctest/doctest.h>
#include <malloc.h>

#include <array>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "tree_support.hpp"

namespace e = trialmatch::engine;
namespace d = trialmatch::grammar::detail;

namespace {

// Nodes of every kind (tree_support), then every subtree of every golden line's tree in both sections.
const std::vector<e::Node>& nodes() {
  static const std::vector<e::Node> all = tree_support::with_golden_subtrees(tree_support::nodes_of_every_kind());
  return all;
}

// A node left by a move out: an empty list with no room, spanning nothing (what a default-made node is).
bool left_empty(const e::Node& n) { return d::Item::owns_nothing(n) && n == e::Node{}; }

}  // namespace

TEST_CASE("take_node: the node std::move gave, and the node taken from left owning nothing") {
  std::array<std::size_t, std::variant_size_v<decltype(e::Node::kind)>> kinds_seen{};
  for (const e::Node& n : nodes()) {
    ++kinds_seen[n.kind.index()];
    e::Node before = n;
    const e::Node oracle = std::move(before);  // the former form
    e::Node from = n;
    const e::Node taken = d::Item::take_node(from);
    REQUIRE(taken == oracle);
    REQUIRE(taken.span == n.span);
    REQUIRE(left_empty(from));
  }
  for (std::size_t k = 0; k < kinds_seen.size(); ++k) CHECK(kinds_seen[k] > 0);
  CHECK(nodes().size() > 5000);
}

TEST_CASE("Item's moves carry every field and leave the item moved from owning nothing") {
  const std::vector<e::Node>& all = nodes();
  std::uint32_t at = 0;
  for (std::size_t x = 0; x < all.size(); ++x, ++at) {
    const e::Node& n = all[x];
    d::Item a{e::Node(n), x % 2 == 0, at, at + 7};
    a.orphan = x % 3 == 0;
    if (a.orphan) a.threshold = std::make_unique<d::Threshold>();
    const d::Threshold* threshold = a.threshold.get();

    d::Item b(std::move(a));  // moved into a new item
    REQUIRE(b.node == n);
    CHECK(b.text == (x % 2 == 0));
    CHECK(b.begin == at);
    CHECK(b.end == at + 7);
    CHECK(b.orphan == (x % 3 == 0));
    CHECK(b.threshold.get() == threshold);
    REQUIRE(left_empty(a.node));
    CHECK(a.threshold == nullptr);

    // Moved over an item holding another node (destroyed first), and over an empty one.
    d::Item held{e::Node(all[(x * 7 + 3) % all.size()]), true, 0, 1};
    held = std::move(b);
    REQUIRE(held.node == n);
    CHECK(held.begin == at);
    CHECK(held.threshold.get() == threshold);
    REQUIRE(left_empty(b.node));
    d::Item empty;
    empty = std::move(held);
    REQUIRE(empty.node == n);
    REQUIRE(left_empty(held.node));
    // An item moved onto itself keeps its node.
    d::Item& self = empty;
    empty = std::move(self);
    REQUIRE(empty.node == n);
  }
}

TEST_CASE("a list of items grown, erased and emptied keeps each item's node") {
  const std::vector<e::Node>& all = nodes();
  std::vector<d::Item> items;  // no room reserved: each growth moves every item
  for (std::size_t x = 0; x < 300; ++x) items.emplace_back(e::Node(all[x * 37 % all.size()]), false, 0, 0);
  items.erase(items.begin() + 10, items.begin() + 20);
  for (std::size_t x = 0; x < items.size(); ++x) {
    const std::size_t was = x < 10 ? x : x + 10;
    REQUIRE(items[x].node == all[was * 37 % all.size()]);
  }
  items.clear();
}

TEST_CASE("take_node leaks nothing: what a move leaves of each kind owns no memory") {
  // (glibc's count of the bytes the heap holds in use: nodes of every kind, with strings too long to be held in
  // place, copied, taken from and destroyed 2,000 times over must leave it as it was, give or take the few chunks
  // its caches keep; a leak of the smallest chunk a take would be 64 KB.)
  const std::vector<e::Node> kinds = tree_support::nodes_of_every_kind();
  const auto in_use = [] { return mallinfo2().uordblks; };
  const auto takes = [&] {
    for (int round = 0; round < 2000; ++round)
      for (const e::Node& n : kinds) {
        e::Node from = n;
        const e::Node taken = d::Item::take_node(from);
        if (!(taken == n) || !left_empty(from)) return false;
      }
    return true;
  };
  REQUIRE(takes());  // (once first: the heap's caches filled)
  const std::size_t before = in_use();
  const bool same = takes();
  const std::size_t after = in_use();
  CHECK(same);
  CHECK(after <= before + 4096);
}
