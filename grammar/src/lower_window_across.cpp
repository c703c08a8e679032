// "History of myocardial infarction, severe heart dysfunction (NYHA ≥ 3) or tachyarrhythmia within one year": a
// window after a list of events times every event of it (the house reading: "MI, stroke or tachyarrhythmia within
// one year" windows each). An element of the list read as a comparison (its thresholds) stopped the window, so
// the events before it were asked of any time: an infarction of 2000 excluded a patient the line leaves in.
// A comparison joined to the item after it by a comma, "or" or a slash, with an event of the list before it
// (over the unread name of its own condition), is an element of the list, and the window goes on past it to the
// events before; the comparison itself takes no window (what is measured now).
// ("Renal failure (eGFR < 30 within the past 3 months)": the comparison last, right before the window: it is
// the measurement the window times, as before; "MI, HbA1c > 8% and stroke within 1 year": an "and", as before.)
#include "lower.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::comparison_in_timed_list(const SequenceState& s, std::size_t k) const {
  const auto listed = [](Conn c) { return c == Conn::comma || c == Conn::or_ || c == Conn::slash; };
  if (k == 0 || k + 1 >= s.items.size() || s.items[k].text || contains_has(s.items[k].node)) return false;
  if (!listed(s.conns[k])) return false;
  // A comparison in parentheses after its condition's words ("heart dysfunction (NYHA ≥ 3)") is one element of
  // the list, timed with it: lower_window_measure.cpp reads that shape after the items are finished.
  for (std::size_t x = s.items[k].begin; x-- > 0 && text_[x] != ',';)
    if (text_[x] == '(') return false;
    else if (text_[x] != ' ') break;
  // Back to an event of the list, over the unread name of its own condition ("heart dysfunction (NYHA ≥ 3)").
  for (std::size_t j = k; j-- > 0;) {
    if (!listed(s.conns[j]) && s.conns[j] != Conn::none) return false;
    // (A condition right before its own thresholds, "heart failure (NYHA ≥ 3)", is read with them, lower_items.cpp:
    // a window on it would ask a recorded heart failure beside the class; left as it was.)
    if (!s.items[j].text && contains_has(s.items[j].node)) return listed(s.conns[j]) || j + 1 < k;
    if (!s.items[j].text) return false;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail
