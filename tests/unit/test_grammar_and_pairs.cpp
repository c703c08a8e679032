// finish_items' four tests of two items and the words between them (grammar/src/lower_and_pairs.hpp): against the old
// loops (kept here as the oracles, as finish_items had them: every scan from the piece's first token) on item lists cut
// from every golden line's tokens, both with the scans from the piece's first token and from each pair's own; and the
// token reads counted on long lines ("diabetes and hypertension and ..." several hundred times), which the old loops
// made quadratic.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_and_pairs.hpp"
#include "../../grammar/src/tokens.hpp"
#include "counting_support.hpp"
#include "golden_support.hpp"

namespace en = trialmatch::engine;
namespace g = trialmatch::grammar;
namespace d = trialmatch::grammar::detail;
using d::Conn;
using d::Item;
using g::Tok;

using counting_support::CountingToks;

namespace {

// ---- The old loops, as finish_items had them (toks_ and text_ the piece's, `any` for lists_ == ListReading::any).

template <class Toks>
std::string_view slice(const Toks& toks, std::string_view text, std::size_t x) {
  return text.substr(toks[x].begin, toks[x].end - toks[x].begin);
}

template <class Toks, class Measured>
bool old_ratio(const Toks& toks_, std::string_view text_, std::size_t b, std::size_t e, const std::vector<Item>& items,
               const std::vector<Conn>& conns, Measured&& is_measured) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::slash || items[k].text == items[k + 1].text) continue;
    const Item& text = items[k].text ? items[k] : items[k + 1];
    for (std::size_t x = b; x < e; ++x)
      if (is_measured(x) && toks_[x].begin >= text.begin && toks_[x].end <= text.end) return true;
  }
  (void)text_;
  return false;
}

template <class Toks, class Ignored>
void old_bare_and(const Toks& toks_, std::string_view text_, std::size_t b, std::size_t e, const std::vector<Item>& items,
                  std::vector<Conn>& conns, Ignored&& ignored) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::and_ || items[k].text == items[k + 1].text || items[k + 1].begin < items[k].end) continue;
    const Item& event = items[k].text ? items[k + 1] : items[k];
    const Item& words = items[k].text ? items[k] : items[k + 1];
    if (!d::is_has_or_alternatives(event.node)) continue;
    bool bare_and = false, other = false;
    std::string_view first_word;
    for (std::size_t x = b; x < e && toks_[x].begin < items[k + 1].end; ++x) {
      if (first_word.empty() && toks_[x].begin >= words.begin && toks_[x].end <= words.end && !ignored(x))
        first_word = slice(toks_, text_, x);
      if (toks_[x].begin < items[k].end || toks_[x].begin >= items[k + 1].begin) continue;
      if (toks_[x].kind == Tok::and_ && d::iequals(slice(toks_, text_, x), "and")) bare_and = true;
      else if (!ignored(x)) other = true;
    }
    if (bare_and && !other && !first_word.empty() && !d::qualifying_word(first_word)) conns[k] = Conn::or_;
  }
}

template <class Toks, class Ignored>
bool old_groups(const Toks& toks_, std::string_view text_, std::size_t b, std::size_t e, const std::vector<Item>& items,
                std::vector<Conn>& conns, Ignored&& ignored) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::and_ || items[k + 1].begin < items[k].end) continue;
    static constexpr std::string_view groups[] = {"patients", "patient", "subjects", "participants", "individuals",
                                                  "persons", "people", "those", "cases", "volunteers"};
    static constexpr std::string_view ages[] = {"children", "child", "adults", "adult", "adolescents", "infants",
                                                "neonates", "newborns", "women", "men", "girls", "boys"};
    static constexpr std::string_view links[] = {"with", "who", "having", "on", "receiving", "in", "a", "an", "the"};
    bool bare_and = false, group = false, aged = false, other = false;
    for (std::size_t x = b; x < e && toks_[x].begin < items[k + 1].begin; ++x) {
      if (toks_[x].begin < items[k].end) continue;
      const std::string_view w = slice(toks_, text_, x);
      if (!bare_and && toks_[x].kind == Tok::and_ && d::iequals(w, "and")) bare_and = true;
      else if (bare_and && !group && !aged && d::one_of(w, groups)) group = true;
      else if (bare_and && !group && !aged && d::one_of(w, ages)) aged = true;
      else if (!((group || aged) && d::one_of(w, links)) && !ignored(x)) other = true;
    }
    if (bare_and && aged && !other) return false;
    if (bare_and && group && !other) conns[k] = Conn::or_;
  }
  return true;
}

