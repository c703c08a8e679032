// A measure's name alone, then a comma, then a comparison on that measure: the name labels the comparison.
//   "age, 18 to 65 years old"   -> all(cmp age >= 18 a, cmp age <= 65 a)   (was text "age" beside the bounds)
// Only the bare name: any other word before the comma ("Age, sex", "age at onset", "Women, 18-65 years") keeps
// the reading as it was, and the next item must compare that same measure.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::measure_label(std::size_t b, std::size_t e, const Item& label, const Item& next) const {
  if (!label.text || next.text) return false;
  std::size_t name = e;
  for (std::size_t x = b; x < e && toks_[x].begin < label.end; ++x) {
    if (toks_[x].end <= label.begin || neutral(x)) continue;
    if (name != e || !is_measured(x)) return false;  // a second word, or a word that is no measure
    name = x;
  }
  return name != e && contains_cmp_on(next.node, toks_[name].entry->id);
}

// "Mother's age, > 35 years", "maternal heart rate, < 110 bpm": a label that names another person's (or
// moment's, specimen's) measure before a comma; the comparison after it is that quantity, not the patient's
// (an infant would fail "age > 35"). True where the label's last word is a measure so qualified and the next
// item compares that measure.
bool Lowering::other_quantity_label(std::size_t b, std::size_t e, const Item& label, const Item& next) const {
  if (!label.text || next.text) return false;
  std::size_t last = e;
  for (std::size_t x = b; x < e && toks_[x].begin < label.end; ++x)
    if (toks_[x].end > label.begin && !neutral(x)) last = x;
  return last != e && is_measured(last) && qualified_as_other_quantity(last) &&
         contains_cmp_on(next.node, toks_[last].entry->id);
}

}  // namespace trialmatch::grammar::detail
