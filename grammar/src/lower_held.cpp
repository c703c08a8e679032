// A comparison held over a time: "Plasma phosphate between 0.7 and 3.0 mmol/L for >3 months",
// "HbA1c > 9% for at least 3 months". The comparison is read as written (it must hold now); how long it
// has held is a duration the patient's record does not state as a value, so the caller names it by the
// comparison's words (an unlisted variable, which evaluates unknown): the criterion is false where the
// value does not hold now and needs a person otherwise, never true on the present value alone.
#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

std::optional<HeldFor> Lowering::held_for(std::size_t measured, const Island& threshold, const Island& duration,
                                          std::size_t seg_e) {
  const Threshold& t = duration.th;
  if (threshold.within || !threshold.one_of.empty() || !threshold.class_word.empty() || measured > threshold.b ||
      is_time_unit(threshold.th.value.unit) || duration.within || t.high || !duration.one_of.empty() ||
      !duration.class_word.empty() || !is_time_unit(t.value.unit) || t.value.value <= 0)
    return std::nullopt;
  auto is_for = [&](std::size_t x) {
    return toks_[x].kind == Tok::guard && iequals(slice(toks_[x].begin, toks_[x].end), "for");
  };
  // Only "for" between them (it may open the duration's island): "during", "over" or "in" would be a
  // window the value is measured in, another reading.
  std::size_t x = skip_neutral(threshold.e, duration.b);
  if (x < duration.b && is_for(x)) x = skip_neutral(x + 1, duration.b);
  else if (x == duration.b && !is_for(duration.b)) return std::nullopt;
  if (x != duration.b || skip_neutral(duration.e, seg_e) != seg_e) return std::nullopt;
  HeldFor out;
  const auto k = comparison(measured, threshold.e, out.now);
  if (!k || skip_neutral(*k, threshold.e) != threshold.e || contains_has(out.now) || !engine::fully_typed(out.now))
    return std::nullopt;
  out.how_long = duration;
  // "for 3 months": held at least that long.
  if (out.how_long.th.cmp == engine::Comparator::eq) out.how_long.th.cmp = engine::Comparator::ge;
  return out;
}

}  // namespace trialmatch::grammar::detail