template <class Toks, class Ignored>
void old_pregnant(const Toks& toks_, std::string_view text_, std::size_t b, std::size_t e, const std::vector<Item>& items,
                  std::vector<Conn>& conns, bool any, Ignored&& ignored) {
  static constexpr std::string_view people_links[] = {"on", "with", "who", "are", "in", "receiving"};
  const auto only_events = d::is_has_or_alternatives;
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::and_ || items[k].text || items[k + 1].text || !only_events(items[k].node) ||
        !d::is_has(items[k + 1].node) || items[k + 1].begin < items[k].end)
      continue;
    bool and_only = false, other = false;
    for (std::size_t x = b; x < e && toks_[x].begin < items[k + 1].begin; ++x) {
      if (toks_[x].begin < items[k].end) continue;
      const Tok kind = toks_[x].kind;
      if (kind == Tok::and_ && d::iequals(slice(toks_, text_, x), "and")) and_only = true;
      else if (kind == Tok::comma || (and_only && (kind == Tok::subject || ignored(x) ||
                                                   (kind == Tok::filler && d::one_of(slice(toks_, text_, x), people_links)))))
        continue;
      else if (!and_only && (kind == Tok::subject || kind == Tok::sex_female)) continue;
      else other = true;
    }
    if (!and_only || other) continue;
    bool people = false;
    const std::uint32_t until = k + 2 < items.size() ? items[k + 2].begin : toks_[e - 1].end;
    for (std::size_t x = b; x < e && toks_[x].begin < until && !people; ++x) {
      if (toks_[x].begin < items[k + 1].begin) continue;
      const Tok kind = toks_[x].kind;
      people = kind == Tok::subject || kind == Tok::sex_female || kind == Tok::sex_male || kind == Tok::sex_any;
      if (kind == Tok::name) {
        static constexpr std::string_view people_words[] = {"women", "woman", "mothers", "females", "patients",
                                                            "persons", "people", "subjects", "individuals"};
        const std::string_view name = slice(toks_, text_, x);
        people = d::one_of(name.substr(name.rfind(' ') == std::string_view::npos ? 0 : name.rfind(' ') + 1), people_words);
      }
    }
    if (any || people) conns[k] = Conn::or_;
  }
}

// ---- Item lists cut from a line's tokens.

en::Node event(std::uint32_t begin, std::uint32_t end, bool alternatives) {
  en::Has h;
  h.concept_id = "diabetes";
  en::Node one{std::move(h), {begin, end}};
  if (!alternatives) return one;
  std::vector<en::Node> args;
  args.push_back(one);
  args.push_back(std::move(one));
  return en::Node{en::Any{std::move(args)}, {begin, end}};
}

struct Cut {
  std::vector<Item> items;
  std::vector<Conn> conns;
};

