// Islands inside words the lowering could not read: a threshold, a time window, or values on a named
// scale ("grade 1 or 2"); and the numbers that are words of a name rather than thresholds ("2013
// guidelines", "a 2-hour glucose load", "a 0-10 scale"). Read by lower_open.cpp.
#include <string>
#include <string_view>

#include "lower.hpp"
#include "lower_island_starts.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

// "grade 1 or 2", "stage III-IV", ">grade 2", "class II or higher": values on the named scale of a
// condition the lexicon does not list. (Most words are no scale word: may_be_scale_word first.)
// (Written into `out`, an Island as made, only where it reads one: island_into goes on to the other readings with
// `out` untouched where this one refuses.)
bool Lowering::class_island_into(std::size_t i, std::size_t e, Island& out) const {
  // (Lowering::is_scale_word, lower.hpp, knows the same words: keep the two lists alike.)
  static constexpr std::string_view scale_words[] = {"grade", "grades", "stage", "stages", "class", "classes", "score",
                                                     "scores", "group", "groups", "axis", "type", "types"};
  bool plural = false;  // "stages III and IV": one of them (a patient is at one stage)
  auto scale_word = [&](std::size_t x) -> std::string_view {
    if (x >= e || (toks_[x].kind != Tok::word && toks_[x].kind != Tok::filler)) return {};
    const std::string_view w = slice(toks_[x].begin, toks_[x].end);
    if (!may_be_scale_word(w)) return {};
    for (std::string_view s : scale_words) {
      if (!iequals(w, s)) continue;
      plural = s.back() == 's' && s != "class" && s != "axis";
      return plural ? s.substr(0, s.size() - (s == "classes" ? 2 : 1)) : s;
    }
    return {};
  };
  // The scale word first: most tokens are no scale, and need no Island built.
  std::size_t j = i;
  std::optional<engine::Comparator> cmp;
  if (toks_[j].kind == Tok::cmp) cmp = toks_[j++].cmp;
  const std::string_view word = scale_word(j);
  if (word.empty()) return false;
  ++j;
  // "score of 9 or 10": a score names its values after "of"; a class or grade right after the word.
  const bool score = word == "score";
  if (score) {
    if (j >= e || toks_[j].kind != Tok::filler || slice(toks_[j].begin, toks_[j].end) != "of") return false;
    ++j;
  }
  if (!cmp && j < e && toks_[j].kind == Tok::cmp) cmp = toks_[j++].cmp;
  std::vector<double> values;
  bool span = false;
  while (j < e) {
    const auto v = class_value(j);
    if (!v || *v < 0 || *v > (score ? 1000 : 10)) break;
    if (score && toks_[j].kind != Tok::quantity) break;  // no roman numerals on a score
    // "skin types III-IV", "Axis I": a type only in roman numerals ("type 2 diabetes" is a name).
    if ((word == "type" || word == "axis") && toks_[j].kind == Tok::quantity) break;
    values.push_back(*v);
    ++j;
    if (cmp || span || j + 1 >= e) break;
    const Tok sep = toks_[j].kind;
    if (sep == Tok::range_to && values.size() == 1 && class_value(j + 1)) { span = true; ++j; continue; }
    if ((sep == Tok::or_ || sep == Tok::and_or || sep == Tok::comma || sep == Tok::slash ||
         (sep == Tok::and_ && plural)) &&
        class_value(j + 1)) {
      ++j;
      continue;
    }
    break;
  }
  if (values.empty() || (span && values.size() != 2)) return false;
  // "Class II-IVa", "grade 2-3b": a value with a subclass the scale reading cannot hold; no part of it is read.
  if (j + 1 < e && toks_[j].kind == Tok::range_to && toks_[j].begin == toks_[j - 1].end &&
      toks_[j + 1].begin == toks_[j].end && !class_value(j + 1))
    return false;
  if (!cmp && !span && values.size() == 1 && j < e && toks_[j].kind == Tok::cmp_post) cmp = toks_[j++].cmp;  // "grade 3 or higher"
  if (span && values[0] > values[1]) return false;
  out.b = i;
  out.e = j;
  out.class_word = std::string(word);
  out.th.value.unit = "1";
  if (cmp) {
    out.th.cmp = *cmp;
    out.th.value.value = values.front();
  } else if (span) {
    out.th.value.value = values[0];
    out.th.high = out.th.value;
    out.th.high->value = values[1];
  } else if (values.size() == 1) {
    out.th.cmp = engine::Comparator::eq;
    out.th.value.value = values.front();
  } else {
    out.one_of = std::move(values);
  }
  return true;
}

