// Bound trees (evaluate.hpp, BoundTree; made in bound_tree.cpp): a criterion's truth for a patient's indexed
// facts. evaluate_truth() must give exactly evaluate()'s truth and judgement
// with evidence off (tests/unit/test_batch_bound.cpp compares the two): every rule here is the one in
// evaluate.cpp and evaluate_{cmp,age,has}.cpp, reading indices instead of names.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "evaluate_context.hpp"
#include "evaluate_convert.hpp"

namespace trialmatch::engine {

namespace {

using Op = BoundTree::Op;

// detail::compare(a, op, b, tolerant) as a truth, without a branch on `op` (a jump on each criterion's comparator
// in turn is mostly mispredicted): where a lies against b (0 neither, NaN; 1 below; 2 tied; 3 above: compare()'s
// tie, and below and above without it, as its lt and gt), and a nibble per comparator of the places it holds at.
// The same answer as compare() for every input (a bound array's comparators are lt..ne: BoundTree::assemble and
// the library's reader refuse any other).
[[gnu::always_inline]] inline Truth compared(double a, Comparator op, double b, bool tolerant) noexcept {
  static_assert(static_cast<int>(Comparator::lt) == 0 && static_cast<int>(Comparator::le) == 1 &&
                static_cast<int>(Comparator::gt) == 2 && static_cast<int>(Comparator::ge) == 3 &&
                static_cast<int>(Comparator::eq) == 4 && static_cast<int>(Comparator::ne) == 5);
  static_assert(static_cast<int>(Truth::false_) == 0 && static_cast<int>(Truth::true_) == 1);
  //                                 ne: 0,1,3  eq: 2   ge: 2,3  gt: 3    le: 1,2  lt: 1
  constexpr std::uint32_t kHoldsAt = 0xBu << 20 | 0x4u << 16 | 0xCu << 12 | 0x8u << 8 | 0x6u << 4 | 0x2u;
  unsigned place;
  if (tolerant) {
    const bool tied = std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
    place = tied ? 2u : unsigned{a < b} + 3u * unsigned{a > b};
  } else {
    place = unsigned{a < b} + 2u * unsigned{a == b} + 3u * unsigned{a > b};
  }
  return static_cast<Truth>((kHoldsAt >> ((static_cast<unsigned>(op) & 7u) * 4 + place)) & 1u);
}

class Screen {
 public:
  Screen(const BoundTree& tree, const PatientFacts& facts, const EvalOptions& options)
      : tree_(tree), nodes_(tree.nodes().data()), facts_(facts), options_(options), open_world_(options.open_world) {}

  // A node's verdict: leaves here (inlined into the callers' loops: most criteria are one leaf), the
  // connectives in eval_composite.
  [[gnu::always_inline]] detail::Verdict eval(std::uint32_t i) {
    const BoundTree::Node& n = nodes_[i];
    switch (n.op) {
      case Op::cmp: return {eval_cmp(n), false};
      case Op::age: return {eval_age(n), false};
      case Op::has: return {eval_has(n), false};
      case Op::sex: return {eval_sex(n), false};
      case Op::unknown:
      case Op::unbound: return {Truth::unknown, false};  // unbound: never reached (can_evaluate_truth)
      case Op::judgement: return {Truth::unknown, true};
      default: return eval_composite(i);
    }
  }

  [[gnu::noinline]] detail::Verdict eval_composite(std::uint32_t i) {
    const BoundTree::Node& n = nodes_[i];
    switch (n.op) {
      case Op::all: return eval_all(i, true);
      case Op::any: return eval_all(i, false);
      case Op::not_: {
        const detail::Verdict inner = eval(i + 1);
        return {kleene_not(inner.truth), inner.judgement};
      }
      case Op::if_: {
        const detail::Verdict guard = eval(i + 1);
        const detail::Verdict then = eval(nodes_[i + 1].end);
        const Truth t = kleene_or(kleene_not(guard.truth), then.truth);
        const bool judgement = (guard.truth != Truth::unknown || guard.judgement) &&
                               (then.truth != Truth::unknown || then.judgement);
        return {t, t == Truth::unknown && judgement};
      }
      default: return {Truth::unknown, false};
    }
  }