// Items of the tokens [b, e): a connector token ("and", "or", a comma, a slash) ends an item and gives its connector
// (mostly: sometimes it stays within the item, sometimes another connector is given); an item may also end at any
// token, glued to the next (Conn::none). Each item is unread words, an event, alternatives of events or another node
// (no event), and may lose a byte at either end.
Cut cut_items(std::span<const g::Token> toks, std::size_t b, std::size_t e, std::mt19937& rng) {
  Cut out;
  const auto roll = [&](unsigned n) { return rng() % n; };
  const auto conn_of = [](Tok k) {
    return k == Tok::and_ ? Conn::and_ : k == Tok::or_ ? Conn::or_ : k == Tok::comma ? Conn::comma
                                       : k == Tok::slash ? Conn::slash : Conn::none;
  };
  const auto add = [&](std::size_t i, std::size_t j) {  // tokens [i, j)
    std::uint32_t begin = toks[i].begin, end = toks[j - 1].end;
    if (roll(8) == 0 && end > begin + 1) ++begin;
    if (roll(8) == 0 && end > begin + 1) --end;
    const unsigned kind = roll(5);
    if (kind <= 1) out.items.emplace_back(en::Node{}, true, begin, end);
    else if (kind == 4) out.items.emplace_back(en::Node{}, false, begin, end);
    else out.items.emplace_back(event(begin, end, kind == 3), false, begin, end);
  };
  std::size_t start = b;
  for (std::size_t x = b; x < e; ++x) {
    const Conn c = conn_of(toks[x].kind);
    if (c != Conn::none && roll(6) != 0) {
      if (x > start) {
        add(start, x);
        out.conns.push_back(roll(10) == 0 ? static_cast<Conn>(roll(5)) : c);
      }
      start = x + 1;
    } else if (x + 1 > start && x + 1 < e && roll(7) == 0) {
      add(start, x + 1);
      out.conns.push_back(roll(10) == 0 ? static_cast<Conn>(roll(5)) : Conn::none);
      start = x + 1;
    }
  }
  if (e > start) add(start, e);
  else if (!out.conns.empty()) out.conns.pop_back();
  if (out.items.empty()) out.conns.clear();
  return out;
}

// The four old loops and the new ones on one list, the new with the scans from the piece's first token and from each
// pair's own; returns the number of disagreements. `changed` counts the lists where the old loops change something.
std::size_t compare(std::span<const g::Token> toks, std::string_view text, std::size_t b, std::size_t e,
                    const Cut& cut, const std::vector<bool>& ignored_tokens, std::size_t& changed) {
  const auto ignored = [&](std::size_t x) { return static_cast<bool>(ignored_tokens[x]); };
  const auto measured = [&](std::size_t x) {
    return toks[x].kind == Tok::name && toks[x].entry != nullptr && en::is_measured(toks[x].entry->kind);
  };
  const auto third = [](std::size_t x) { return x % 3 == 1; };
  std::size_t failures = 0;
  bool any_change = false;
  for (const bool from_pair : {false, true}) {
    const d::PairScan<std::span<const g::Token>> s{toks, text, b, e, from_pair};
    const auto& items = cut.items;
    const bool old_ratio_measured = old_ratio(toks, text, b, e, items, cut.conns, measured);
    const bool old_ratio_third = old_ratio(toks, text, b, e, items, cut.conns, third);
    failures += d::ratio_across_slash(s, items, cut.conns, measured) != old_ratio_measured;
    failures += d::ratio_across_slash(s, items, cut.conns, third) != old_ratio_third;
    any_change = any_change || old_ratio_measured || old_ratio_third;

    std::vector<Conn> old_conns = cut.conns, new_conns = cut.conns;
    old_bare_and(toks, text, b, e, items, old_conns, ignored);
    d::and_lists_exclusions(s, items, new_conns, ignored);
    failures += old_conns != new_conns;
    any_change = any_change || old_conns != cut.conns;

    old_conns = new_conns = cut.conns;
    const bool old_kept = old_groups(toks, text, b, e, items, old_conns, ignored);
    failures += d::groups_across_and(s, items, new_conns, ignored) != old_kept || old_conns != new_conns;
    any_change = any_change || !old_kept || old_conns != cut.conns;

    for (const bool any : {false, true}) {
      old_conns = new_conns = cut.conns;
      old_pregnant(toks, text, b, e, items, old_conns, any, ignored);
      d::and_names_kinds(s, items, new_conns, any, ignored);
      failures += old_conns != new_conns;
      any_change = any_change || old_conns != cut.conns;
    }
  }
  changed += any_change;
  return failures;
}

}  // namespace

