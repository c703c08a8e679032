// finish_items' "defined by" join in one pass (grammar/src/lower_join_next.hpp, lower_defines.cpp): against the old
// loop (kept here as the oracle: front to back, one erase a join, episode_as_text for the joins of episodes) on every
// short list of item kinds and connectors and on long random ones; its moves counted on a long line of conditions and
// their thresholds, which the old loop made quadratic; and the episodes' scan asked again (lower_episodes.cpp) against
// the scan made afresh at every ask, on every golden line.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_join_next.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"
#include "counting_support.hpp"

namespace en = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

struct DefinedByProbe {
  static void episode_as_text(Lowering& l, std::vector<Item>& items, std::vector<Conn>& conns,
                              std::vector<bool>& text_has_or, std::size_t k) {
    l.episode_as_text(items, conns, text_has_or, k);
  }
  static void episode_into_next(Lowering& l, std::vector<Item>& items, std::size_t k) { l.episode_into_next(items, k); }
  static bool episodes_before(const Lowering& l, std::size_t b, std::size_t e, std::uint32_t upto) {
    return l.episodes_before(b, e, upto);
  }
  static bool episodes_before(const Lowering& l, std::size_t b, std::size_t e, std::uint32_t upto, std::size_t& at) {
    return l.episodes_before(b, e, upto, at);
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

namespace d = trialmatch::grammar::detail;
using d::Conn;
using d::DefinedByProbe;

// The kinds of item here: unread words, a condition (an event), thresholds that define it (read as such, warned of),
// thresholds after words of episodes (the two become one text), other thresholds (kept apart).
enum class Kind { text, condition, defining, episode, other };

struct Piece {
  std::vector<Kind> kinds;
  std::vector<Conn> conns;
  std::vector<bool> has_or;
};

// The piece's text: each item five letters and a space; the kind of each item is told by its node.
struct Built {
  std::string text;
  std::vector<d::Item> items;
};

Built build(const Piece& p) {
  Built out;
  for (std::size_t k = 0; k < p.kinds.size(); ++k) {
    const auto begin = static_cast<std::uint32_t>(out.text.size());
    out.text += "abcde";
    const auto end = static_cast<std::uint32_t>(out.text.size());
    out.text += ' ';
    en::Node n;
    if (p.kinds[k] == Kind::condition) {
      en::Has h;
      h.concept_id = "anemia";
      n = en::Node{std::move(h), {begin, end}};
    } else {
      const char* label = p.kinds[k] == Kind::defining ? "defining" : p.kinds[k] == Kind::episode ? "episode" : "t";
      n = en::Node{en::Text{label + std::to_string(k), en::TextReason::not_understood}, {begin, end}};
    }
    out.items.emplace_back(std::move(n), p.kinds[k] == Kind::text, begin, end);
  }
  return out;
}

// The join finish_items asks of items k and k + 1: 0 none, 1 read as the thresholds (a warning), 2 one text (episodes).
int join_of(const std::vector<d::Item>& items, const std::vector<Conn>& conns, std::size_t k) {
  if (items[k].text || items[k + 1].text || conns[k] != Conn::none || !d::is_has(items[k].node)) return 0;
  const auto* t = std::get_if<en::Text>(&items[k + 1].node.kind);
  if (!t) return 0;
  return t->text.starts_with("defining") ? 1 : t->text.starts_with("episode") ? 2 : 0;
}

// The old loop, as finish_items had it; `warned` gets the begin of each condition read as its thresholds.
void old_join(d::Lowering& l, std::vector<d::Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or,
              std::vector<std::uint32_t>& warned) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    const int join = join_of(items, conns, k);
    if (join == 0) continue;
    if (join == 2) {
      DefinedByProbe::episode_as_text(l, items, conns, text_has_or, k);
      continue;
    }
    warned.push_back(items[k].begin);
    items[k + 1].begin = items[k].begin;
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(k));
    conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k));
    text_has_or.erase(text_has_or.begin() + static_cast<std::ptrdiff_t>(k));
  }
}

// The join as lower_defines.cpp asks it.
void new_join(d::Lowering& l, std::vector<d::Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or,
              std::vector<std::uint32_t>& warned) {
  d::join_into_next(items, conns, text_has_or, [&](std::size_t k) {
    const int join = join_of(items, conns, k);
    if (join == 0) return false;
    if (join == 2) {
      DefinedByProbe::episode_into_next(l, items, k);
      return true;
    }
    warned.push_back(items[k].begin);
    items[k + 1].begin = items[k].begin;
    return true;
  });
}