  detail::Verdict eval_all(std::uint32_t i, bool conjunction) {
    const Truth dominant = conjunction ? Truth::false_ : Truth::true_;
    Truth result = conjunction ? Truth::true_ : Truth::false_;
    bool judgement = true;
    for (std::uint32_t c = i + 1; c < nodes_[i].end; c = nodes_[c].end) {
      const detail::Verdict v = eval(c);
      if (v.truth == Truth::unknown) judgement = judgement && v.judgement;
      result = conjunction ? kleene_and(result, v.truth) : kleene_or(result, v.truth);
      if (result == dominant) break;
    }
    return {result, result == Truth::unknown && judgement};
  }

  // The common comparisons in one load of the patient's value (PatientFacts::observed): no unit or the
  // concept's lexicon unit, against an absolute threshold. The rest in eval_cmp_full, by the same rules.
  [[gnu::always_inline]] Truth eval_cmp(const BoundTree::Node& n) {
    const PatientFacts::ObservedValue& v = facts_.observed(n.concept_index);
    // None, a value with a problem, or a censored one ("< 0.5": eval_cmp_full weighs the bound).
    if (!(v.state & PatientFacts::kUsable)) return v.censored ? eval_cmp_full(n) : Truth::unknown;
    if (n.relative_to != RelativeTo::none) {
      // threshold × the patient's limit, no conversion (as eval_cmp_full where the range is in the value's unit).
      if (n.relative_to == RelativeTo::uln) {
        if (v.state & PatientFacts::kUpperLimit)
          return compared(v.value, n.cmp, n.value * v.upper, true);
        if (v.state & PatientFacts::kNoUpperLimit) return Truth::unknown;
      } else {
        if (v.state & PatientFacts::kLowerLimit)
          return compared(v.value, n.cmp, n.value * v.lower, true);
        if (v.state & PatientFacts::kNoLowerLimit) return Truth::unknown;
      }
    } else {
      if (n.text_size == 0) return compared(v.value, n.cmp, n.value, false);
      if (v.state & PatientFacts::kInLexiconUnit) {
        if (n.flags & BoundTree::kLexiconUnitSame)
          return compared(v.value, n.cmp, n.value, false);
        if (!(n.flags & BoundTree::kLexiconUnitFactor)) return Truth::unknown;
        return compared(v.value * tree_.factor(n), n.cmp, n.value, true);
      }
      // A threshold in the lexicon unit (its unit read: unit_slot), a value in another unit spelt otherwise:
      // eval_cmp_full's conversion_factor(value's unit, threshold's unit), which is the lexicon unit (a UCUM
      // code reads back to the same unit), worked out once per patient.
      if ((n.flags & BoundTree::kLexiconUnitSame) && n.unit_slot != 0) {
        if (v.state & PatientFacts::kToLexicon)
          return compared(v.value * v.to_lexicon, n.cmp, n.value, true);
        if (v.state & PatientFacts::kNoToLexicon) return Truth::unknown;
      }
    }
    return eval_cmp_full(n);
  }

