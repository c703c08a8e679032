#pragma once
// finish_items' four tests of two items and the words between them (a ratio's slash, an exclusion's bare "and", a
// second group of people after "and", two kinds of patient after "and"). Each scanned the piece's tokens from its
// first for every pair it asked, which is quadratic in the items of a long list ("diabetes and hypertension and ...",
// several hundred times); past kLinearPast items each scan starts at its pair's first token, found by bisection.
// (Short pieces keep the scan from the piece's first token: its few skipped tokens cost less than the bisection.)
// Written over any token list `Toks` with `toks[x]` (a span in the lowering; a counting one in the tests).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool qualifying_word(std::string_view word);  // lower_items.cpp

// The piece's tokens [b, e) and its text, with where a pair's scan starts.
template <class Toks>
struct PairScan {
  static constexpr std::size_t kLinearPast = 8;  // items; longer lists start each scan at its pair's first token

  const Toks& toks;
  std::string_view text;
  std::size_t b, e;
  bool from_pair;  // items.size() > kLinearPast (the tests set it to ask the bisection of short lists too)

  // (A token's bytes are within the text: no bounds check, which the compiler would call out of line.)
  std::string_view slice(std::size_t x) const { return {text.data() + toks[x].begin, toks[x].end - toks[x].begin}; }
  // The first token of [b, e) that begins at or after `offset` (tokens are in text order), or b on a short list:
  // every scan below passes over the tokens that begin before its `offset` (so either start gives the same answer).
  std::size_t from(std::uint32_t offset) const {
    if (!from_pair) return b;
    std::size_t lo = b, hi = e;
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (toks[mid].begin < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
};

// "FEV1 (forced expiratory volume) / FVC < 70%": whether a measure in unread words is joined by a slash to a
// typed item (the other half of a ratio: the piece is a person's to read).
// (The text item's tokens only: those after it begin past its end, so none ends within it.)
template <class Toks, class Measured>
[[gnu::always_inline]] inline bool ratio_across_slash(const PairScan<Toks>& s, const std::vector<Item>& items, const std::vector<Conn>& conns,
                        Measured&& is_measured) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::slash || items[k].text == items[k + 1].text) continue;
    const Item& text = items[k].text ? items[k] : items[k + 1];
    for (std::size_t x = s.from(text.begin); x < s.e && s.toks[x].begin <= text.end; ++x)
      if (is_measured(x) && s.toks[x].begin >= text.begin && s.toks[x].end <= text.end) return true;
  }
  return false;
}

// "Hypertensive emergency and urgency": in an exclusion, an event and unread words that name another thing, joined
// by a bare "and", are two things each excluded: the "and" becomes "or" (see finish_items).
// (The scan starts at the words' first token or the first after the first item, whichever is earlier: the tests
// below ask none before.)
template <class Toks, class Ignored>
[[gnu::always_inline]] inline void and_lists_exclusions(const PairScan<Toks>& s, const std::vector<Item>& items, std::vector<Conn>& conns,
                          Ignored&& ignored) {
  const auto& toks = s.toks;
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::and_ || items[k].text == items[k + 1].text || items[k + 1].begin < items[k].end) continue;
    const Item& event = items[k].text ? items[k + 1] : items[k];
    const Item& words = items[k].text ? items[k] : items[k + 1];
    if (!is_has_or_alternatives(event.node)) continue;
    bool bare_and = false, other = false;
    std::string_view first_word;
    for (std::size_t x = s.from(std::min(words.begin, items[k].end)); x < s.e && toks[x].begin < items[k + 1].end; ++x) {
      if (first_word.empty() && toks[x].begin >= words.begin && toks[x].end <= words.end && !ignored(x))
        first_word = s.slice(x);
      if (toks[x].begin < items[k].end || toks[x].begin >= items[k + 1].begin) continue;
      if (toks[x].kind == Tok::and_ && iequals(s.slice(x), "and")) bare_and = true;
      else if (!ignored(x)) other = true;
    }
    if (bare_and && !other && !first_word.empty() && !qualifying_word(first_word)) conns[k] = Conn::or_;
  }
}