TEST_CASE("finish_items' and-pairs: the old loops' answers on item lists cut from every golden line") {
  const en::Lexicon& lexicon = en::Lexicon::builtin();
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  lines.insert(lines.end(), {"Pregnant and lactating women, or patients with psoriasis and patients with eczema",
                             "adults with asthma and children with eczema and renal failure and those on dialysis",
                             "FEV1 (forced expiratory volume) / FVC < 70% / hemoglobin < 10 g/dL / renal foo",
                             "Hypertensive emergency and urgency and diabetes and taking related drugs"});
  // (Long lists too: three lines joined by "and", from every third line on.)
  const std::size_t golden = lines.size();
  for (std::size_t i = 0; i + 2 < golden; i += 3) lines.push_back(lines[i] + " and " + lines[i + 1] + " and " + lines[i + 2]);
  std::mt19937 rng(30);
  std::size_t lists = 0, long_lists = 0, changed = 0, failures = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    const std::span<const g::Token> toks(tokens);
    const std::size_t n = toks.size();
    if (n == 0) continue;
    std::vector<bool> ignored_tokens(n);
    for (std::size_t x = 0; x < n; ++x) ignored_tokens[x] = rng() % 6 == 0;
    // (Pieces: the whole line, and from a quarter of it on; each cut three ways.)
    for (const std::size_t b : {std::size_t{0}, n / 4})
      for (int round = 0; round < 3; ++round) {
        const Cut cut = cut_items(toks, b, n, rng);
        if (cut.items.empty()) continue;
        failures += compare(toks, text, b, n, cut, ignored_tokens, changed);
        ++lists;
        long_lists += cut.items.size() > d::PairScan<std::span<const g::Token>>::kLinearPast;
      }
  }
  CHECK(failures == 0);
  CHECK(lists > 10000);
  CHECK(long_lists > 500);
  CHECK(changed > 1000);
  MESSAGE("lists: ", lists, " (", long_lists, " long), changed by the old loops: ", changed);
}

namespace {

// A line of `copies` copies of `unit`, cut at its connectors ("and", "/") into items, each an event unless its words
// are `unread`; the token reads of the old loop and of the new (from each pair's first token past kLinearPast items).
struct Reads {
  std::size_t old_reads = 0, new_reads = 0, items = 0;
};

template <class Run>
Reads count_reads(const std::string& unit, int copies, std::string_view unread, Run&& run) {
  std::string text;
  for (int i = 0; i < copies; ++i) text += unit;
  const std::vector<g::Token> tokens = g::tokenize(text, en::Lexicon::builtin());
  const std::span<const g::Token> span(tokens);
  const std::size_t e = tokens.size();
  std::vector<Item> items;
  std::vector<Conn> conns;
  std::size_t start = 0;
  const auto add = [&](std::size_t i, std::size_t j) {
    const std::uint32_t begin = tokens[i].begin, end = tokens[j - 1].end;
    const bool words = text.substr(begin, end - begin) == unread;
    items.emplace_back(words ? en::Node{} : event(begin, end, false), words, begin, end);
  };
  for (std::size_t x = 0; x < e; ++x)
    if (tokens[x].kind == Tok::and_ || tokens[x].kind == Tok::slash) {
      if (x > start) {
        add(start, x);
        conns.push_back(tokens[x].kind == Tok::and_ ? Conn::and_ : Conn::slash);
      }
      start = x + 1;
    }
  if (e > start) add(start, e);
  else if (!conns.empty()) conns.pop_back();
  Reads out;
  out.items = items.size();
  const CountingToks old_toks{span}, new_toks{span};
  const d::PairScan<CountingToks> s{new_toks, text, 0, e, items.size() > d::PairScan<CountingToks>::kLinearPast};
  run(old_toks, new_toks, s, std::string_view(text), e, items, conns);
  out.old_reads = old_toks.reads;
  out.new_reads = new_toks.reads;
  return out;
}

}  // namespace