namespace {

// A count per time ("/wk", "{cigarettes}/d") or a time per time ("min/wk", "d/wk").
bool counts_per_time(const Quantity& q) {
  const auto slash = q.unit.find('/');
  if (slash == std::string::npos || q.unit_unknown || q.plus || !is_time_unit(q.unit.substr(slash + 1))) return false;
  const std::string counted(q.unit.substr(0, slash));
  return counted.empty() || counted.front() == '{' || is_time_unit(counted);
}

}  // namespace

std::optional<Island> Lowering::island_at(std::size_t i, std::size_t e) const {
  std::optional<Island> out(std::in_place);
  if (!island_into(i, e, *out)) out.reset();
  return out;
}

// island_at's Island, built in `out` (an Island as made: the open reading's, made in its list, where it stays; the
// Island returned in an optional was moved into the list, and was moved into the optional from the one built).
// Where no island starts at i it answers false, and `out` holds what was written before the reading refused: the
// caller drops it.
bool Lowering::island_into(std::size_t i, std::size_t e, Island& out) const {
  const Tok k = toks_[i].kind;
  // "implanted between 1 January 2014 and 1 October 2015": the days an unlisted event is dated in.
  if (auto dates = may_start_dates(i, e) ? date_range_at(i, e) : std::nullopt) {
    out.b = i;
    out.e = dates->end;
    out.dated = std::move(dates);
    return true;
  }
  // Where each reading can start (asked at every token of an open reading): values on a scale at its word
  // or a comparator before it, sessions at their count or a comparator, the others below at a window, a
  // comparator, a number or "between". A word or filler starts nothing but a scale.
  if (k == Tok::word || k == Tok::filler) {
    if (!may_be_scale_word(slice(toks_[i].begin, toks_[i].end))) return false;
    return class_island_into(i, e, out);
  }
  if (k != Tok::within && k != Tok::ahead && k != Tok::cmp && k != Tok::quantity && k != Tok::between) return false;
  // (`out` is untouched where the scale reading refuses.) Guards: each reading's own first test, asked before its call
  // (most comparators and numbers start neither): the scale word right after the comparator (scale_word_token, whose
  // words are the scale reading's), the count and its sign (sessions_count_at). (docs/lowering-guards.md)
  if (k == Tok::cmp && i + 1 < e && scale_word_token(toks_[i + 1]) && class_island_into(i, e, out)) return true;
  if ((k == Tok::cmp || k == Tok::quantity) && sessions_count_at(toks_, text_, i, e) != e)
    if (auto sessions = sessions_island_at(i, e)) {
      out = std::move(*sessions);
      return true;
    }
  out.b = i;
  if (k == Tok::within || k == Tok::ahead) {
    engine::Amount a;
    auto j = window(i, e, a, out.before);
    if (!j) return false;
    out.e = *j;
    out.within = a;
    out.ahead = k == Tok::ahead || i == plan_window_;
    if (out.ahead && !ahead_of_entry(out.b, out.e, out.before)) return false;  // a person reads it
    if (out.ahead) out.before.clear();
    // "within 6 months after administration": a time ahead, which no past window says.
    if (const std::size_t r = skip_neutral(out.e, e); r < e && toks_[r].kind == Tok::after) return false;
    return true;
  }
  if (k != Tok::cmp && k != Tok::quantity && k != Tok::between) return false;
  if (sample_size_at(i) || unit_note_at(i)) return false;
  // "24 hours before cystoscopy", "three months before": a time before an event, no comparator.
  if (k == Tok::quantity && is_time_unit(toks_[i].quantity.unit)) {
    const std::size_t r = skip_neutral(i + 1, e);
    if (r < e && toks_[r].kind == Tok::before) {
      out.within = engine::Amount{toks_[i].quantity.value, std::string(toks_[i].quantity.unit)};
      out.e = reference_event(r + 1, e, out.before);
      return true;
    }
    // "Stable regimen 3 months prior": the window's reference left to the reader (the screening).
    const std::size_t p = i + 1;  // "prior" is a neutral history word elsewhere: read it right here
    const std::string_view w = p < e ? slice(toks_[p].begin, toks_[p].end) : std::string_view();
    const std::size_t after = p + 1 < e ? skip_neutral(p + 1, e) : e;
    const bool closes = after >= e || toks_[after].kind == Tok::comma || toks_[after].kind == Tok::semicolon ||
                        toks_[after].kind == Tok::and_ || toks_[after].kind == Tok::or_;
    if ((w == "prior" || w == "earlier" || w == "previously") && closes) {
      out.within = engine::Amount{toks_[i].quantity.value, std::string(toks_[i].quantity.unit)};
      out.e = p + 1;
      return true;
    }
    if (auto spent = time_spent_at(i, e)) {
      out = std::move(*spent);
      return true;
    }
  }
  // "a 2-year history of seasonal allergic rhinitis": how long the history has lasted, at least.
  if (k == Tok::quantity && is_time_unit(toks_[i].quantity.unit) && !toks_[i].quantity.unit_spelling.empty() &&
      text_[toks_[i].quantity.unit_begin] == '-' && i + 1 < e && toks_[i + 1].kind == Tok::status_history &&
      iequals(slice(toks_[i + 1].begin, toks_[i + 1].end), "history of") && (i == 0 || toks_[i - 1].kind != Tok::cmp)) {
    out.th.cmp = engine::Comparator::ge;
    out.th.value = toks_[i].quantity;
    out.e = i + 1;
    return true;
  }
  if (scale_span_at(i)) return false;
  // "minimum disease duration of 5 years", "a maximum duration of 8 weeks": the bound word before the
  // name, the value after its "of".
  if (k == Tok::quantity && i >= 2 && toks_[i - 1].kind == Tok::filler && slice(toks_[i - 1].begin, toks_[i - 1].end) == "of" &&
      !toks_[i].quantity.unit.empty() && !toks_[i].quantity.unit_unknown) {
    static constexpr std::string_view lows[] = {"minimum", "minimal", "min"};
    static constexpr std::string_view highs[] = {"maximum", "maximal", "max"};
    for (std::size_t x = i - 1; x-- > 0 && x + 6 >= i;) {
      const Tok t = toks_[x].kind;
      if (t != Tok::word && t != Tok::name && t != Tok::filler) break;
      const std::string_view w = slice(toks_[x].begin, toks_[x].end);
      const bool low = one_of(w, lows);
      if (!low && !one_of(w, highs)) continue;
      out.b = i;  // the bound word stays a word of the name ("minimum disease duration")
      out.th.cmp = low ? engine::Comparator::ge : engine::Comparator::le;
      out.th.value = toks_[i].quantity;
      out.e = i + 1;
      return true;
    }
  }
  auto j = fresh_threshold(i, e, out.th);  // (out.th: as the Island was made)
  // "twice a week", "accumulation of 150 min per week": a count or a time per period says its value
  // with no comparator (a dose per day, "aspirin 100 mg/d", may be a product's strength: not read so).
  if (!j && k == Tok::quantity && counts_per_time(toks_[i].quantity)) {
    out.th.cmp = engine::Comparator::eq;
    out.th.value = toks_[i].quantity;
    j = i + 1;
  }
  if (!j) return false;
  out.e = *j;
  // "at least 6 months (180 days)", "< 45 kg (100 pounds)": the same bound restated in parentheses.
  if (out.e + 2 < e && toks_[out.e].kind == Tok::lparen) {
    std::size_t x = out.e + 1;
    if (toks_[x].kind == Tok::cmp) ++x;
    if (x + 1 < e && toks_[x].kind == Tok::quantity && toks_[x + 1].kind == Tok::rparen) out.e = x + 2;
  }
  const Threshold& t = out.th;
  if (t.value.unit_unknown || (t.high && t.high->unit_unknown)) return false;
  // "> 140/90": a second number after a slash, never a unit "per 90" ("/10" of a score out of ten has its own
  // reading on the score).
  for (const Quantity* q : {&t.value, t.high ? &*t.high : nullptr}) {
    if (!q) continue;
    // A score out of its maximum ("2/10", "24/30", "60/100") is the one reading left.
    if (const auto max = number_after_slash(q->unit_spelling);
        max && !((*max == 5 || *max == 10 || *max == 20 || *max == 30 || *max == 100) && q->value <= *max))
      return false;
  }
  // "<4 weeks before enrollment": a time before a reference event is a window.
  const std::size_t r = skip_neutral(out.e, e);
  if (!t.high && is_time_unit(t.value.unit) && r < e && toks_[r].kind == Tok::before &&
      (t.cmp == engine::Comparator::lt || t.cmp == engine::Comparator::le)) {
    out.within = engine::Amount{t.value.value, std::string(t.value.unit)};
    out.e = reference_event(r + 1, e, out.before);
  }
  return true;
}

