// Thresholds: "> 3 x ULN", "between 18 and 65 years", "5 or more days a week", "≥ 5 out of 10"; read at a span of
// the line's tokens, and kept for the line by span (the walk, the open reading and the nested readings ask the same
// spans again). Read by comparison (lower_cmp.cpp), the bare threshold and the open reading's islands.
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_literal.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

using engine::Comparator;

namespace {

// "older than", "or younger": a comparator that says it is about an age.
bool mentions_age(std::string_view s) {
  // "old", "Old", "young", "Young" anywhere in it: one pass, each place asked by its first letter ("≥", "greater than"
  // hold none of them).
  for (std::size_t x = 0; x + 3 <= s.size(); ++x) {
    const char c = s[x];
    if ((c == 'o' || c == 'O') && s[x + 1] == 'l' && s[x + 2] == 'd') return true;
    if ((c == 'y' || c == 'Y') && s.substr(x + 1, 4) == "oung") return true;
  }
  return false;
}

bool unitless(const Quantity& q) { return q.unit.empty() && !q.unit_unknown && q.relative_to == engine::RelativeTo::none; }

// A Threshold nothing has written on yet (a reading's answer from one already written on depends on what it holds).
bool unwritten(const Quantity& q) {
  return q.value == 0 && q.unit.data() == nullptr && q.unit_spelling.data() == nullptr && q.unit.empty() &&
         q.unit_spelling.empty() && q.relative_to == engine::RelativeTo::none && q.ten_power == 0 && !q.unit_unknown &&
         !q.plus && !q.above && q.unit_begin == 0 && q.unit_end == 0;
}
bool unwritten(const Threshold& t) {
  return t.cmp == Comparator::eq && !t.high && t.high_cmp == Comparator::le && !t.implies_age && unwritten(t.value);
}

}  // namespace

// The quantity at k has a unit of its own to lend ("2- to 3-wall" has none).
bool Lowering::holds_unit(std::size_t k, std::size_t e) const {
  return k < e && toks_[k].kind == Tok::quantity && !toks_[k].quantity.unit.empty() && !toks_[k].quantity.unit_unknown;
}

// "18- and 65-years", "10- to 13-year-olds": a hyphen glued to a number with no unit, before "and" or "to",
// holds the unit written at the other end.
bool Lowering::suspended_hyphen(std::size_t j, std::size_t e) const {
  // (The token after the hyphen asked first: most ranges asked here, "18-64", have their high end there.)
  return j > 0 && j + 1 < e && toks_[j].kind == Tok::range_to &&
         (toks_[j + 1].kind == Tok::and_ || toks_[j + 1].kind == Tok::range_to) &&
         equals_literal(slice(toks_[j].begin, toks_[j].end), "-") && toks_[j - 1].kind == Tok::quantity &&
         toks_[j - 1].end == toks_[j].begin && unitless(toks_[j - 1].quantity) && holds_unit(j + 2, e);
}

// A word glued to the end of the unitless number before token j: "2b", "4a", "3rd".
bool Lowering::glued_letters(std::size_t j, std::size_t e) const {
  if (j == 0 || j >= e || toks_[j - 1].kind != Tok::quantity || toks_[j - 1].end != toks_[j].begin ||
      !unitless(toks_[j - 1].quantity))
    return false;
  const char c = text_[toks_[j].begin];
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');  // "2a" is a filler word, "2b" a word
}

// (The walk, the open reading and the nested readings ask the same spans again: an unwritten Threshold's answer is
// kept for the line. threshold_read reads only the line's tokens, text and lexicon and the span, and has no other
// effect than on `out` (kept() strings, the same each time, live past the line); a failed reading's partial `out` is
// kept too, since some callers go on with it.)
std::optional<std::size_t> Lowering::threshold(std::size_t j, std::size_t e, Threshold& out) const {
  return unwritten(out) ? fresh_threshold(j, e, out) : threshold_read(j, e, out);
}

