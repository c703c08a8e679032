// finish_items' reaction block (grammar/src/lower_reaction_object.hpp): against the old loop (kept here as the oracle:
// each reaction asked first, then its own walk to the object) on every short list of item kinds and connectors and
// on long random ones; the objects asked, counted, on a long list with no object (the old walks were quadratic); and
// reaction_word's first two tests against the stems alone, on every token of every golden line.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_reaction_object.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace en = trialmatch::engine;
namespace g = trialmatch::grammar;
namespace d = trialmatch::grammar::detail;
using d::Conn;
using d::Item;

namespace {

// What each item is: unread words with or without an object word, a typed item with or without a reaction's word.
enum class Kind : std::uint8_t { words, object, typed, reaction };

struct Piece {
  std::vector<Item> items;
  std::vector<Conn> conns;
  std::vector<bool> text_has_or;
};

// Items one byte wide, item i at byte 2i: its kind is found again from its begin after joins.
Piece build(const std::vector<Kind>& kinds, const std::vector<Conn>& conns) {
  Piece p;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const bool text = kinds[i] == Kind::words || kinds[i] == Kind::object;
    p.items.emplace_back(en::Node{}, text, static_cast<std::uint32_t>(2 * i), static_cast<std::uint32_t>(2 * i + 1));
  }
  p.conns = conns;
  p.text_has_or.assign(kinds.size(), false);
  return p;
}

struct Counts {
  std::size_t reacts = 0, objects = 0;
};

// The old loop, as finish_items had it: the reaction asked first (`reacts`: contains_has and the reaction's words),
// then the walk from it.
template <class Reacts, class NamesObject, class Join>
void old_reaction_over_object(std::vector<Item>& items, const std::vector<Conn>& conns, Reacts&& reacts,
                              NamesObject&& names_object, Join&& join) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (items[k].text || !reacts(items[k])) continue;
    std::size_t m = k;
    bool object = false;
    while (!object && m + 1 < items.size() &&
           (conns[m] == Conn::or_ || conns[m] == Conn::comma || conns[m] == Conn::slash)) {
      ++m;
      object = items[m].text && names_object(items[m]);
    }
    if (!object) continue;
    join(k, m);
  }
}

// Runs the old or the new loop on the piece made of kinds and conns; returns the piece after it.
Piece run(bool old, const std::vector<Kind>& kinds, const std::vector<Conn>& conns, Counts& counts) {
  Piece p = build(kinds, conns);
  const auto kind = [&](const Item& it) { return kinds[it.begin / 2]; };
  const auto reacts = [&](const Item& it) {
    ++counts.reacts;
    return kind(it) == Kind::reaction;
  };
  const auto names_object = [&](const Item& it) {
    ++counts.objects;
    return kind(it) == Kind::object;
  };
  const auto join = [&](std::size_t k, std::size_t m) {
    p.items[k].text = true;
    d::join_items(p.items, p.conns, p.text_has_or, k, m);
    p.text_has_or[k] = true;
  };
  if (old) old_reaction_over_object(p.items, p.conns, reacts, names_object, join);
  else d::reaction_over_object(p.items, p.conns, reacts, names_object, join);
  return p;
}

bool same(const Piece& a, const Piece& b) {
  if (a.items.size() != b.items.size() || a.conns != b.conns || a.text_has_or != b.text_has_or) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (a.items[i].text != b.items[i].text || a.items[i].begin != b.items[i].begin || a.items[i].end != b.items[i].end)
      return false;
  return true;
}

}  // namespace