// What island_into's readings at a number need first, asked together: a calendar bound (may_start_dates: a date, a
// month or a year after the number). With no unit, the readings of a time ("24 hours before", "3 months prior", "4000
// hours of practice", "a 2-year history"), of a bound word before the name ("minimum duration of 5 years") and of a
// count per time ("twice a week") have none to read. Sessions ("3 x 30 min", sessions_island_at) need "x", "×" or
// "times" right after the count. A threshold read at the number (threshold_read, through fresh_threshold) is read
// only with a comparator or a range, which a number with no comparator before it gets only from itself ("16+",
// "twice higher") or from the token after it: a range's "to" or dash, an age suffix ("20 years old to 70"),
// "(inclusive)" or a comparator after it ("5 or more"), "out" (of a score's maximum, "5 out of 10 or more").
bool Lowering::bare_number_reads_nothing(std::size_t i, std::size_t e) const {
  const Quantity& q = toks_[i].quantity;
  if (!q.unit.empty() || q.plus || q.above || may_start_dates(i, e)) return false;
  if (i + 1 >= e) return true;
  const Token& next = toks_[i + 1];
  switch (next.kind) {
    case Tok::range_to: case Tok::age_suffix: case Tok::inclusive: case Tok::cmp_post:
      return false;
    default:
      break;
  }
  const std::string_view w = slice(next.begin, next.end);
  if (w.size() > 5) return true;  // (longer than each word below)
  return !(w == "x" || w == "X" || w == "\xC3\x97" || iequals(w, "times") || iequals(w, "out"));
}

