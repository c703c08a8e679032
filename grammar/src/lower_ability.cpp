// How long a person can keep up an activity, as a whole piece, and the time spent in one (at the end):
//   "unable to sit in a chair without armrests for 2 hours"  -> cmp "sit in a chair without armrests" < 2 h
//   "Inability to tolerate lying supine for up to 1 hour"    -> cmp "tolerate lying supine" < 1 h
//   "must be able to walk for at least 5 minutes"            -> cmp "walk" >= 5 min
// The variable is the longest time the person can do it, an unlisted variable named by the activity's
// words (it evaluates unknown: a person checks). The time written is what the activity asks ("for up to
// 1 hour" asks an hour), so an ability is that time or more, and an inability less than it: one
// convention, never a `not` around the comparison. Any other judgement in the piece ("unable or
// unwilling", "concern about ability") leaves it to a person.
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

using engine::Comparator;
using engine::Node;

std::optional<Node> Lowering::ability_for(std::size_t b, std::size_t e) {
  if (!kinds_in(b, e).has(Tok::judgement)) return std::nullopt;  // "able", "unable" are judgement words
  auto word = [&](std::size_t x) { return x < e ? slice(toks_[x].begin, toks_[x].end) : std::string_view(); };
  // Only "Subjects must be", "Are": the person the piece is about, no other condition before it.
  std::size_t i = b;
  while (i < e && (toks_[i].kind == Tok::subject || toks_[i].kind == Tok::filler)) ++i;
  if (i + 1 >= e || toks_[i].kind != Tok::judgement) return std::nullopt;
  const std::string_view ability = word(i);
  const bool unable = iequals(ability, "unable") || iequals(ability, "inability");
  if (!unable && !iequals(ability, "able") && !iequals(ability, "ability")) return std::nullopt;
  if (!iequals(word(i + 1), "to")) return std::nullopt;
  // The activity: words up to "for" (a comma may join its parts, "lying supine, relatively motionless").
  const std::size_t a = i + 2;
  std::size_t f = a;
  for (int depth = 0; f < e; ++f) {
    const Tok k = toks_[f].kind;
    if (k == Tok::lparen) ++depth;
    if (k == Tok::rparen && depth > 0) --depth;
    if (depth == 0 && k == Tok::guard && iequals(word(f), "for")) break;
    const bool part = k == Tok::word || k == Tok::name || k == Tok::filler || k == Tok::negation || k == Tok::comma ||
                      k == Tok::guard || k == Tok::lparen || k == Tok::rparen || k == Tok::status_active ||
                      k == Tok::subject || (k == Tok::quantity && incidental_number(f));
    if (!part || is_measured(f)) return std::nullopt;
  }
  if (f >= e || f == a) return std::nullopt;
  // The time the activity asks: "for 2 hours", "for at least 5 minutes", "for up to 1 hour".
  Threshold th;
  std::size_t k = f + 1;
  if (k < e && toks_[k].kind == Tok::quantity) {
    th.value = toks_[k].quantity;
    th.cmp = Comparator::eq;
    ++k;
  } else if (k + 1 < e && toks_[k].kind == Tok::cmp && toks_[k + 1].kind == Tok::quantity) {
    th.cmp = toks_[k].cmp;
    th.value = toks_[k + 1].quantity;
    k += 2;
  } else {
    return std::nullopt;
  }
  // A range ("for 15-20 minutes") asks which end? Not read; nor a time that is no duration.
  if (!is_time_unit(th.value.unit) || th.value.value <= 0 || th.value.unit.find('/') != std::string::npos ||
      (k < e && toks_[k].kind == Tok::range_to))
    return std::nullopt;
  // "at a time", "continuously": how it is done, nothing more asked.
  if (iequals(word(k), "at") && iequals(word(k + 1), "a") && iequals(word(k + 2), "time")) k += 3;
  k = skip_neutral(k, e);
  // An ability the time's comparator contradicts ("able to walk for less than 5 minutes") is no requirement.
  Comparator c;
  switch (th.cmp) {
    case Comparator::eq: case Comparator::ge: case Comparator::le: c = unable ? Comparator::lt : Comparator::ge; break;
    case Comparator::gt: c = unable ? Comparator::le : Comparator::gt; break;
    default: return std::nullopt;
  }
  // What follows after "and" or a comma is another requirement, read on its own.
  std::optional<Node> rest;
  if (k < e) {
    if (toks_[k].kind != Tok::and_ && toks_[k].kind != Tok::comma) return std::nullopt;
    const std::size_t r = k + 1;
    if (r >= e) return std::nullopt;
    bool judged = false;
    for (std::size_t x = r; x < e; ++x) judged = judged || judges(x);
    if (judged) {
      rest = text_node(toks_[r].begin, toks_[e - 1].end, engine::TextReason::judgement);
    } else {
      rest = sequence(r, e, 1);
      if (!rest) return std::nullopt;
    }
  }
  const std::string name = balanced(trim_view(slice(toks_[a].begin, toks_[f - 1].end)));
  const engine::Span span{toks_[i].begin, toks_[k - 1].end};
  warn(fmt::format("'{}' is not in the lexicon: read as an unlisted variable (how long it can be done)", name),
       span.begin, span.end);
  Island is;
  is.th.cmp = c;
  is.th.value = th.value;
  Node read = open_node(is, name, span);
  if (!rest) return read;
  return engine::make_all({std::move(read), std::move(*rest)}, {toks_[b].begin, toks_[e - 1].end});
}