  [[gnu::noinline]] Truth eval_cmp_full(const BoundTree::Node& n) {
    const Observation* o = facts_.latest(n.concept_index);
    if (!o || !o->problem.empty()) return Truth::unknown;
    const Concept& analyte = concept_at(n.concept_index);
    double threshold = n.value;
    double value = o->value;
    bool converted = false;
    if (n.relative_to != RelativeTo::none) {
      const bool upper = n.relative_to == RelativeTo::uln;
      auto has_bound = [&](const std::optional<ValueRange>& r) { return r && (upper ? r->high : r->low); };
      // The patient's own limit, else the lexicon's span of laboratories' limits (as eval_cmp in evaluate_cmp.cpp).
      const ValueRange* range = has_bound(o->reference_range) ? &*o->reference_range : nullptr;
      const std::optional<ValueRange>& lexicon_span = upper ? analyte.uln_span : analyte.lln_span;
      const ValueRange* span = range || !lexicon_span ? nullptr : &*lexicon_span;
      if (!range && !span) return Truth::unknown;
      double limit = span ? *span->low : *(upper ? range->high : range->low);
      double limit_high = span ? *span->high : limit;
      const std::string& unit_of_limit = span ? span->unit : range->unit;
      const std::string_view range_unit = unit_of_limit.empty() ? std::string_view(o->unit.ucum) : std::string_view(unit_of_limit);
      if (range_unit != o->unit.ucum) {
        const detail::ResolvedConversion resolved =
            detail::resolve_conversion(o->unit, range_unit, &analyte, options_.conversions, false);
        const auto* c = std::get_if<units::Conversion>(&resolved.result());
        if (!c) return Truth::unknown;
        limit /= c->factor;
        limit_high /= c->factor;
        converted = true;
      }
      if (span) return detail::span_truth(value, o->censored, n.cmp, n.value * limit, n.value * limit_high);
      threshold = n.value * limit;
    } else if (n.text_size != 0) {  // a threshold with a unit
      if (facts_.in_lexicon_unit(n.concept_index)) {
        // The value is in the concept's lexicon unit: what the comparison needs was resolved when binding.
        if (!(n.flags & BoundTree::kLexiconUnitSame)) {
          if (!(n.flags & BoundTree::kLexiconUnitFactor)) return Truth::unknown;
          value = o->value * tree_.factor(n);
          converted = true;
        }
      } else if (tree_.text(n) != o->unit.ucum) {
        const units::Unit* target = tree_.unit(n);
        if (!target) return Truth::unknown;  // a unit nobody knows
        // conversion()'s factor (what evaluate() and the conversion cache give), without its words.
        const std::optional<double> factor = units::conversion_factor(o->unit, *target, analyte.molar_mass);
        if (!factor) return Truth::unknown;
        value = o->value * *factor;
        converted = true;
      }
    }
    return detail::value_truth(value, o->censored, n.cmp, threshold, converted || n.relative_to != RelativeTo::none);
  }

  // A whole number of years or months (kAgeIn*, read when binding) against the birth date: the patient's
  // completed years or months, computed once per patient (PatientFacts), as age_truth() computes them.
  [[gnu::always_inline]] Truth eval_age(const BoundTree::Node& n) {
    if ((n.flags & (BoundTree::kAgeInYears | BoundTree::kAgeInMonths)) && facts_.age_in_years() >= 0) {
      const double age = (n.flags & BoundTree::kAgeInYears) ? facts_.age_in_years() : facts_.age_in_months();
      return compared(age, n.cmp, n.value, false);
    }
    return detail::age_truth(facts_.patient(), options_.as_of, n.cmp, n.value, tree_.text(n));
  }

  // Patient::sex against the value: as text only where either is neither "female" nor "male".
  [[gnu::always_inline]] Truth eval_sex(const BoundTree::Node& n) {
    using Sex = PatientFacts::RecordedSex;
    const Sex sex = facts_.sex();
    if (sex == Sex::none) return Truth::unknown;
    if (const std::uint8_t wanted = n.flags & (BoundTree::kSexFemale | BoundTree::kSexMale))
      return (sex == Sex::female && wanted == BoundTree::kSexFemale) || (sex == Sex::male && wanted == BoundTree::kSexMale)
                 ? Truth::true_
                 : Truth::false_;
    return facts_.patient().sex == tree_.text(n) ? Truth::true_ : Truth::false_;
  }

  [[gnu::always_inline]] Truth eval_has(const BoundTree::Node& n) {
    // The common case in one test: no recorded event bears on the concept and no value of the patient shows it,
    // in a closed world, without a window or a measure: false, as eval_has_absent gives it.
    if (facts_.silent_on(n.concept_index)) {
      if (!open_world_ && !(n.flags & (BoundTree::kWithin | BoundTree::kMeasured))) return Truth::false_;
      return eval_has_absent(n);
    }
    return facts_.events_may_bear_on(n.concept_index) ? eval_has_events(n) : eval_has_absent(n);
  }

  // What the rules of eval_has_events give where no recorded event bears on the concept (as without any event):
  // false, unknown in an open world or for a measured concept (a window that is not one of time is unknown
  // whatever is recorded) or where the patient's values show it.
  [[gnu::noinline]] Truth eval_has_absent(const BoundTree::Node& n) {
    if ((n.flags & BoundTree::kWithin) && !detail::window_start(options_.as_of, n.value, tree_.text(n)))
      return Truth::unknown;
    if (open_world_ || (n.flags & BoundTree::kMeasured)) return Truth::unknown;
    return shown_by_values(n) ? Truth::unknown : Truth::false_;
  }