// "2013 guidelines", "DSM-5", "ICD-10": a year or a version glued to a name is a word of it, not a number
// whose meaning the reading would lose.
// "(n=20)", "(N = 40)": how many people a study takes, at the "=" or the number after it; no threshold.
bool Lowering::sample_size_at(std::size_t x) const {
  if (toks_[x].kind == Tok::quantity && x > 0 && toks_[x - 1].kind == Tok::cmp) --x;
  if (toks_[x].kind != Tok::cmp || toks_[x].cmp != engine::Comparator::eq || x < 2 || toks_[x - 2].kind != Tok::lparen)
    return false;
  const std::string_view n = slice(toks_[x - 1].begin, toks_[x - 1].end);
  return n == "n" || n == "N";
}

// "(1cmH2O=0.098 kPa)": a note on how one unit converts to another (at any of its three tokens); no threshold.
bool Lowering::unit_note_at(std::size_t x) const {
  // (x is the note's first number, its "=" or its second number: the token after it is the "=", the second number or
  // the ")". Most tokens asked are followed by none of these, and need no look at the four places a note may begin.)
  if (x + 1 >= toks_.size()) return false;
  if (const Tok next = toks_[x + 1].kind; next != Tok::cmp && next != Tok::quantity && next != Tok::rparen) return false;
  for (std::size_t b = x >= 3 ? x - 3 : 0; b <= x; ++b) {
    if (b + 4 >= toks_.size() || toks_[b].kind != Tok::lparen || toks_[b + 1].kind != Tok::quantity ||
        toks_[b + 2].kind != Tok::cmp || toks_[b + 2].cmp != engine::Comparator::eq ||
        toks_[b + 3].kind != Tok::quantity || toks_[b + 4].kind != Tok::rparen)
      continue;
    const Quantity& one = toks_[b + 1].quantity;
    const Quantity& other = toks_[b + 3].quantity;
    if (one.value == 1 && !one.unit.empty() && !other.unit.empty() && one.unit != other.unit && x > b && x < b + 4)
      return true;
  }
  return false;
}

