// finish_items' threshold rejoin in one pass (grammar/src/lower_text_runs.hpp): against the old loop (kept here as
// the oracle: back to front, one erase a merged item) on every list of up to seven items of every text/typed pattern
// and connectors, and on long random lists; and its work counted on a long line of orphan thresholds, which the old
// loop made quadratic.
#include <doctest/doctest.h>

#include <cstddef>
#include <random>
#include <utility>
#include <vector>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_text_runs.hpp"
#include "counting_support.hpp"

namespace d = trialmatch::grammar::detail;
using d::Conn;

namespace {

// An Item's fields the rejoin reads and writes, with its moves counted.
struct CountedItem {
  CountedItem(bool is_text, std::uint32_t from, std::uint32_t to, bool is_orphan, std::size_t* moved)
      : text(is_text), begin(from), end(to), orphan(is_orphan), moves(moved) {}
  bool text;
  std::uint32_t begin, end;
  bool orphan;
  counting_support::MoveCount moves;
};

// The old loop, as finish_items had it.
template <class ItemT>
void old_rejoin(std::vector<ItemT>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
  for (std::size_t k = items.size(); k-- > 1;) {
    if (!items[k].text || !items[k - 1].text || conns[k - 1] != Conn::none) continue;
    items[k - 1].end = items[k].end;
    items[k - 1].orphan = false;
    text_has_or[k - 1] = text_has_or[k - 1] || text_has_or[k];
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(k));
    conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k) - 1);
    text_has_or.erase(text_has_or.begin() + static_cast<std::ptrdiff_t>(k));
  }
}

struct Piece {
  std::vector<bool> text, orphan, has_or;
  std::vector<Conn> conns;
};

// Real Items (a node each, typed ones a non-empty one, orphans a threshold), run through `rejoin`.
template <class Rejoin>
std::vector<d::Item> items_of(const Piece& p, std::vector<Conn>& conns, std::vector<bool>& has_or, Rejoin rejoin) {
  std::vector<d::Item> items;
  for (std::size_t k = 0; k < p.text.size(); ++k) {
    const auto at = static_cast<std::uint32_t>(10 * k);
    items.emplace_back(trialmatch::engine::Node{trialmatch::engine::Text{"t", trialmatch::engine::TextReason::not_understood}, {at, at + 5}},
                       p.text[k], at, at + 5);
    items.back().orphan = p.orphan[k];
    if (p.orphan[k]) items.back().threshold = std::make_unique<d::Threshold>();
  }
  conns = p.conns;
  has_or = p.has_or;
  rejoin(items, conns, has_or);
  return items;
}

std::size_t check(const Piece& p) {
  std::vector<Conn> old_conns, new_conns;
  std::vector<bool> old_or, new_or;
  const auto old_items = items_of(p, old_conns, old_or, [](auto& i, auto& c, auto& o) { old_rejoin(i, c, o); });
  const auto new_items = items_of(p, new_conns, new_or, [](auto& i, auto& c, auto& o) { d::rejoin_text_runs(i, c, o); });
  std::size_t failures = 0;
  failures += old_items.size() != new_items.size();
  failures += old_conns != new_conns;
  failures += old_or != new_or;
  for (std::size_t k = 0; k < old_items.size() && k < new_items.size(); ++k) {
    const d::Item &a = old_items[k], &b = new_items[k];
    failures += a.text != b.text || a.begin != b.begin || a.end != b.end || a.orphan != b.orphan ||
                (a.threshold == nullptr) != (b.threshold == nullptr) || !(a.node == b.node);
  }
  return failures;
}

}  // namespace

TEST_CASE("rejoin_text_runs: the old loop's result on every short piece and on long random ones") {
  static constexpr Conn kConns[] = {Conn::none, Conn::and_, Conn::or_, Conn::comma, Conn::slash};
  std::size_t pieces = 0, failures = 0, merged = 0;
  // Every pattern of text and typed items of up to seven, every connector (five up to five items, none/comma
  // beyond), or-flags and orphans from the pattern's bits.
  for (std::size_t n = 1; n <= 7; ++n) {
    const std::size_t conn_kinds = n <= 5 ? 5 : 2;
    std::size_t conn_patterns = 1;
    for (std::size_t k = 1; k < n; ++k) conn_patterns *= conn_kinds;
    for (std::size_t texts = 0; texts < (1u << n); ++texts)
      for (std::size_t cs = 0; cs < conn_patterns; ++cs) {
        Piece p;
        for (std::size_t k = 0; k < n; ++k) {
          p.text.push_back(((texts >> k) & 1) != 0);
          p.orphan.push_back(p.text[k] && ((cs + k) % 3 == 0));
          p.has_or.push_back(p.text[k] && ((cs + 2 * k) % 4 == 1));
        }
        for (std::size_t k = 1, c = cs; k < n; ++k, c /= conn_kinds) p.conns.push_back(kConns[c % conn_kinds]);
        failures += check(p);
        ++pieces;
        for (std::size_t k = 1; k < n; ++k) merged += p.text[k] && p.text[k - 1] && p.conns[k - 1] == Conn::none;
      }
  }
  std::mt19937 random(2412);
  for (int round = 0; round < 2000; ++round) {
    Piece p;
    const std::size_t n = 1 + random() % 300;
    for (std::size_t k = 0; k < n; ++k) {
      p.text.push_back(random() % 4 != 0);
      p.orphan.push_back(p.text[k] && random() % 2 == 0);
      p.has_or.push_back(random() % 5 == 0);
      if (k > 0) p.conns.push_back(random() % 2 == 0 ? Conn::none : kConns[random() % 5]);
    }
    failures += check(p);
    ++pieces;
  }
  CHECK(pieces > 30000);
  CHECK(merged > 10000);
  CHECK(failures == 0);
}

TEST_CASE("rejoin_text_runs: each item moved at most once on a long line of orphan thresholds") {
  // "hemoglobin < 1.5 g/dL, hemoglobin < 2.5 g/dL, ..." with no variable read: unread words glued to an orphan
  // threshold, the pairs joined by commas; 399 pairs, as the line that took 310 M instructions in the old loop.
  const auto line = [](std::size_t pairs, std::size_t* moves) {
    std::vector<CountedItem> items;
    std::vector<Conn> conns;
    for (std::size_t k = 0; k < pairs; ++k) {
      const auto at = static_cast<std::uint32_t>(30 * k);
      if (k > 0) conns.push_back(Conn::comma);
      items.emplace_back(true, at, at + 10, false, moves);
      conns.push_back(Conn::none);
      items.emplace_back(true, at + 11, at + 22, true, moves);
    }
    return std::pair{std::move(items), std::move(conns)};
  };
  for (std::size_t pairs : {1u, 10u, 100u, 399u}) {
    std::size_t built = 0, moves = 0, old_moves = 0;
    auto [items, conns] = line(pairs, &built);
    std::vector<bool> has_or(items.size(), false);
    for (auto& it : items) it.moves.counter = &moves;
    d::rejoin_text_runs(items, conns, has_or);
    CHECK(items.size() == pairs);
    CHECK(conns.size() == pairs - 1);
    CHECK(moves <= pairs);  // linear: the kept items, once each
    auto [old_items, old_conns] = line(pairs, &built);
    std::vector<bool> old_or(old_items.size(), false);
    for (auto& it : old_items) it.moves.counter = &old_moves;
    old_rejoin(old_items, old_conns, old_or);
    CHECK(old_items.size() == pairs);
    if (pairs == 399) CHECK(old_moves > 50 * moves);  // (the oracle's quadratic count: ~pairs^2 / 2 moves)
  }
}