// "Failed 3 months of conservative treatment", "after 48 hours of invasive ventilation": the time spent in
// an activity, at least that long (as "for 3 months" is), on an unlisted variable named by the words around
// it. Not an age ("12 weeks of gestation"), nor a time counted from an event a window would name ("3 months
// of screening"), nor a period ("in the first 24 hours of management"), nor a garbled or vague comparator
// ("less 4000 hours of practice", "approximately 3 months of therapy").
std::optional<Island> Lowering::time_spent_at(std::size_t i, std::size_t e) const {
  static constexpr std::string_view not_activities[] = {
      "age", "life", "gestation", "pregnancy", "amenorrhea", "amenorrhoea", "birth", "delivery", "diagnosis",
      "onset", "screening", "randomization", "randomisation", "enrollment", "enrolment", "entry", "inclusion",
      "consent", "admission", "baseline", "start", "starting", "study", "surgery", "injury", "presentation",
      "symptoms", "symptom", "discharge", "initiation", "completion", "stopping", "discontinuation", "dosing"};
  static constexpr std::string_view not_before[] = {
      "the", "first", "initial", "last", "next", "final", "past", "less", "more", "fewer", "over", "under",
      "approximately", "about", "around", "nearly", "almost", "minimum", "maximum"};
  const Quantity& q = toks_[i].quantity;
  const std::size_t x = i + 2;
  if (toks_[i].kind != Tok::quantity || !is_time_unit(q.unit) || x >= e || toks_[i + 1].kind != Tok::filler ||
      slice(toks_[i + 1].begin, toks_[i + 1].end) != "of")
    return std::nullopt;
  if (i > 0 && (toks_[i - 1].kind == Tok::cmp || toks_[i - 1].kind == Tok::within || toks_[i - 1].kind == Tok::ahead ||
                one_of(slice(toks_[i - 1].begin, toks_[i - 1].end), not_before)))
    return std::nullopt;
  if ((toks_[x].kind != Tok::word && (toks_[x].kind != Tok::name || is_measured(x))) ||
      one_of(slice(toks_[x].begin, toks_[x].end), not_activities))
    return std::nullopt;
  // "three months of visual field testing) Non-native ...": a parenthesis closing what opened elsewhere;
  // the words after it are no part of the activity.
  for (std::size_t y = x, depth = 0; y < e; ++y) {
    if (toks_[y].kind == Tok::lparen) ++depth;
    if (toks_[y].kind != Tok::rparen) continue;
    if (depth == 0) return std::nullopt;
    --depth;
  }
  Island out;
  out.b = i;
  out.e = i + 1;
  out.th.cmp = Comparator::ge;
  out.th.value = q;
  return out;
}

}  // namespace trialmatch::grammar::detail