bool Lowering::incidental_number(std::size_t x) const {
  const Quantity& q = toks_[x].quantity;
  if (sample_size_at(x) || unit_note_at(x)) return true;
  // "a 2-hour glucose load", "30-day mortality": a duration joined by a hyphen to the noun it qualifies.
  if (!q.unit_spelling.empty() && text_[q.unit_begin] == '-' && (x == 0 || toks_[x - 1].kind != Tok::cmp) &&
      x + 1 < toks_.size() && (toks_[x + 1].kind == Tok::word || toks_[x + 1].kind == Tok::name))
    return true;
  if (!q.unit.empty() || q.unit_unknown || q.relative_to != engine::RelativeTo::none || q.plus) return false;
  // "the 10-point rating scale", "a 6-item questionnaire": a number joined by a hyphen to the word after it.
  if (x + 2 < toks_.size() && toks_[x + 1].kind == Tok::range_to && toks_[x + 1].begin == toks_[x].end &&
      slice(toks_[x + 1].begin, toks_[x + 1].end) == "-" && toks_[x + 2].begin == toks_[x + 1].end &&
      toks_[x + 2].kind == Tok::word && (x == 0 || toks_[x - 1].kind != Tok::cmp))
    return true;
  if (q.value >= 1900 && q.value <= 2100 && q.value == static_cast<int>(q.value)) return true;
  // "Having one isolated defect": a number word with no comparator counts a thing of the name.
  const auto first = static_cast<unsigned char>(text_[toks_[x].begin]);
  if (std::isalpha(first) && (x == 0 || toks_[x - 1].kind != Tok::cmp)) return true;
  if (scale_span_at(x) || (x >= 2 && toks_[x - 1].kind == Tok::range_to && scale_span_at(x - 2))) return true;
  return x >= 2 && toks_[x - 1].end == toks_[x].begin && toks_[x - 2].end == toks_[x - 1].begin &&
         slice(toks_[x - 1].begin, toks_[x - 1].end) == "-" && toks_[x - 2].kind == Tok::word;
}

// "0-10", "0 to 100": the span of a scale ("on a 0-10 VAS"), not a threshold.
bool Lowering::scale_span_at(std::size_t x) const {
  if (x + 2 >= toks_.size() || toks_[x].kind != Tok::quantity || toks_[x + 2].kind != Tok::quantity) return false;
  const Quantity& lo = toks_[x].quantity;
  const Quantity& hi = toks_[x + 2].quantity;
  return lo.value == 0 && lo.unit.empty() && hi.unit.empty() && toks_[x + 1].kind == Tok::range_to &&
         (x == 0 || toks_[x - 1].kind != Tok::cmp);
}

}  // namespace trialmatch::grammar::detail
