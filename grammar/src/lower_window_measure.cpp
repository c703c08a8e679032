// "History of myocardial infarction, severe heart dysfunction (New York Heart Association functional
// classification ≥ 3) or tachyarrhythmia within one year": a window after the last of a list of events times each
// of them (the house reading of a trailing window: "MI, heart failure or tachyarrhythmia within one year"), and a
// condition told by its measure in parentheses is one element of the list, not a stop. The window's walk back
// stopped at the comparison ("Renal failure (eGFR < 30 within 3 months)" times the measurement), so the infarction
// before it was asked of any time: an infarction ten years ago excluded the patient. The window goes onto the
// events before such an element, and onto the element's comparison (a value measured in that window).
// Left as before: a window in parentheses after the last event ("... or stroke (within 6 months)": its own
// perhaps), a comparison not in parentheses after unread words (a measure of its own, "eGFR < 30, MI or stroke
// within 6 months" reads as before), a window not after the last item.
#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

void Lowering::window_across_measure(std::size_t b, std::size_t e, std::vector<Item>& items,
                                     const std::vector<Conn>& conns) {
  if (items.size() < 4) return;
  const std::size_t last = items.size() - 1;
  if (items[last].text || !is_has(items[last].node)) return;
  const engine::Has& timed = std::get<engine::Has>(items[last].node.kind);
  if (!timed.within || timed.onset) return;
  // The window is written after the last event, out of parentheses.
  bool window_after = false;
  for (std::size_t x = b; x < e; ++x) {
    if (toks_[x].begin < items[last].end) continue;
    if (text_[toks_[x].begin] == '(' || text_[toks_[x].begin] == ')') return;
    window_after = window_after || (toks_[x].kind == Tok::quantity && is_time_unit(toks_[x].quantity.unit));
  }
  if (!window_after) return;
  const auto listed = [&](std::size_t k) { return conns[k] == Conn::or_ || conns[k] == Conn::comma || conns[k] == Conn::and_; };
  // Walk back over events with no window and elements "words (comparison)": unread words and events glued
  // together ("severe" "heart failure"), then a comparison in parentheses right after them.
  std::vector<std::size_t> events, measures;
  std::size_t k = last;
  while (k > 0 && listed(k - 1)) {
    const std::size_t prev = k - 1;
    if (!items[prev].text && is_has(items[prev].node) && !std::get<engine::Has>(items[prev].node.kind).within &&
        (prev == 0 || conns[prev - 1] != Conn::none)) {
      events.push_back(prev);
      k = prev;
      continue;
    }
    if (prev < 1 || items[prev].text || contains_has(items[prev].node) || conns[prev - 1] != Conn::none) break;
    const std::string_view between = text_.substr(items[prev - 1].end, items[prev].begin - items[prev - 1].end);
    if (trim_view(between) != "(") break;
    std::size_t first = prev - 1;
    while (first > 0 && conns[first - 1] == Conn::none) --first;
    bool words = true;
    for (std::size_t x = first; x < prev; ++x) words = words && (items[x].text || is_has(items[x].node));
    if (!words) break;
    measures.push_back(prev);
    k = first;
  }
  if (events.empty() || measures.empty() || events.back() > measures.front()) return;
  for (std::size_t x : events) {
    engine::Has& h = std::get<engine::Has>(items[x].node.kind);
    h.within = timed.within;
    h.ahead = timed.ahead;
    h.before = timed.before;
  }
  for (std::size_t x : measures) time_comparisons(items[x].node, *timed.within);
}

}  // namespace trialmatch::grammar::detail
