// A measure that must not have varied by more than a tolerance over a period: "Body weight stable for 3 months
// prior (±3 kg)", "Unstable body mass (±2 kg over prior 3-mo)". The tolerance is a limit on how far the
// measure moved either way, so it is a cmp on the unlisted variable "absolute change in <measure>" with the
// period as its `within` (docs/contract-predicates.md): the record holds values, not their spread, so it
// evaluates unknown, and the tolerance stays visible instead of being dropped.
//
// Read only where the piece is nothing else: the measure, one stability word, one ± tolerance in a unit
// of the measure's dimension and one period; any other word or number leaves the piece to the other rules.
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_util.hpp"
#include "trialmatch/engine/units.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

// Words a stability phrase is written with besides its islands.
bool stability_glue(std::string_view w) {
  static constexpr std::string_view words[] = {"for", "over", "during", "in", "the", "prior", "previous", "past",
                                               "last", "preceding", "of", "at", "least"};
  return one_of(w, words);
}

}  // namespace

std::optional<Node> Lowering::stability(std::size_t b, std::size_t e) {
  // A measure, the word "stable", the numbers of the tolerance and the period, and the tolerance's "±" or "+/-"
  // (tokens of kind `other`), or no reading. (piece() asks the same before the call.)
  if (const TokKinds kinds = kinds_in(b, e);
      !kinds.has(Tok::name) || !kinds.has(Tok::word) || !kinds.has(Tok::quantity) || !kinds.has(Tok::other))
    return std::nullopt;
  std::optional<std::size_t> measure;
  std::optional<bool> stable;  // false: "unstable"
  std::optional<Quantity> tolerance;
  std::optional<engine::Amount> period;
  bool shorter = false;  // "stable for <3 months": stable over less than the period
  for (std::size_t x = b; x < e; ++x) {
    const Token& t = toks_[x];
    const std::string_view w = slice(t.begin, t.end);
    if (is_measured(x)) {
      if (measure) return std::nullopt;
      measure = x;
    } else if (t.kind == Tok::word && (iequals(w, "stable") || iequals(w, "steady") || iequals(w, "unstable"))) {
      if (stable) return std::nullopt;
      stable = !iequals(w, "unstable");
    } else if (w == "±" || (w == "+" && x + 2 < e && toks_[x + 1].kind == Tok::slash &&
                            slice(toks_[x + 2].begin, toks_[x + 2].end) == "-")) {
      // "±3 kg", "+/- 3 kg": the tolerance, in a unit of its own.
      if (w == "+") x += 2;
      if (tolerance || x + 1 >= e || toks_[x + 1].kind != Tok::quantity) return std::nullopt;
      const Quantity& q = toks_[x + 1].quantity;
      if (q.unit.empty() || q.unit_unknown || q.relative_to != engine::RelativeTo::none || is_time_unit(q.unit))
        return std::nullopt;
      tolerance = q;
      ++x;
    } else if (t.kind == Tok::cmp && iequals(w, "over") && x + 1 < e && toks_[x + 1].kind != Tok::quantity) {
      continue;  // "over prior 3-mo": the span of the period, no comparison
    } else if (t.kind == Tok::quantity || t.kind == Tok::cmp) {
      // The period: "for 3 months", "for <3 months", "over prior 3-mo".
      engine::Comparator c = engine::Comparator::ge;
      if (t.kind == Tok::cmp) {
        c = t.cmp;
        if (++x >= e || toks_[x].kind != Tok::quantity) return std::nullopt;
      }
      if (period) return std::nullopt;
      const Quantity& q = toks_[x].quantity;
      std::string unit(q.unit);
      if (unit.empty() && !q.unit_unknown && x + 2 < e && slice(toks_[x + 1].begin, toks_[x + 1].end) == "-" &&
          toks_[x + 1].begin == toks_[x].end && toks_[x + 2].begin == toks_[x + 1].end) {
        // "3-mo": the unit glued on with a hyphen.
        if (const auto u = resolve_unit(slice(toks_[x + 2].begin, toks_[x + 2].end)); u && is_time_unit(*u)) unit = *u;
        x += 2;
      }
      if (!is_time_unit(unit)) return std::nullopt;
      shorter = c == engine::Comparator::lt || c == engine::Comparator::le;
      period = engine::Amount{q.value, unit};
    } else if (!(neutral(x) || t.kind == Tok::guard || t.kind == Tok::within || t.kind == Tok::before ||
                 t.kind == Tok::status_history || (t.kind == Tok::word && stability_glue(w)))) {
      return std::nullopt;
    }
  }
  if (!measure || !stable || !tolerance || !period) return std::nullopt;
  const engine::Concept& var = *toks_[*measure].entry;
  // The tolerance is in the measure's dimension ("±3 kg" of a weight), or a share of it ("±5%").
  if (tolerance->unit != "%") {
    const auto written = engine::units::read_unit(tolerance->unit);
    const auto canonical = engine::units::read_unit(var.unit);
    if (!written || !canonical || !engine::units::convertible(*written, *canonical, var.molar_mass)) return std::nullopt;
  }
  // "stable for 3 months": it moved no more than the tolerance in that time; "unstable", or stable for less
  // than the period, is the opposite.
  const bool within_tolerance = *stable != shorter;
  const std::string measure_words = trim(slice(toks_[*measure].begin, toks_[*measure].end));
  engine::Cmp out;
  out.name = fmt::format("absolute change in {}", measure_words);
  for (const char ch : out.name.str())
    out.var += ch == ' ' || ch == '-' ? '_' : static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  out.cmp = within_tolerance ? engine::Comparator::le : engine::Comparator::gt;
  out.value = tolerance->value;
  out.unit = tolerance->unit;
  out.within = *period;
  const engine::Span span{toks_[b].begin, toks_[e - 1].end};
  warn(fmt::format("'{}' is not in the lexicon: read as an unlisted variable (the ± tolerance of {})", out.name,
                   var.id),
       span.begin, span.end);
  return Node{std::move(out), span};
}

}  // namespace trialmatch::grammar::detail
