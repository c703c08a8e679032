// finish_items' "... surgery" join in one pass (grammar/src/lower_operation_names.hpp): against the old loop (kept
// here as the oracle: front to back, one erase a join) on every short list of item kinds, connectors and gaps and on
// long random ones; and its moves counted on a long line of such names, which the old loop made quadratic.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_operation_names.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "counting_support.hpp"

namespace d = trialmatch::grammar::detail;
namespace en = trialmatch::engine;
using d::Conn;

namespace {

// The kinds of item a piece's list holds here: unread words, a condition, "surgery", a named surgery, a comparison.
enum class Kind { text, condition, surgery, named_surgery, cmp };

struct Piece {
  std::vector<Kind> kinds;
  std::vector<Conn> conns;
  std::vector<bool> has_or;
  std::vector<int> gaps;  // before each item after the first: 0 no gap, 1 a space, 2 a word, 3 overlapping
};

// The piece's text: each item five letters, the gaps as the piece says.
struct Built {
  std::string text;
  std::vector<d::Item> items;
};

Built build(const Piece& p) {
  Built out;
  for (std::size_t k = 0; k < p.kinds.size(); ++k) {
    if (k > 0) out.text += p.gaps[k] == 1 ? " " : p.gaps[k] == 2 ? " of " : "";
    auto begin = static_cast<std::uint32_t>(out.text.size());
    if (k > 0 && p.gaps[k] == 3) begin -= 2;  // starts inside the item before
    out.text += "abcde";
    const auto end = static_cast<std::uint32_t>(out.text.size());
    en::Node n;
    if (p.kinds[k] == Kind::text || p.kinds[k] == Kind::cmp) {
      n = en::Node{en::Text{"t" + std::to_string(k), en::TextReason::not_understood}, {begin, end}};
    } else {
      en::Has h;
      h.concept_id = p.kinds[k] == Kind::condition ? "hernia" : "surgery";
      if (p.kinds[k] == Kind::named_surgery) h.name = "hernia surgery";
      n = en::Node{std::move(h), {begin, end}};
    }
    out.items.emplace_back(std::move(n), p.kinds[k] == Kind::text, begin, end);
  }
  return out;
}

// The test finish_items asks of items k and k + 1 (as lower_items.cpp has it).
bool names_operation(std::string_view text, const std::vector<d::Item>& items, const std::vector<Conn>& conns,
                     std::size_t k) {
  if (items[k].text || items[k + 1].text || conns[k] != Conn::none || !d::is_has(items[k].node) ||
      !d::is_has(items[k + 1].node) || items[k + 1].begin < items[k].end)
    return false;
  const auto& operation = std::get<en::Has>(items[k + 1].node.kind);
  if (operation.concept_id != "surgery" || !operation.name.empty()) return false;
  return d::trim_view(text.substr(items[k].end, items[k + 1].begin - items[k].end)).empty();
}

// The old loop, as finish_items had it.
template <class ItemT, class Test>
void old_join(std::vector<ItemT>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or, Test&& test) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (!test(k)) continue;
    items[k].text = true;
    items[k].end = items[k + 1].end;
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k));
    text_has_or.erase(text_has_or.begin() + static_cast<std::ptrdiff_t>(k) + 1);
  }
}

// Mismatches between the two forms on one piece; `joins` counts the old loop's joins.
std::size_t check(const Piece& p, std::size_t& joins) {
  Built a = build(p), b = build(p);
  std::vector<Conn> old_conns = p.conns, new_conns = p.conns;
  std::vector<bool> old_or = p.has_or, new_or = p.has_or;
  const std::size_t before = a.items.size();
  old_join(a.items, old_conns, old_or, [&](std::size_t k) { return names_operation(a.text, a.items, old_conns, k); });
  joins += before - a.items.size();
  d::join_operation_names(b.items, new_conns, new_or,
                          [&](std::size_t k) { return names_operation(b.text, b.items, new_conns, k); });
  std::size_t failures = 0;
  failures += a.items.size() != b.items.size();
  failures += old_conns != new_conns;
  failures += old_or != new_or;
  for (std::size_t k = 0; k < a.items.size() && k < b.items.size(); ++k) {
    const d::Item &x = a.items[k], &y = b.items[k];
    failures += x.text != y.text || x.begin != y.begin || x.end != y.end || x.orphan != y.orphan || !(x.node == y.node);
  }
  return failures;
}

