// "Patients with a GFR < 30 (based on lab results within 30 days prior to exam) or with chronic kidney disease on
// hemodialysis": a time in brackets belongs to what the brackets follow. Before an "or" that opens another
// alternative, it does not time the treatment given now in that alternative (lower_present_use.cpp asks the whole
// piece for a time, and this one stopped "on hemodialysis" from asking the dialysis active: a CKD patient whose
// dialysis ended with a transplant was excluded). The times asked start after the last "or" before the verb
// where every time before it is in brackets; a time outside brackets before the "or" ("In the past 6 months, MI
// or receiving dialysis") may reach every alternative, and the whole piece is asked, as before.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

std::size_t Lowering::times_asked_from(std::size_t from, std::size_t verb) const {
  // (The time words of present_use(), lower_present_use.cpp.)
  static constexpr std::string_view times[] = {"since", "past", "last", "previously", "formerly", "ago", "until",
                                               "during", "prior", "recently", "recent"};
  static constexpr std::string_view units[] = {"a", "mo", "wk", "d", "h", "min"};
  std::size_t start = from;
  int depth = 0;
  for (std::size_t x = from; x < verb; ++x) {
    const Tok k = toks_[x].kind;
    if (k == Tok::lparen) ++depth;
    else if (k == Tok::rparen && depth > 0) --depth;
    else if (depth == 0 && k == Tok::or_) start = x + 1;
    else if (depth == 0) {
      const bool timed = k == Tok::within || k == Tok::ahead || k == Tok::before || k == Tok::after || k == Tok::date ||
                         k == Tok::status_history || (k == Tok::quantity && one_of(toks_[x].quantity.unit, units)) ||
                         ((k == Tok::word || k == Tok::filler) && one_of(slice(toks_[x].begin, toks_[x].end), times));
      if (timed) return from;
    }
  }
  return depth == 0 ? start : from;
}

}  // namespace trialmatch::grammar::detail