// Mismatches between the two forms on one piece; `joins` counts the old loop's joins.
std::size_t check(const Piece& p, std::size_t& joins) {
  const en::Lexicon& lexicon = en::Lexicon::builtin();
  Built a = build(p), b = build(p);
  const std::vector<g::Token> tokens = g::tokenize(a.text, lexicon);
  en::Diagnostics old_diags, new_diags;
  d::Lowering old_lowering(a.text, tokens, lexicon, 8, g::ListReading::any, g::PeopleHeadings::name_cohorts, old_diags);
  d::Lowering new_lowering(b.text, tokens, lexicon, 8, g::ListReading::any, g::PeopleHeadings::name_cohorts, new_diags);
  std::vector<Conn> old_conns = p.conns, new_conns = p.conns;
  std::vector<bool> old_or = p.has_or, new_or = p.has_or;
  std::vector<std::uint32_t> old_warned, new_warned;
  const std::size_t before = a.items.size();
  old_join(old_lowering, a.items, old_conns, old_or, old_warned);
  joins += before - a.items.size();
  new_join(new_lowering, b.items, new_conns, new_or, new_warned);
  std::size_t failures = 0;
  failures += a.items.size() != b.items.size();
  failures += old_conns != new_conns;
  failures += old_or != new_or;
  failures += old_warned != new_warned;
  // (The episodes' texts warn as they are made: the same warnings, in the same order.)
  failures += old_diags.size() != new_diags.size();
  for (std::size_t k = 0; k < old_diags.size() && k < new_diags.size(); ++k)
    failures += old_diags[k].begin != new_diags[k].begin || old_diags[k].end != new_diags[k].end;
  for (std::size_t k = 0; k < a.items.size() && k < b.items.size(); ++k) {
    const d::Item &x = a.items[k], &y = b.items[k];
    failures += x.text != y.text || x.begin != y.begin || x.end != y.end || x.orphan != y.orphan || !(x.node == y.node);
  }
  return failures;
}

constexpr Kind kKinds[] = {Kind::text, Kind::condition, Kind::defining, Kind::episode, Kind::other};
constexpr Conn kConns[] = {Conn::none, Conn::comma, Conn::and_, Conn::or_, Conn::slash};

// An Item's fields the join reads and writes, with its moves counted.
struct CountedItem {
  CountedItem(bool is_condition, std::uint32_t from, std::uint32_t to, std::size_t* moved)
      : condition(is_condition), begin(from), end(to), moves(moved) {}
  bool condition;
  std::uint32_t begin, end;
  counting_support::MoveCount moves;
};

}  // namespace

TEST_CASE("join_into_next: the old defined-by loop's result on every short piece and on long random ones") {
  std::size_t pieces = 0, joins = 0, failures = 0;
  // Every list of up to five items of the five kinds, with no connector or a comma between (the other connectors in
  // the random lists below).
  for (std::size_t n = 1; n <= 5; ++n) {
    std::size_t kinds = 1;
    for (std::size_t k = 0; k < n; ++k) kinds *= 5;
    for (std::size_t code = 0; code < kinds; ++code)
      for (std::size_t links = 0; links < (std::size_t{1} << (n - 1)); ++links) {
        Piece p;
        std::size_t c = code;
        for (std::size_t k = 0; k < n; ++k, c /= 5) p.kinds.push_back(kKinds[c % 5]);
        for (std::size_t k = 0; k + 1 < n; ++k) p.conns.push_back((links >> k) & 1 ? Conn::comma : Conn::none);
        for (std::size_t k = 0; k < n; ++k) p.has_or.push_back((code + k) % 3 == 0);
        failures += check(p, joins);
        ++pieces;
      }
  }
  std::mt19937 random(2026);
  for (int round = 0; round < 1000; ++round) {
    Piece p;
    const std::size_t n = 1 + random() % 300;
    for (std::size_t k = 0; k < n; ++k) {
      // (Conditions and their thresholds most often, so that runs of joins and near misses are common.)
      const auto r = random() % 10;
      p.kinds.push_back(r < 4 ? Kind::condition : r < 6 ? Kind::defining : r < 8 ? Kind::episode : kKinds[random() % 5]);
      p.has_or.push_back(random() % 2 == 0);
      if (k > 0) p.conns.push_back(random() % 4 != 0 ? Conn::none : kConns[random() % 5]);
    }
    failures += check(p, joins);
    ++pieces;
  }
  CHECK(failures == 0);
  CHECK(pieces > 40000);
  CHECK(joins > 20000);
  MESSAGE("pieces: ", pieces, ", joins ", joins);
}

TEST_CASE("join_into_next: each item moved at most once on a long line of conditions and their thresholds") {
  for (const std::size_t pairs : {1, 10, 100, 400}) {
    std::size_t moves = 0, old_moves = 0;
    // "Anemia (hemoglobin < 10 g/dL), Anemia (...), ...": a condition, its thresholds right after it, a comma.
    std::vector<CountedItem> items, old_items;
    std::vector<Conn> conns;
    std::vector<bool> has_or;
    for (std::size_t k = 0; k < pairs; ++k) {
      const auto at = static_cast<std::uint32_t>(32 * k);
      for (auto* list : {&items, &old_items}) {
        std::size_t* counter = list == &items ? &moves : &old_moves;
        list->emplace_back(true, at, at + 6, counter);
        list->emplace_back(false, at + 7, at + 30, counter);
      }
      if (k > 0) conns.push_back(Conn::comma);
      conns.push_back(Conn::none);
      has_or.insert(has_or.end(), {false, false});
    }
    std::vector<Conn> old_conns = conns;
    std::vector<bool> old_or = has_or;
    moves = old_moves = 0;  // (the lists' own growth not counted)
    // (Each form asks its list as it stands: a condition joins the thresholds glued to it.)
    d::join_into_next(items, conns, has_or, [&](std::size_t k) {
      if (!items[k].condition || conns[k] != Conn::none) return false;
      items[k + 1].begin = items[k].begin;
      return true;
    });
    for (std::size_t k = 0; k + 1 < old_items.size(); ++k) {
      if (!old_items[k].condition || old_conns[k] != Conn::none) continue;
      old_items[k + 1].begin = old_items[k].begin;
      old_items.erase(old_items.begin() + static_cast<std::ptrdiff_t>(k));
      old_conns.erase(old_conns.begin() + static_cast<std::ptrdiff_t>(k));
      old_or.erase(old_or.begin() + static_cast<std::ptrdiff_t>(k));
    }
    CAPTURE(pairs);
    REQUIRE(items.size() == pairs);
    REQUIRE(old_items.size() == pairs);
    CHECK(conns == old_conns);
    CHECK(has_or == old_or);
    for (std::size_t k = 0; k < pairs; ++k) {
      CHECK(items[k].begin == 32 * k);
      CHECK(items[k].end == 32 * k + 30);
      CHECK(!items[k].condition);
    }
    CHECK(moves <= pairs);
    if (pairs == 400) CHECK(old_moves > 50 * moves);
    MESSAGE("pairs ", pairs, ": moves ", moves, ", the old loop's ", old_moves);
  }
}

TEST_CASE("episodes_before asked again of one piece: the answer of the scan made afresh, for any order of asks") {
  const en::Lexicon& lexicon = en::Lexicon::builtin();
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  // Lines with words of episodes before thresholds, in their own case and in capitals.
  lines.insert(lines.end(), {"history of hypoglycemia (blood glucose < 70 mg/dL)",
                             "recurrent symptoms of hypoglycemia (blood glucose less than 2.8 mmol/L)",
                             "Anemia (hemoglobin < 10 g/dL), previous anemia (hemoglobin < 8 g/dL)",
                             "PRIOR EPISODES OF HYPERKALEMIA (POTASSIUM > 6 MMOL/L)"});
  std::size_t asks = 0, episodes = 0, failures = 0;
  std::mt19937 random(8);
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    if (tokens.empty()) continue;
    en::Diagnostics diags;
    const d::Lowering lowering(text, tokens, lexicon, 8, g::ListReading::any, g::PeopleHeadings::name_cohorts, diags);
    const std::size_t n = tokens.size();
    for (std::size_t b = 0; b < n; b += 1 + n / 8)
      for (const std::size_t e : {n, b + (n - b) / 2 + 1}) {
        // The asks in text order (each token's start and end, as the join asks at each thresholds' start), then
        // in a random order.
        std::vector<std::uint32_t> uptos;
        for (std::size_t x = 0; x < n; ++x) uptos.insert(uptos.end(), {tokens[x].begin, tokens[x].end});
        uptos.push_back(static_cast<std::uint32_t>(text.size()) + 1);
        for (int round = 0; round < 2; ++round) {
          std::size_t at = std::string_view::npos;
          for (const std::uint32_t upto : uptos) {
            const bool fresh = DefinedByProbe::episodes_before(lowering, b, e, upto);
            failures += DefinedByProbe::episodes_before(lowering, b, e, upto, at) != fresh;
            episodes += fresh;
            ++asks;
          }
          std::shuffle(uptos.begin(), uptos.end(), random);
        }
      }
  }
  CHECK(failures == 0);
  CHECK(asks > 100000);
  CHECK(episodes > 1000);
  MESSAGE("asks: ", asks, ", episodes before ", episodes);
}
