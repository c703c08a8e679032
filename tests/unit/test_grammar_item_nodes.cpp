// An Item (grammar/src/lower.hpp) holds its node in a union and destroys it only where the node owns something: an
// empty All (an unread item's node, never written, or a list's node moved out) is left undestroyed, as its
// destructor frees nothing. Against the heap: every block the items' nodes own is freed when the items go (made,
// moved, assigned, erased and cleared in a list, as the lowering does), and an item's fields move with it.
//
// (This file replaces the global operator new and delete for unit_grammar to count the blocks alive on this thread:
// the only such replacement in the binary.)
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"

// GCC 12 at -O2 mistakes the replaced global operator delete below for a mismatched pair.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
thread_local long blocks_alive = 0;
}  // namespace

void* operator new(std::size_t size) {
  if (void* p = std::malloc(size ? size : 1)) {
    ++blocks_alive;
    return p;
  }
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  void* p = std::malloc(size ? size : 1);
  if (p) ++blocks_alive;
  return p;
}
void operator delete(void* p) noexcept {
  if (p) --blocks_alive;
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }

namespace e = trialmatch::engine;
namespace d = trialmatch::grammar::detail;

namespace {

// Nodes of every kind that own blocks (strings longer than the small-string room, lists, boxes).
e::Node owning(int kind) {
  const std::string long_words(40, 'x');
  switch (kind) {
    case 0: {
      e::Has h;
      h.concept_id = long_words;
      h.name = long_words;
      h.codes["snomed"] = long_words;
      h.status = "active";
      return e::Node{std::move(h), {1, 2}};
    }
    case 1: {
      e::Cmp c;
      c.var = long_words;
      c.unit = long_words;
      return e::Node{std::move(c), {1, 2}};
    }
    case 2: return e::make_text(long_words, e::TextReason::not_understood, {1, 2});
    case 3: {
      std::vector<e::Node> two;
      two.push_back(owning(0));
      two.push_back(owning(2));
      return e::make_any(std::move(two), {1, 2});
    }
    case 4: return e::make_not(owning(1), {1, 2});
    default: {
      std::vector<e::Node> one;
      one.push_back(owning(0));
      return e::make_all(std::move(one), {1, 2});
    }
  }
}

}  // namespace

TEST_CASE("Item: every block its node owns is freed when it goes, in a list made, moved, erased and cleared") {
  const long before = blocks_alive;
  {
    std::vector<d::Item> items;
    for (int round = 0; round < 3; ++round) {
      for (int kind = 0; kind < 6; ++kind) {
        items.emplace_back();  // an unread item: its node empty, never written
        items.back().text = true;
        items.emplace_back(owning(kind), false, 10u * static_cast<unsigned>(kind), 10u * static_cast<unsigned>(kind) + 5);
        d::Item& written = items.emplace_back();  // a node written in place, as the walk does
        written.node = owning(kind);
      }
      // Nodes moved out, as combine does: the items keep empty or moved-from nodes.
      std::vector<e::Node> out;
      for (std::size_t k = 0; k < items.size(); k += 2) out.push_back(std::move(items[k].node));
      items.erase(items.begin() + 1, items.begin() + 4);  // later items moved down over them
      items[0] = std::move(items[1]);                     // one assigned over another
      d::Item moved(std::move(items[2]));
      items.push_back(std::move(moved));
    }
    items.clear();
    std::vector<d::Item>().swap(items);
  }
  CHECK(blocks_alive == before);
}

TEST_CASE("Item: its fields move with it; an orphan's threshold too") {
  d::Item a(owning(1), false, 3, 9);
  a.orphan = true;
  a.threshold = std::make_unique<d::Threshold>();
  a.threshold->implies_age = true;
  d::Item b(std::move(a));
  CHECK(!b.text);
  CHECK(b.begin == 3);
  CHECK(b.end == 9);
  CHECK(b.orphan);
  REQUIRE(b.threshold != nullptr);
  CHECK(b.threshold->implies_age);
  CHECK(std::holds_alternative<e::Cmp>(b.node.kind));
  d::Item c;
  c.text = true;
  c = std::move(b);
  CHECK(!c.text);
  CHECK(c.begin == 3);
  CHECK(c.end == 9);
  CHECK(c.orphan);
  REQUIRE(c.threshold != nullptr);
  CHECK(e::to_canonical(c.node) == e::to_canonical(owning(1)));
  const d::Item empty;
  CHECK(std::holds_alternative<e::All>(empty.node.kind));
  CHECK(std::get<e::All>(empty.node.kind).args.empty());
}