// "Patients with psoriasis and patients with atopic dermatitis": "and" before the people a second item starts on
// names a second group (the "and" becomes "or"); before an age or sex ("adults with asthma and children with
// eczema") the piece is a person's to read: returns false then.
template <class Toks, class Ignored>
[[gnu::always_inline]] inline bool groups_across_and(const PairScan<Toks>& s, const std::vector<Item>& items, std::vector<Conn>& conns,
                       Ignored&& ignored) {
  const auto& toks = s.toks;
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::and_ || items[k + 1].begin < items[k].end) continue;
    static constexpr std::string_view groups[] = {"patients", "patient", "subjects", "participants", "individuals",
                                                  "persons", "people", "those", "cases", "volunteers"};
    static constexpr std::string_view ages[] = {"children", "child", "adults", "adult", "adolescents", "infants",
                                                "neonates", "newborns", "women", "men", "girls", "boys"};
    static constexpr std::string_view links[] = {"with", "who", "having", "on", "receiving", "in", "a", "an", "the"};
    bool bare_and = false, group = false, aged = false, other = false;
    for (std::size_t x = s.from(items[k].end); x < s.e && toks[x].begin < items[k + 1].begin; ++x) {
      if (toks[x].begin < items[k].end) continue;
      const std::string_view w = s.slice(x);
      if (!bare_and && toks[x].kind == Tok::and_ && iequals(w, "and")) bare_and = true;
      else if (bare_and && !group && !aged && one_of(w, groups)) group = true;
      else if (bare_and && !group && !aged && one_of(w, ages)) aged = true;
      else if (!((group || aged) && one_of(w, links)) && !ignored(x)) other = true;
    }
    if (bare_and && aged && !other) return false;
    if (bare_and && group && !other) conns[k] = Conn::or_;
  }
  return true;
}

// "Pregnant and lactating women": two events joined by a written "and" in an exclusion (`any`), or before the people
// they describe, name two kinds of patient, each meant: the "and" becomes "or" (see finish_items).
template <class Toks, class Ignored>
[[gnu::always_inline]] inline void and_names_kinds(const PairScan<Toks>& s, const std::vector<Item>& items, std::vector<Conn>& conns, bool any,
                     Ignored&& ignored) {
  const auto& toks = s.toks;
  static constexpr std::string_view people_links[] = {"on", "with", "who", "are", "in", "receiving"};
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::and_ || items[k].text || items[k + 1].text || !is_has_or_alternatives(items[k].node) ||
        !is_has(items[k + 1].node) || items[k + 1].begin < items[k].end)
      continue;
    // Only a written "and" between them, perhaps after a comma and before the people it starts on ("renal failure
    // or uremia, and those on dialysis"); "with", "and treated with" join a condition to what goes with it.
    bool and_only = false, other = false;
    for (std::size_t x = s.from(items[k].end); x < s.e && toks[x].begin < items[k + 1].begin; ++x) {
      if (toks[x].begin < items[k].end) continue;
      const Tok kind = toks[x].kind;
      if (kind == Tok::and_ && iequals(s.slice(x), "and")) and_only = true;
      else if (kind == Tok::comma || (and_only && (kind == Tok::subject || ignored(x) ||
                                                   (kind == Tok::filler && one_of(s.slice(x), people_links)))))
        continue;
      // "Pregnant females and lactation": the people the first event is of, before the "and".
      else if (!and_only && (kind == Tok::subject || kind == Tok::sex_female)) continue;
      else other = true;
    }
    if (!and_only || other) continue;
    // (The people word after the second event, which the lexicon's name may hold: "lactating women".)
    bool people = false;
    const std::uint32_t until = k + 2 < items.size() ? items[k + 2].begin : toks[s.e - 1].end;
    for (std::size_t x = s.from(items[k + 1].begin); x < s.e && toks[x].begin < until && !people; ++x) {
      if (toks[x].begin < items[k + 1].begin) continue;
      const Tok kind = toks[x].kind;
      people = kind == Tok::subject || kind == Tok::sex_female || kind == Tok::sex_male || kind == Tok::sex_any;
      if (kind == Tok::name) {
        static constexpr std::string_view people_words[] = {"women", "woman", "mothers", "females", "patients",
                                                            "persons", "people", "subjects", "individuals"};
        const std::string_view name = s.slice(x);
        people = one_of(name.substr(name.rfind(' ') == std::string_view::npos ? 0 : name.rfind(' ') + 1), people_words);
      }
    }
    if (any || people) conns[k] = Conn::or_;
  }
}

}  // namespace trialmatch::grammar::detail