TEST_CASE("reaction_over_object: the old loop's joins on every short list and on long random ones") {
  std::size_t pieces = 0, joined = 0, failures = 0;
  const auto compare = [&](const std::vector<Kind>& kinds, const std::vector<Conn>& conns) {
    Counts old_counts, new_counts;
    const Piece a = run(true, kinds, conns, old_counts), b = run(false, kinds, conns, new_counts);
    failures += !same(a, b);
    joined += a.items.size() < kinds.size();
    ++pieces;
  };
  // Every list of up to 5 items of the four kinds, joined by every connector.
  for (std::size_t n = 1; n <= 5; ++n) {
    std::size_t kind_lists = 1, conn_lists = 1;
    for (std::size_t i = 0; i < n; ++i) kind_lists *= 4;
    for (std::size_t i = 0; i + 1 < n; ++i) conn_lists *= 5;
    for (std::size_t kc = 0; kc < kind_lists; ++kc)
      for (std::size_t cc = 0; cc < conn_lists; ++cc) {
        std::vector<Kind> kinds;
        std::vector<Conn> conns;
        for (std::size_t i = 0, v = kc; i < n; ++i, v /= 4) kinds.push_back(static_cast<Kind>(v % 4));
        for (std::size_t i = 0, v = cc; i + 1 < n; ++i, v /= 5) conns.push_back(static_cast<Conn>(v % 5));
        compare(kinds, conns);
      }
  }
  // Random lists of up to 300 items, objects rare.
  std::mt19937 rng(30);
  for (int round = 0; round < 3000; ++round) {
    const std::size_t n = 1 + rng() % (round < 2900 ? 20 : 300);
    std::vector<Kind> kinds;
    std::vector<Conn> conns;
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned r = rng() % 10;
      kinds.push_back(r == 0 ? Kind::object : r < 4 ? Kind::words : r < 7 ? Kind::typed : Kind::reaction);
    }
    for (std::size_t i = 0; i + 1 < n; ++i) conns.push_back(rng() % 4 == 0 ? static_cast<Conn>(rng() % 5) : Conn::comma);
    compare(kinds, conns);
  }
  CHECK(failures == 0);
  CHECK(pieces > 100000);
  CHECK(joined > 10000);
  MESSAGE("pieces: ", pieces, ", joined in ", joined);
}

TEST_CASE("reaction_over_object: objects asked linear in the items of a long list with none") {
  // "Allergy, unread words, allergy, unread words, ..." with no object: each old walk went to the end.
  for (const std::size_t n : {10, 100, 400}) {
    std::vector<Kind> kinds;
    for (std::size_t i = 0; i < n; ++i) kinds.push_back(i % 2 == 0 ? Kind::reaction : Kind::words);
    const std::vector<Conn> conns(n - 1, Conn::comma);
    Counts old_counts, new_counts;
    const Piece a = run(true, kinds, conns, old_counts), b = run(false, kinds, conns, new_counts);
    CHECK(same(a, b));
    MESSAGE(n, " items: objects asked old ", old_counts.objects, ", new ", new_counts.objects, "; reactions asked old ",
            old_counts.reacts, ", new ", new_counts.reacts);
    CHECK(new_counts.objects <= n);
    CHECK(new_counts.reacts == 0);  // (no object: no reaction is asked)
    if (n == 400) CHECK(old_counts.objects > 50 * new_counts.objects);
  }
}

namespace {

// reaction_word as finish_items had it: the five stems alone.
bool old_reaction_word(std::string_view w) {
  static constexpr std::string_view stems[] = {"allerg", "hypersensitiv", "intoleran", "contraindicat", "contra-indicat"};
  for (auto s : stems)
    if (w.size() >= s.size() && d::iequals(w.substr(0, s.size()), s)) return true;
  return false;
}

}  // namespace

TEST_CASE("reaction_word: the stems' answer on every token of the golden lines and on the stems themselves") {
  const en::Lexicon& lexicon = en::Lexicon::builtin();
  std::size_t words = 0, reactions = 0, failures = 0;
  for (const std::string& line : golden_support::all_criterion_lines())
    for (const g::Token& t : g::tokenize(line, lexicon)) {
      const std::string_view w(line.data() + t.begin, t.end - t.begin);
      failures += d::reaction_word(w) != old_reaction_word(w);
      reactions += old_reaction_word(w);
      ++words;
    }
  for (const std::string base : {"allergy", "hypersensitivity", "intolerance", "contraindicated", "contra-indicated",
                                 "allerg", "alle", "a", "", "hypersensitiv", "intoleran", "contraindicat"}) {
    std::string upper = base, capital = base;  // (all in upper case; the first letter only)
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (!capital.empty()) capital[0] = upper[0];
    for (const std::string& w : {base, upper, capital}) {
      for (std::size_t i = 0; i < w.size(); ++i) {
        std::string upper = w, other = w;
        upper[i] = static_cast<char>(upper[i] >= 'a' && upper[i] <= 'z' ? upper[i] - 32 : upper[i]);
        other[i] = static_cast<char>(other[i] ^ 0x20);  // '@' for '`', '[' for '{' ...: no letter's other case
        failures += d::reaction_word(upper) != old_reaction_word(upper);
        failures += d::reaction_word(other) != old_reaction_word(other);
      }
      failures += d::reaction_word(w) != old_reaction_word(w);
      reactions += old_reaction_word(w);
    }
  }
  CHECK(failures == 0);
  CHECK(words > 10000);
  CHECK(reactions > 20);
  MESSAGE("tokens: ", words, ", reactions ", reactions);
}