  // As evaluate(): a condition the patient's own values may show (Concept::defined_by) is not absent for being
  // uncoded. Asked once per patient (PatientFacts::shown_by_values, without a window); only where that holds
  // and the criterion has a window is the value's date asked again, with the window's start.
  [[gnu::always_inline]] bool shown_by_values(const BoundTree::Node& n) {
    return facts_.shown_by_values(n.concept_index) && ((n.flags & BoundTree::kWithin) == 0 || shown_in_window(n));
  }

  [[gnu::noinline]] bool shown_in_window(const BoundTree::Node& n) {
    const std::optional<Date> from = detail::window_start(options_.as_of, n.value, tree_.text(n));
    return detail::defining_value_out_of_range(concept_at(n.concept_index), facts_.patient(), facts_.lexicon(),
                                               options_.as_of, from) != nullptr;
  }

  [[gnu::noinline]] Truth eval_has_events(const BoundTree::Node& n) {
    const Date as_of = options_.as_of;
    std::optional<Date> from;
    if (n.flags & BoundTree::kWithin) {
      from = detail::window_start(as_of, n.value, tree_.text(n));
      if (!from) return Truth::unknown;
    }
    const bool want_active = n.flags & BoundTree::kActive;
    // As evaluate(): a state (pregnancy) with no window or status asks of now, or maybe of ever.
    const bool state_now = concept_at(n.concept_index).state && !(n.flags & (BoundTree::kActive | BoundTree::kWithin));
    Truth truth = Truth::false_;
    bool any_absent = false;
    for (const PatientFacts::IndexedEvent& indexed : facts_.events()) {
      const Event& e = *indexed.event;
      if (indexed.concept_index != n.concept_index && !indexed.is_a(n.concept_index)) continue;
      if (indexed.status & detail::kAbsentStatus) {
        any_absent = any_absent || detail::absent_tells(e, as_of);
        continue;
      }
      detail::EventTruth t = detail::judge_event(e, indexed.status, want_active, as_of, from);
      if (state_now) t = detail::judge_state_now(e, indexed.status, as_of, t);
      truth = kleene_or(truth, t.truth);
      if (truth == Truth::true_) break;  // stays true; absence no longer matters
    }
    // As evaluate(): a record only as specific as a wider concept leaves the criterion to a person.
    if (truth == Truth::false_ && !any_absent && !facts_.events().empty()) {
      const auto& wider = facts_.ancestors_of(n.concept_index);
      for (const PatientFacts::IndexedEvent& indexed : facts_.events()) {
        if ((indexed.status & detail::kAbsentStatus) ||
            !std::binary_search(wider.begin(), wider.end(), indexed.concept_index))
          continue;
        if (detail::judge_event(*indexed.event, indexed.status, want_active, as_of, from).truth != Truth::false_) {
          truth = Truth::unknown;
          break;
        }
      }
    }
    if (truth == Truth::false_ && !any_absent && (open_world_ || (n.flags & BoundTree::kMeasured)))
      truth = Truth::unknown;
    if (truth == Truth::false_ && !any_absent && shown_by_values(n)) truth = Truth::unknown;
    if (truth == Truth::true_ && (n.flags & BoundTree::kExcept)) truth = Truth::unknown;
    return truth;
  }