std::optional<std::size_t> Lowering::fresh_threshold(std::size_t j, std::size_t e, Threshold& out) const {
  if (!threshold_may_start(j, e)) return std::nullopt;  // (most spans asked: refused at once, none kept)
  if (!threshold_memo_.keyable(j, e)) return threshold_read(j, e, out);
  constexpr std::size_t no_end = static_cast<std::size_t>(-1);  // (no threshold: an end no span has)
  std::size_t kept_end = 0;
  if (threshold_memo_.find(j, e, out, kept_end)) return kept_end == no_end ? std::nullopt : std::optional(kept_end);
  const auto end = threshold_read(j, e, out);
  threshold_memo_.put(j, e, out, end ? *end : no_end);
  return end;
}

std::optional<std::size_t> Lowering::threshold_read(std::size_t j, std::size_t e, Threshold& out) const {
  auto skip_filler = [&](std::size_t k) {
    while (k < e && (toks_[k].kind == Tok::filler || toks_[k].kind == Tok::colon)) ++k;
    return k;
  };
  j = skip_filler(j);
  bool have_cmp = false;
  bool range = false;
  if (j < e && toks_[j].kind == Tok::cmp) {
    out.cmp = toks_[j].cmp;
    out.implies_age = mentions_age(slice(toks_[j].begin, toks_[j].end));
    have_cmp = true;
    // "born before 2020": a calendar year, no threshold on a measure (a date of birth the contract does not
    // bound); "born before 37 weeks" is the gestational age's.
    if (const std::string_view w = slice(toks_[j].begin, toks_[j].end);
        j + 1 < e && w.size() >= 4 && (w.front() == 'b' || w.front() == 'B') && iequals(w.substr(0, 4), "born") &&
        days_at(j + 1, e))
      return std::nullopt;
    j = skip_filler(j + 1);
  }
  // "over the age of 18", "between the ages of 18 and 65": the variable named inside the threshold.
  auto skip_age_name = [&](std::size_t k) {
    if (k < e && toks_[k].kind == Tok::name && equals_literal(toks_[k].entry->id, "age")) {
      out.implies_age = true;
      return skip_filler(k + 1);
    }
    return k;
  };
  j = skip_age_name(j);
  if (j >= e) return std::nullopt;
  if (toks_[j].kind == Tok::between && !have_cmp) {
    j = skip_age_name(skip_filler(j + 1)) - 1;
    if (j + 3 >= e) return std::nullopt;
    // "between 50 kg (inclusive) and 90 kg (exclusive)": each end may say whether it is included;
    // "between 18- and 65-years": the low end's unit is suspended on its hyphen.
    const std::size_t low_mark = toks_[j + 2].kind == Tok::inclusive || suspended_hyphen(j + 2, e) ? 1 : 0;
    if (j + 3 + low_mark >= e) return std::nullopt;
    if (toks_[j + 1].kind != Tok::quantity ||
        (toks_[j + 2 + low_mark].kind != Tok::and_ && toks_[j + 2 + low_mark].kind != Tok::range_to) ||
        toks_[j + 3 + low_mark].kind != Tok::quantity)
      return std::nullopt;
    out.value = toks_[j + 1].quantity;
    out.high = toks_[j + 3 + low_mark].quantity;
    range = true;
    j += 4 + low_mark;
    if (j + 2 < e && toks_[j].kind == Tok::lparen && toks_[j + 2].kind == Tok::rparen &&
        iequals(slice(toks_[j + 1].begin, toks_[j + 1].end), "exclusive")) {
      out.high_cmp = Comparator::lt;
      j += 3;
    }
  } else if (toks_[j].kind == Tok::relative && have_cmp) {
    out.value = toks_[j].quantity;
    ++j;
  } else if (toks_[j].kind == Tok::quantity) {
    out.value = toks_[j].quantity;
    if (out.value.plus && !have_cmp) {  // "16+", "18+ years"
      out.cmp = Comparator::ge;
      have_cmp = true;
    }
    if (out.value.above && !have_cmp) {  // "twice higher than normal"
      out.cmp = Comparator::gt;
      have_cmp = true;
    }
    ++j;
    // "BMI = 18.5-29.9 kg/m2": an equals sign before a range.
    const bool eq_range = have_cmp && out.cmp == Comparator::eq;
    // "20 years old to 70 years of age": the age suffix of the low end before the range word.
    if (!have_cmp && j + 2 < e && toks_[j].kind == Tok::age_suffix && toks_[j + 1].kind == Tok::range_to &&
        toks_[j + 2].kind == Tok::quantity) {
      out.implies_age = true;
      ++j;
    }
    if (!have_cmp && suspended_hyphen(j, e) && toks_[j + 1].kind == Tok::range_to) ++j;  // "10- to 13-year-olds"
    if ((!have_cmp || eq_range) && j + 1 < e && toks_[j].kind == Tok::range_to && toks_[j + 1].kind == Tok::quantity) {
      out.high = toks_[j + 1].quantity;
      range = true;
      j += 2;
    } else if (!have_cmp && j + 2 < e && toks_[j].kind == Tok::range_to && toks_[j + 1].kind == Tok::cmp &&
               (toks_[j + 1].cmp == Comparator::lt || toks_[j + 1].cmp == Comparator::le) &&
               toks_[j + 2].kind == Tok::quantity) {
      // "2 to <12 years": the high end with its own comparator.
      out.high = toks_[j + 2].quantity;
      out.high_cmp = toks_[j + 1].cmp;
      range = true;
      j += 3;
    }
  } else {
    return std::nullopt;
  }
  // "≥ 5 out of 10": a score's maximum in words, read as "5/10" writes it (the scale, never a unit).
  if (!range && unitless(out.value) && j + 2 < e && iequals(slice(toks_[j].begin, toks_[j].end), "out") &&
      slice(toks_[j + 1].begin, toks_[j + 1].end) == "of" && toks_[j + 2].kind == Tok::quantity &&
      unitless(toks_[j + 2].quantity) && toks_[j + 2].quantity.value >= out.value.value &&
      // "3 out of 5 criteria", "2 out of 3 symptoms": a count of things, not a score.
      (j + 3 >= e || (toks_[j + 3].kind != Tok::word && toks_[j + 3].kind != Tok::name) ||
       iequals(slice(toks_[j + 3].begin, toks_[j + 3].end), "points"))) {
    out.value.unit_spelling = kept(fmt::format("/{:g}", toks_[j + 2].quantity.value));
    out.value.unit_begin = toks_[j].begin;
    out.value.unit_end = toks_[j + 2].end;
    j += j + 3 < e && toks_[j + 3].kind == Tok::word ? 4 : 3;  // "points"
  }
  // "23 weeks 6 days" (the tokens join those), "6 months 1 year": two numbers are not one value.
  if (j < e && toks_[j].kind == Tok::quantity) return std::nullopt;
  // "≥ 4a", "TICI 2b-3", "≥ 3rd": a number with a letter glued to it is a sub-grade or an ordinal, not a value.
  if (glued_letters(j, e)) return std::nullopt;
  // "half of the days", "2 of the following": a count of something else, not the variable's value
  // ("24 to 34 weeks of gestation" has its unit).
  // "2-3 of Hoehn and Yahr" is a value on that scale (variable_after decides).
  if (j < e && toks_[j].kind == Tok::filler && slice(toks_[j].begin, toks_[j].end) == "of" && unitless(out.value) &&
      (!out.high || unitless(*out.high)) && !scale_name_at(skip_filler(j), e))
    return std::nullopt;
  for (int pass = 0; pass < 3 && j < e; ++pass) {
    if (toks_[j].kind == Tok::inclusive) { ++j; continue; }
    if (toks_[j].kind == Tok::age_suffix) { out.implies_age = true; ++j; continue; }
    if (toks_[j].kind == Tok::cmp_post && !range) {
      if (have_cmp && toks_[j].cmp != out.cmp && engine::mirror(toks_[j].cmp) != out.cmp) return std::nullopt;
      if (!have_cmp) out.cmp = toks_[j].cmp;
      have_cmp = true;
      out.implies_age = out.implies_age || mentions_age(slice(toks_[j].begin, toks_[j].end));
      ++j;
      continue;
    }
    break;
  }
  if (!have_cmp && !range) return std::nullopt;
  // "5 or more years", "2 or more weeks": the unit after the comparator that follows the number.
  if (!range && out.value.unit.empty() && !out.value.unit_unknown && out.value.relative_to == engine::RelativeTo::none &&
      j < e && j > 0 && toks_[j - 1].kind == Tok::cmp_post && (toks_[j].kind == Tok::word || toks_[j].kind == Tok::other)) {
    // A count per time first ("5 or more days a week" is d/wk, not days).
    std::string_view spelled = slice(toks_[j].begin, toks_[j].end);
    std::optional<std::string> unit;
    if (const std::size_t n = frequency_spelling_length(text_, toks_[j].begin); n > 0) {
      spelled = text_.substr(toks_[j].begin, n);
      unit = frequency_unit(spelled);
      if (!unit) spelled = {};
    } else {
      unit = resolve_unit(spelled);
    }
    if (unit && !spelled.empty()) {
      const auto unit_end = static_cast<std::uint32_t>(toks_[j].begin + spelled.size());
      // The spelling must end where a token does: never half a word.
      std::size_t k = j;
      while (k < e && toks_[k].end < unit_end) ++k;
      if (k < e && toks_[k].end == unit_end) {
        out.value.unit = kept(*unit);
        out.value.unit_spelling = spelled;
        out.value.unit_begin = toks_[j].begin;
        out.value.unit_end = unit_end;
        j = k + 1;
        // "18 or more years of age"
        if (out.value.unit == "a" && j + 1 < e && iequals(slice(toks_[j].begin, toks_[j].end), "of") &&
            iequals(slice(toks_[j + 1].begin, toks_[j + 1].end), "age")) {
          out.implies_age = true;
          j += 2;
        }
      }
    }
  }
  // "≥ 20 y/o": years old, the unit itself says it is an age.
  {
    static constexpr std::string_view years_old[] = {"y/o", "y.o.", "yo"};
    const auto says_old = [&](const Quantity& q) {
      // (Each of them two to four letters from a "y": most spellings are refused by those, and none is copied.)
      const std::string_view t = trim_view(q.unit_spelling);
      return t.size() >= 2 && t.size() <= 4 && (t.front() == 'y' || t.front() == 'Y') && one_of(t, years_old);
    };
    if (says_old(out.value) || (out.high && says_old(*out.high))) out.implies_age = true;
  }
  if (range) {
    auto& lo = out.value;
    auto& hi = *out.high;
    if (lo.unit.empty() && lo.relative_to == engine::RelativeTo::none && !lo.unit_unknown) {
      lo.unit = hi.unit;
      lo.unit_spelling = hi.unit_spelling;
      lo.relative_to = hi.relative_to;
      lo.unit_unknown = hi.unit_unknown;
    }
    if (hi.unit.empty() && hi.relative_to == engine::RelativeTo::none && !hi.unit_unknown) {
      hi.unit = lo.unit;
      hi.unit_spelling = lo.unit_spelling;
      hi.relative_to = lo.relative_to;
    }
    // "500mg to 2000mg daily": the period written once, after the high end.
    if (!lo.unit.empty() && hi.unit.size() > lo.unit.size() + 1 && hi.unit.starts_with(lo.unit) && hi.unit[lo.unit.size()] == '/' &&
        is_time_unit(hi.unit.substr(lo.unit.size() + 1)))
      lo.unit = hi.unit;
    // "between the age of 6 months and 5 years": two units of time, each bound read in its own.
    const bool two_times = lo.unit != hi.unit && is_time_unit(lo.unit) && is_time_unit(hi.unit);
    if ((!two_times && (lo.value > hi.value || lo.unit != hi.unit)) || lo.relative_to != hi.relative_to)
      return std::nullopt;
    if (two_times && lo.value * days_in(lo.unit) > hi.value * days_in(hi.unit)) return std::nullopt;
  }
  return j;
}

}  // namespace trialmatch::grammar::detail