constexpr Kind kKinds[] = {Kind::text, Kind::condition, Kind::surgery, Kind::named_surgery, Kind::cmp};
constexpr Conn kConns[] = {Conn::none, Conn::comma, Conn::and_, Conn::or_, Conn::slash};

// An Item's fields the join reads and writes, with its moves counted.
struct CountedItem {
  CountedItem(bool is_text, std::uint32_t from, std::uint32_t to, std::size_t* moved)
      : text(is_text), begin(from), end(to), moves(moved) {}
  bool text;
  std::uint32_t begin, end;
  counting_support::MoveCount moves;
};

}  // namespace

TEST_CASE("join_operation_names: the old loop's result on every short piece and on long random ones") {
  std::size_t pieces = 0, joins = 0, failures = 0;
  // Every list of up to five items of the five kinds, with no connector or a comma, no gap or a space between
  // (the others, and words or overlaps between, in the random lists below).
  for (std::size_t n = 1; n <= 5; ++n) {
    std::size_t kinds = 1;
    for (std::size_t k = 0; k < n; ++k) kinds *= 5;
    for (std::size_t code = 0; code < kinds; ++code)
      for (std::size_t links = 0; links < (std::size_t{1} << (2 * (n - 1))); ++links) {
        Piece p;
        std::size_t c = code;
        for (std::size_t k = 0; k < n; ++k, c /= 5) p.kinds.push_back(kKinds[c % 5]);
        p.gaps.push_back(0);
        for (std::size_t k = 0; k + 1 < n; ++k) {
          p.conns.push_back((links >> (2 * k)) & 1 ? Conn::comma : Conn::none);
          p.gaps.push_back((links >> (2 * k + 1)) & 1 ? 1 : 0);
        }
        for (std::size_t k = 0; k < n; ++k) p.has_or.push_back((code + k) % 3 == 0);
        failures += check(p, joins);
        ++pieces;
      }
  }
  std::mt19937 random(2025);
  for (int round = 0; round < 2000; ++round) {
    Piece p;
    const std::size_t n = 1 + random() % 300;
    for (std::size_t k = 0; k < n; ++k) {
      // (Conditions and "surgery" most often, so that runs of joins and near misses are common.)
      const auto r = random() % 10;
      p.kinds.push_back(r < 4 ? Kind::condition : r < 8 ? Kind::surgery : kKinds[random() % 5]);
      p.has_or.push_back(random() % 2 == 0);
      p.gaps.push_back(k == 0 ? 0 : static_cast<int>(random() % 8 < 5 ? random() % 2 : random() % 4));
      if (k > 0) p.conns.push_back(random() % 4 != 0 ? Conn::none : kConns[random() % 5]);
    }
    failures += check(p, joins);
    ++pieces;
  }
  CHECK(failures == 0);
  CHECK(pieces > 100000);
  CHECK(joins > 50000);
}

TEST_CASE("join_operation_names: each item moved at most once on a long line of condition + surgery names") {
  for (const std::size_t names : {1, 10, 100, 400}) {
    std::size_t moves = 0, old_moves = 0;
    // "inguinal hernia surgery, inguinal hernia surgery, ...": a condition, "surgery" right after it, a comma.
    std::vector<CountedItem> items, old_items;
    std::vector<Conn> conns, old_conns;
    std::vector<bool> has_or, old_or;
    for (std::size_t k = 0; k < names; ++k) {
      const auto at = static_cast<std::uint32_t>(30 * k);
      for (auto* list : {&items, &old_items}) {
        std::size_t* counter = list == &items ? &moves : &old_moves;
        list->emplace_back(false, at, at + 15, counter);
        list->emplace_back(false, at + 15, at + 23, counter);
      }
      if (k > 0) conns.push_back(Conn::comma);
      conns.push_back(Conn::none);
      has_or.insert(has_or.end(), {false, false});
    }
    old_conns = conns;
    old_or = has_or;
    moves = old_moves = 0;  // (the lists' own growth not counted)
    // (Each form asks its list as it stands: a pair is joined where the connector between is none.)
    d::join_operation_names(items, conns, has_or, [&](std::size_t k) { return conns[k] == Conn::none; });
    old_join(old_items, old_conns, old_or, [&](std::size_t k) { return old_conns[k] == Conn::none; });
    CAPTURE(names);
    CHECK(items.size() == names);
    CHECK(old_items.size() == names);
    CHECK(conns == old_conns);
    CHECK(moves <= 2 * names);
    if (names >= 100) CHECK(old_moves > 20 * moves);
  }
}
