// sequence()'s window readings: where a window or calendar bounds read after the items go, and a time read
// before the event it times.
#include <string>

#include "lower.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace detail {

// Where a window read after the items goes: onto the events before it, to the words right before it,
// or nowhere certain (the piece is then read by a person).
// `ahead`: the window looks after the reference date ("in the next 12 months"); only events take it.
WindowUse Lowering::apply_window(SequenceState& s, const engine::Amount& w, const std::string& bef, bool ahead) {
  // "bowel resection within 6 months", "infection requiring treatment within 6 months": a window
  // right after words the grammar could not read (or a threshold that found no variable) belongs
  // to them; the text keeps it (it may be read as an unlisted event).
  if (!s.items.empty() && s.items.back().text && s.pending == Conn::none) {
    // "stroke, MI, or deep vein thrombosis/pulmonary emboli within one month": the unread words are the last
    // element of a list of events, which the window times as a whole (as where every element is read).
    const std::size_t last = s.items.size() - 1;
    const bool element = last > 0 && (s.conns[last - 1] == Conn::or_ || s.conns[last - 1] == Conn::slash ||
                                      s.conns[last - 1] == Conn::comma);
    if (element && !ahead)
      for (std::size_t k = last; k-- > s.window_from;) {
        if (s.items[k].text || !contains_has(s.items[k].node)) break;
        for_each_listed_has(s.items[k].node, [&](engine::Has& h) {
          if (!h.within) { h.within = w; h.before = bef; }
        });
        if (k == 0 || (s.conns[k - 1] != Conn::or_ && s.conns[k - 1] != Conn::slash && s.conns[k - 1] != Conn::comma)) break;
      }
    return WindowUse::to_text;
  }
  // "eGFR < 30 within the past 3 months" (no reference event: a time before the screening): the
  // comparison right before it must be measured in that window.
  if (!ahead && !s.items.empty() && !s.items.back().text && s.pending == Conn::none && reference_is_entry(bef) &&
      time_comparisons(s.items.back().node, w)) {
    s.window_from = s.items.size();
    return WindowUse::applied;
  }
  // "Renal failure (eGFR <30 within the past 3 months)": a window after a comparison times the
  // measurement, not the events before it.
  std::size_t from = s.items.size();
  while (from > s.window_from && (s.items[from - 1].text || contains_has(s.items[from - 1].node) ||
                                  comparison_in_timed_list(s, from - 1))) --from;  // lower_window_across.cpp
  // "Pregnant, or planning to be pregnant in 6 months": a plan's window times only the events planned.
  if (ahead && plan_word_ < toks_.size())
    while (from < s.items.size() && s.items[from].begin < toks_[plan_word_].end) ++from;
  // An event beyond unread words ("X and a history of ... or ≥8 transfusions for the prior 2 years")
  // may not be what the window times.
  // Unread words that are an element of the list ("MI or bypass or stent surgery within 12 months")
  // do not stand in the way.
  // "Subject has previously received allogeneic SCT, or subject has received autologous SCT within 3 months":
  // a subject named again starts a clause of its own; whether the window times the events of the clause
  // before it (previously, ever) is for a person to read.
  for (std::size_t k = from + 1; k < s.items.size(); ++k)
    if (!s.items[k].text && contains_has(s.items[k].node) && subject_between(s.items[k - 1].end, s.items[k].begin))
      for (std::size_t x = from; x < k; ++x)
        if (!s.items[x].text && contains_has(s.items[x].node)) return WindowUse::unclear;
  bool text_seen = false;
  for (std::size_t k = s.items.size(); k-- > from;) {
    const bool joined_before = k > 0 && s.conns[k - 1] != Conn::none;
    const bool joined_after = k + 1 < s.items.size() ? s.conns[k] != Conn::none : s.pending != Conn::none;
    if (s.items[k].text && !(joined_before && joined_after) && !comparison_in_timed_list(s, k + 1)) text_seen = true;  // lower_window_across.cpp
    else if (text_seen && contains_has(s.items[k].node)) return WindowUse::unclear;
  }
  bool applied = false;
  for (std::size_t k = from; k < s.items.size(); ++k) {
    if (s.items[k].text) continue;
    for_each_listed_has(s.items[k].node, [&](engine::Has& h) {
      if (!h.within) { h.within = w; h.ahead = ahead; h.before = bef; applied = true; }
    });
  }
  s.window_from = s.items.size();
  if (!applied && ahead) return WindowUse::unclear;  // a window ahead before its events: rare, left to a person
  if (!applied) {
    s.pending_within = w;
    s.pending_before = bef;
  }
  return WindowUse::applied;
}

// Applies a window read up to token `last` (exclusive); false where the piece is left to a person.
// (`first`: the window's first token.)
bool Lowering::take_window(SequenceState& s, std::size_t first, const engine::Amount& w, const std::string& bef,
                           std::size_t last, bool ahead) {
  if (treatment_timed(s.items, first)) return false;
  const WindowUse use = apply_window(s, w, bef, ahead);
  if (use == WindowUse::to_text) s.items.back().end = toks_[last - 1].end;
  return use != WindowUse::unclear;
}

// Calendar bounds ("since 2010", "between 2007 and June 2016") go onto the events before them, as a window
// does; right after words the grammar could not read they are those words' (read as an unlisted event).
bool Lowering::take_dates(SequenceState& s, const DateRange& d) {
  if (!s.items.empty() && s.items.back().text && s.pending == Conn::none) {
    s.items.back().end = toks_[d.end - 1].end;
    return true;
  }
  bool applied = false;
  for (std::size_t k = s.dates_from; k < s.items.size(); ++k) {
    if (s.items[k].text) continue;
    for_each_listed_has(s.items[k].node, [&](engine::Has& h) {
      if (h.dated_from.empty() && h.dated_to.empty()) { h.dated_from = d.from; h.dated_to = d.to; applied = true; }
    });
  }
  s.dates_from = s.items.size();
  return applied;
}

Step Lowering::time_before_event(SequenceState& s, std::size_t& i) {
  const std::size_t e = s.e;
  // A time before an event: "<4 weeks before enrollment", "four weeks received radiotherapy".
  std::size_t j = i;
  if (toks_[j].kind == Tok::cmp && (toks_[j].cmp == engine::Comparator::lt || toks_[j].cmp == engine::Comparator::le)) ++j;
  if (j < e && toks_[j].kind == Tok::quantity && is_time_unit(toks_[j].quantity.unit)) {
    const engine::Amount w{toks_[j].quantity.value, std::string(toks_[j].quantity.unit)};
    const std::size_t k = skip_neutral(j + 1, e);
    if (k < e && toks_[k].kind == Tok::before) {
      std::string bef;
      const std::size_t after_ref = reference_event(k + 1, e, bef);
      if (!take_window(s, i, w, bef, after_ref)) return Step::whole_text;
      i = after_ref;
      return Step::next;
    }
    // ("a 2-year history of diabetes": a duration glued to its noun is how long, not how recent.)
    const Quantity& q = toks_[j].quantity;
    const bool glued = !q.unit_spelling.empty() && text_[q.unit_begin] == '-';
    if (k < e && j == i && is_event(k) && !glued) {
      s.pending_within = w;
      s.pending_before.clear();
      i = k;
      return Step::next;
    }
  }
  return Step::not_read;
}


}  // namespace detail
}  // namespace trialmatch::grammar
