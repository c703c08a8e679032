// A window in a lead-in times every item after its colon: "Any of the following within 6 months prior to enrollment:
// myocardial infarction, stroke", "Laboratory values (within 14 days of enrollment): ANC ≥ 1.5 × 10⁹/L". Dropped
// with the lead-in as a heading, the items were asked of the whole past (a myocardial infarction ten years ago
// excluded); kept beside them as text, they decided nothing. Each event or measure after the colon with no time of
// its own gets the window; anything else there (an age, a sex, a guard, a window of its own) leaves the lead-in to
// the reading that keeps it as text.
// A lead-in saying "current" does the same for the events: "Currently taking any of the following medications:
// warfarin, heparin" asks of current use (dropped as a heading, any use ever excluded).
#include <algorithm>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {
namespace {

// The leaves of n under all(), any() and not(): the items a lead-in speaks of. every_leaf: `ok` holds for each;
// each_leaf: `f` is applied to each.
template <typename Ok>
bool every_leaf(const engine::Node& n, const Ok& ok) {
  if (const auto* a = std::get_if<engine::All>(&n.kind))
    return std::all_of(a->args.begin(), a->args.end(), [&](const engine::Node& x) { return every_leaf(x, ok); });
  if (const auto* o = std::get_if<engine::Any>(&n.kind))
    return std::all_of(o->args.begin(), o->args.end(), [&](const engine::Node& x) { return every_leaf(x, ok); });
  if (const auto* no = std::get_if<engine::Not>(&n.kind)) return every_leaf(*no->arg, ok);
  return ok(n);
}

template <typename F>
void each_leaf(engine::Node& n, const F& f) {
  if (auto* a = std::get_if<engine::All>(&n.kind)) {
    for (auto& x : a->args) each_leaf(x, f);
  } else if (auto* o = std::get_if<engine::Any>(&n.kind)) {
    for (auto& x : o->args) each_leaf(x, f);
  } else if (auto* no = std::get_if<engine::Not>(&n.kind)) {
    each_leaf(*no->arg, f);
  } else {
    f(n);
  }
}

// True where every leaf of n can take the window (texts pass; a guard, a sex cannot); `typed` where one is an event
// or a measure.
bool takes_window(const engine::Node& n, bool timed_from_entry, bool& typed) {
  return every_leaf(n, [&](const engine::Node& leaf) {
    if (const auto* h = std::get_if<engine::Has>(&leaf.kind)) {
      typed = true;
      return !h->within && !h->ahead && h->before.empty() && h->dated_from.empty() && h->dated_to.empty();
    }
    if (const auto* c = std::get_if<engine::Cmp>(&leaf.kind)) {
      typed = true;
      // (A measured value's window counts back from the moment of matching only.)
      return timed_from_entry && !c->within && c->var != "age" && c->relative_to == engine::RelativeTo::none;
    }
    return std::holds_alternative<engine::Text>(leaf.kind);
  });
}

// True where every event leaf of n has no status or time of its own (measures and texts pass: "Current laboratory
// values:" a value decides only while current, as every value; a guard, a sex cannot); `typed` as above.
bool takes_status(const engine::Node& n, bool& typed) {
  return every_leaf(n, [&](const engine::Node& leaf) {
    if (const auto* h = std::get_if<engine::Has>(&leaf.kind)) {
      typed = true;
      return h->status.empty() && !h->within && !h->ahead && h->dated_from.empty() && h->dated_to.empty();
    }
    if (std::holds_alternative<engine::Cmp>(leaf.kind)) {
      typed = true;
      return true;
    }
    return std::holds_alternative<engine::Text>(leaf.kind);
  });
}

}  // namespace

bool Lowering::says_current(std::size_t b, std::size_t c) const {
  // ("Active infection with any of the following:": the word may open a name the lexicon lists. "Current or past use
  // of any of the following:" asks of either.)
  // ("Taking allopathic medication: digitalis, ...": a treatment in the present tense, lower_present_use.cpp.)
  static constexpr std::string_view current_words[] = {"active", "current", "currently", "ongoing", "taking", "receiving"};
  static constexpr std::string_view past_words[] = {"past", "prior", "previous", "previously", "history", "former", "ever"};
  // (As WordLists: their first-letter and length filter turns most words away without a compare.)
  static constexpr WordList current(current_words);
  static constexpr WordList past(past_words);
  bool now = false;
  for (std::size_t k = b; k < c; ++k) {
    if (toks_[k].kind == Tok::status_history) return false;
    const std::string_view words = slice(toks_[k].begin, toks_[k].end);
    for (std::size_t pos = 0; pos < words.size();) {
      std::size_t end = pos;
      while (end < words.size() && words[end] != ' ' && words[end] != '-') ++end;
      const std::string_view w = words.substr(pos, end - pos);
      if (past.contains(w)) return false;
      now = now || toks_[k].kind == Tok::status_active || current.contains(w);
      pos = end + 1;
    }
  }
  return now;
}

bool Lowering::give_current_status(engine::Node& n) const {
  bool typed = false;
  if (!takes_status(n, typed) || !typed) return false;
  each_leaf(n, [](engine::Node& leaf) {
    if (auto* h = std::get_if<engine::Has>(&leaf.kind)) h->status = "active";
  });
  return true;
}

std::optional<engine::Node> Lowering::windowed_lead_in(std::size_t lead, std::size_t colon, std::size_t e,
                                                       std::size_t depth) {
  std::size_t w = colon;
  for (std::size_t k = lead; k < colon; ++k)
    if (toks_[k].kind == Tok::within) {
      if (w != colon) return std::nullopt;  // two windows: which times what is a person's to read
      w = k;
    }
  if (w == colon || colon + 1 >= e) return std::nullopt;
  engine::Amount within;
  std::string before;
  const auto end = window(w, colon, within, before);
  if (!end) return std::nullopt;
  // The window ends the lead-in ("(within 14 days of enrollment):" may close a parenthesis first).
  std::size_t after = skip_neutral(*end, colon);
  if (after < colon && toks_[after].kind == Tok::rparen) after = skip_neutral(after + 1, colon);
  if (after != colon) return std::nullopt;
  const std::size_t mark = diags_.size();
  auto rest = sequence(colon + 1, e, depth + 1);
  bool typed = false;
  if (!rest || !takes_window(*rest, before.empty() || reference_is_entry(before), typed) || !typed) {
    diags_.resize(mark);
    return std::nullopt;
  }
  each_leaf(*rest, [&](engine::Node& leaf) {
    if (auto* h = std::get_if<engine::Has>(&leaf.kind)) h->within = within, h->before = before;
    if (auto* c = std::get_if<engine::Cmp>(&leaf.kind)) c->within = within;
  });
  return rest;
}

}  // namespace trialmatch::grammar::detail