 private:
  const BoundTree& tree_;
  const BoundTree::Node* nodes_;
  const PatientFacts& facts_;
  const EvalOptions& options_;
  const bool open_world_;  // options_.open_world
  // The lexicon's concepts, for the rarer paths (looked up there: a screen of a trial is made per pair).
  const Concept& concept_at(std::uint32_t index) const { return facts_.lexicon().concepts()[index]; }
};

}  // namespace

bool can_evaluate_truth(const BoundTree& tree, const PatientFacts& facts, const EvalOptions& options,
                        std::uint32_t root) noexcept {
  return tree.bound(root) && facts.bound() && tree.lexicon() == &facts.lexicon() && facts.as_of() == options.as_of;
}

TruthOnly evaluate_truth(const BoundTree& tree, const PatientFacts& facts, const EvalOptions& options, std::uint32_t root) {
  return TruthReader(tree, facts, options).read(root);
}

void TruthReader::read_all(std::span<RootTruth> out) const {
  if (out.size() != tree_.trees()) throw std::invalid_argument("TruthReader::read_all: expected an entry per tree");
  const BoundTree::Node* nodes = tree_.nodes().data();
  std::uint32_t root = 0;
  if (!usable_) {
    for (RootTruth& r : out) {
      r = {Truth::unknown, false, static_cast<bool>(nodes[root].flags & BoundTree::kMark), false};
      root = nodes[root].end;
    }
    return;
  }
  Screen screen(tree_, facts_, options_);
  for (RootTruth& r : out) {
    const BoundTree::Node& n = nodes[root];
    Truth truth;
    bool judgement = false;
    bool read = true;
    switch (n.op) {  // the leaves inline, as count_all
      case Op::cmp: truth = screen.eval_cmp(n); break;
      case Op::age: truth = screen.eval_age(n); break;
      case Op::has: truth = screen.eval_has(n); break;
      case Op::sex: truth = screen.eval_sex(n); break;
      case Op::unknown: truth = Truth::unknown; break;
      case Op::judgement: truth = Truth::unknown, judgement = true; break;
      case Op::unbound: truth = Truth::unknown, read = false; break;
      default: {
        const detail::Verdict v = screen.eval_composite(root);
        truth = v.truth;
        judgement = v.truth == Truth::unknown && v.judgement;
      }
    }
    r = {truth, judgement, static_cast<bool>(n.flags & BoundTree::kMark), read};
    root = n.end;
  }
}

TruthReader::Counts TruthReader::count_all(Unread unread, const void* context) const {
  const BoundTree::Node* nodes = tree_.nodes().data();
  const std::size_t trees = tree_.trees();
  // What each root counts as: 0 false, 1 true (Truth's values), 2 unknown, 3 unknown only for a person's
  // judgement. A failure is a truth equal to the root's exclusion bit (true of an exclusion, false of an
  // inclusion); counted without a branch on data the predictor cannot learn, both counts in one sum
  // (failures in the low half, unknowns in the high half), by (outcome, exclusion).
  static constexpr std::uint64_t kUnknown = std::uint64_t{1} << 32;
  static constexpr std::uint64_t kAdds[8] = {1, 0, 0, 1, kUnknown, kUnknown, 0, 0};
  std::uint64_t sum = 0;
  auto count = [&sum](unsigned outcome, unsigned exclusion) { sum += kAdds[(outcome << 1 | exclusion) & 7]; };
  auto counts = [&sum] {
    return Counts{static_cast<std::uint32_t>(sum), static_cast<std::uint32_t>(sum >> 32)};
  };
  auto from_unread = [&](std::size_t k) {
    const UnreadTruth u = unread(context, k);
    count(u.truth == Truth::unknown && u.judgement ? 3u : static_cast<unsigned>(u.truth), u.exclusion);
  };
  std::uint32_t root = 0;
  if (!usable_) {
    for (std::size_t k = 0; k < trees; ++k, root = nodes[root].end) from_unread(k);
    return counts();
  }
  Screen screen(tree_, facts_, options_);
  for (std::size_t k = 0; k < trees; ++k) {
    const BoundTree::Node& n = nodes[root];
    unsigned outcome;
    switch (n.op) {  // the leaves inline (most criteria are one), as Screen::eval
      case Op::cmp: outcome = static_cast<unsigned>(screen.eval_cmp(n)); break;
      case Op::age: outcome = static_cast<unsigned>(screen.eval_age(n)); break;
      case Op::has: outcome = static_cast<unsigned>(screen.eval_has(n)); break;
      case Op::sex: outcome = static_cast<unsigned>(screen.eval_sex(n)); break;
      case Op::unknown: outcome = 2; break;
      case Op::judgement: outcome = 3; break;
      case Op::unbound:
        from_unread(k);
        root = n.end;
        continue;
      default: {
        const detail::Verdict v = screen.eval_composite(root);
        outcome = v.truth == Truth::unknown && v.judgement ? 3u : static_cast<unsigned>(v.truth);
      }
    }
    static_assert(BoundTree::kMark == 0x80);
    count(outcome, n.flags >> 7);  // kMark
    root = n.end;
  }
  return counts();
}

TruthOnly TruthReader::read(std::uint32_t root) const {
  if (!can_read(root))
    throw std::invalid_argument("evaluate_truth: the tree is not bound to the facts' lexicon, or the facts are for another date");
  Screen screen(tree_, facts_, options_);
  const detail::Verdict v = screen.eval(root);
  return {v.truth, v.truth == Truth::unknown && v.judgement};
}

}  // namespace trialmatch::engine
