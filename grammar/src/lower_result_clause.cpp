// A clause of result after the last of several events: "Having a spasticity and contracture to prevent sitting in
// the hip and knee joint", "substance abuse or psychiatric disorder that prevents independent living". What the
// clause says (it prevents sitting, independent living) may be said of each event joined before it, as the trial's
// site may (lower_trial_site.cpp); read alone, the first event excluded a patient with a mild spasticity who sits
// well, or any substance abuse. The events and the unread item become one unread text with an "or" of its own
// (alone in the piece, the piece is a person's to read).
// ("Diabetes, hypertension": no clause; "Stroke or seizures within 6 months": a time, not a result; a clause glued
// to its own event with no connector, "disorder that may affect absorption", keeps the events before it apart
// where they are no list joined by "or"/"and" to it.)
#include "lower_result_clause.hpp"

#include <algorithm>

#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// Words that say what a thing prevents or affects: "to prevent", "prevents", "preventing", "interfere(s) with",
// "that may affect", "which limits", "limiting participation".
bool says_result(std::string_view text, std::span<const Token> toks, const Item& item) {
  static constexpr std::string_view always_words[] = {"prevent", "prevents", "preventing", "interfere", "interferes",
                                                      "interfering", "precludes", "precluding", "prohibits", "prohibiting",
                                                      "limiting"};
  static constexpr std::string_view after_modal_words[] = {"affect", "affects", "limit", "limits"};
  static constexpr std::string_view modal_words[] = {"that", "which", "may", "might", "could", "would", "can"};
  static constexpr WordList always(always_words);
  static constexpr WordList after_modal(after_modal_words);
  static constexpr WordList modals(modal_words);
  // (The item's own tokens only, found by bisection: tokens are in text order and do not overlap.)
  auto t = std::lower_bound(toks.begin(), toks.end(), item.begin,
                            [](const Token& tok, std::uint32_t at) { return tok.begin < at; });
  std::string_view before;
  for (; t != toks.end() && t->end <= item.end; ++t) {
    const std::string_view w = text.substr(t->begin, t->end - t->begin);
    if (always.contains(w)) return true;
    if (after_modal.contains(w) && !before.empty() && modals.contains(before)) return true;
    before = w;
  }
  return false;
}

void result_reaching(std::string_view text, std::span<const Token> toks, std::vector<Item>& items,
                     std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
  for (std::size_t m = 1; m < items.size(); ++m) {
    if (!items[m].text || items[m].orphan) continue;
    // The clause's own event: the unread item itself, or an event right before it with no connector
    // ("psychiatric disorder" + "that prevents independent living"); joined to the events before by "or"/"and".
    // (The event joined before them is asked for before the item's words are read, and the events before that are
    // listed only then: most unread items follow none, and walking a long list back from each item was quadratic.)
    std::size_t own = m;
    if (conns[m - 1] == Conn::none && !items[m - 1].text && is_has(items[m - 1].node)) own = m - 1;
    if (own == 0 || (conns[own - 1] != Conn::or_ && conns[own - 1] != Conn::and_)) continue;
    if (items[own - 1].text || !is_has(items[own - 1].node)) continue;
    if (!says_result(text, toks, items[m])) continue;
    std::size_t first = own;
    while (first > 0 && (conns[first - 1] == Conn::or_ || conns[first - 1] == Conn::and_ || conns[first - 1] == Conn::comma) &&
           !items[first - 1].text && is_has(items[first - 1].node))
      --first;
    join_items(items, conns, text_has_or, first, m);
    items[first].text = true;
    text_has_or[first] = true;
    m = first;
  }
}

}  // namespace trialmatch::grammar::detail