TEST_CASE("finish_items' and-pairs: token reads linear in the items of a long line") {
  const auto none = [](std::size_t) { return false; };
  for (const int copies : {1, 10, 100, 300}) {
    // The ratio's slash: unread words and comparisons (no measure among the words: every pair is scanned).
    const Reads ratio = count_reads("renal foo / hemoglobin / ", copies, "renal foo",
                                    [&](const auto& o, const auto& n, const auto& s, std::string_view text, std::size_t e,
                                        const std::vector<Item>& items, std::vector<Conn>& conns) {
                                      // (A measure test that reads the token, as is_measured does: none is a date.)
                                      const auto old_measured = [&](std::size_t x) { return o[x].kind == Tok::date; };
                                      const auto new_measured = [&](std::size_t x) { return n[x].kind == Tok::date; };
                                      CHECK(old_ratio(o, text, 0, e, items, conns, old_measured) ==
                                            d::ratio_across_slash(s, items, conns, new_measured));
                                    });
    // The exclusion's bare "and" and the second group: events and unread words.
    const Reads bare = count_reads("diabetes and renal foo and ", copies, "renal foo",
                                   [&](const auto& o, const auto&, const auto& s, std::string_view text, std::size_t e,
                                       const std::vector<Item>& items, std::vector<Conn>& conns) {
                                     std::vector<Conn> old_conns = conns, new_conns = conns;
                                     old_bare_and(o, text, 0, e, items, old_conns, none);
                                     d::and_lists_exclusions(s, items, new_conns, none);
                                     CHECK(old_conns == new_conns);
                                     CHECK(old_groups(o, text, 0, e, items, old_conns, none) ==
                                           d::groups_across_and(s, items, new_conns, none));
                                     CHECK(old_conns == new_conns);
                                   });
    // Two kinds of patient: events only.
    const Reads kinds = count_reads("diabetes and hypertension and ", copies, "",
                                    [&](const auto& o, const auto&, const auto& s, std::string_view text, std::size_t e,
                                        const std::vector<Item>& items, std::vector<Conn>& conns) {
                                      std::vector<Conn> old_conns = conns, new_conns = conns;
                                      old_pregnant(o, text, 0, e, items, old_conns, true, none);
                                      d::and_names_kinds(s, items, new_conns, true, none);
                                      CHECK(old_conns == new_conns);
                                    });
    for (const Reads& r : {ratio, bare, kinds}) {
      MESSAGE(copies, " copies, ", r.items, " items: reads old ", r.old_reads, ", new ", r.new_reads);
      // (Each pair's scan: its bisection, up to 2 log2 of the tokens, and its own few tokens.)
      CHECK(r.new_reads <= 64 * r.items + 64);
      if (copies == 300) CHECK(r.old_reads > 20 * r.new_reads);
    }
  }
}

// (The three "and" tests are asked only where the piece's tokens hold an and_ token: each changes or refuses only
// where a written "and" stands between its two items (lower_items.cpp; docs/lowering-guards.md).) The lines they are
// written for, in both sections: a guard too strict leaves their "and" as written.
TEST_CASE("finish_items' and-pairs: the lines each \"and\" test is written for, in both sections") {
  struct Case {
    const char* line;
    const char* inclusion;
    const char* exclusion;
  };
  const Case cases[] = {
      {"Patients with psoriasis and patients with atopic dermatitis", R"x(any(has psoriasis, has atopic_dermatitis))x",
       R"x(any(has psoriasis, has atopic_dermatitis))x"},
      {"adults with asthma and children with eczema", R"x(text[not_understood] "asthma and children with eczema")x",
       R"x(text[not_understood] "asthma and children with eczema")x"},
      {"Hypertensive emergency and urgency", R"x(all(has hypertensive_emergency, text[not_understood] "urgency"))x",
       R"x(any(has hypertensive_emergency, text[not_understood] "urgency"))x"},
      {"History of atrial fibrillation and frequent extrasystoles",
       R"x(all(has atrial_fibrillation, text[not_understood] "frequent extrasystoles"))x",
       R"x(any(has atrial_fibrillation, text[not_understood] "frequent extrasystoles"))x"},
      {"Pregnant and lactating women", R"x(any(has pregnancy, has breastfeeding))x",
       R"x(any(has pregnancy, has breastfeeding))x"},
      {"history of bleeding and cerebral infarction", R"x(all(has bleeding, has ischemic_stroke))x",
       R"x(any(has bleeding, has ischemic_stroke))x"},
      {"renal failure or uremia, and those on dialysis",
       R"x(all(any(has kidney_failure, has uremia), has dialysis status active))x",
       R"x(any(has kidney_failure, has uremia, has dialysis status active))x"},
  };
  const g::Parser parser(en::Lexicon::builtin());
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CHECK(en::to_canonical(parser.parse(c.line, g::CriterionSection::inclusion).tree) == std::string(c.inclusion));
    CHECK(en::to_canonical(parser.parse(c.line, g::CriterionSection::exclusion).tree) == std::string(c.exclusion));
  }
}
