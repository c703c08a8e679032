#pragma once
// The evaluator's working state for one evaluate() call. Internal to engine/src.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trialmatch/engine/evaluate.hpp"

namespace trialmatch::engine::detail {

// A node's truth, and whether an unknown is only there because a person must judge a `text`.
struct Verdict {
  Truth truth = Truth::unknown;
  bool judgement = false;
};

// Walks one tree for one patient. Evidence and missing variables are written to `out` only when
// options.evidence is set; with it off no string is built and nothing is allocated per node.
class Evaluator {
 public:
  Evaluator(const Patient& patient, const Lexicon& lexicon, const EvalOptions& options, Evaluation& out)
      : patient_(patient), lexicon_(lexicon), options_(options), out_(out) {}

  Verdict eval(const Node& node);

  Verdict eval_cmp(const Cmp& cmp);      // evaluate_cmp.cpp
  Verdict eval_age(const Cmp& cmp);      // evaluate_age.cpp
  Verdict eval_has(const Has& has);      // evaluate_has.cpp
  Verdict eval_has_ahead(const Has& has);  // a window that looks ahead

  bool explaining() const noexcept { return options_.evidence; }
  const Patient& patient() const noexcept { return patient_; }
  const Lexicon& lexicon() const noexcept { return lexicon_; }
  const EvalOptions& options() const noexcept { return options_; }

  // A name with the mark "…" of where its threshold stood cut from either end, trimmed ("… pregnant": "pregnant").
  static std::string_view without_threshold_mark(std::string_view name) noexcept {
    static constexpr std::string_view mark = "\xE2\x80\xA6";  // U+2026
    const auto trim = [](std::string_view s) {
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      return s;
    };
    name = trim(name);
    if (name.starts_with(mark)) name = trim(name.substr(mark.size()));
    if (name.ends_with(mark)) name = trim(name.substr(0, name.size() - mark.size()));
    return name;
  }

  // A variable or concept the lexicon does not list: the record cannot speak to it, so a person checks.
  // `wanted` builds the threshold text, only when explaining. `quantity`: asked as a cmp (a number of it).
  template <class Wanted>
  Verdict unlisted(const std::string& id, const std::string& name, bool quantity, Wanted wanted) {
    if (explaining()) {
      Evidence e;
      e.var = id;
      e.threshold = wanted();
      // The name's id may be a listed concept all the same; then "not a concept the lexicon lists" is untrue.
      // A number asked of an event ("type 2 diabetes for more than 5 years": its duration) is not read from
      // the record; an event the grammar left unlisted ("chronic alcohol or drug abuse") is an unsure
      // reading. (A measure's id under an unlisted name is an accident of the slug: said as before.)
      // The name itself may be a listed name of an event ("smoked" is one of smoking's names) though its slug
      // is no concept id: the same holds.
      const Concept* listed = lexicon_.find(id);
      if (!listed || is_measured(listed->kind)) {
        const Concept* named = lexicon_.find_name(name);
        // "… pregnant" ("< 25 weeks pregnant"): the mark of where the threshold stood is not part of the name.
        if (!named) named = lexicon_.find_name(without_threshold_mark(name));
        if (named && !is_measured(named->kind)) listed = named;
      }
      if (listed && !is_measured(listed->kind)) {
        e.fact = quantity ? "not read from the record" : "unsure reading";
        e.note = quantity ? "'" + name + "' is listed (" + listed->id + "), but '" + e.threshold +
                                "' of it is not read from the record: a person must check"
                          : "'" + name + "' was not read as the lexicon's " + listed->id +
                                " here (an unsure reading), so no record is consulted: a person must check";
        add_missing(quantity ? name + " " + e.threshold : name + " (unsure reading)");
      } else {
        e.fact = "not in the lexicon";
        e.note = "'" + name + "' is not a concept the lexicon lists, so no record maps to it: a person must check";
        add_missing(name + " (not in the lexicon)");
      }
      add_evidence(std::move(e));
    }
    return {Truth::unknown, false};
  }

  // Only call these when explaining(). new_evidence: a new empty entry after the evidence so far, filled in
  // place (no Evidence moved: nine strings each); valid until the next one is added. Where `out` held
  // evidence before (evaluate into an earlier evaluation), its entries are emptied and used again, their
  // strings keeping their buffers; evaluate() drops those left over (evidence_used()).
  Evidence& new_evidence() {
    if (evidence_used_ < out_.evidence.size()) {
      Evidence& e = out_.evidence[evidence_used_++];
      e.var.clear();
      e.fact.clear();
      e.value.reset();
      e.unit.clear();
      e.date.clear();
      e.source.clear();
      e.threshold.clear();
      e.conversion.clear();
      e.note.clear();
      e.truth = Truth::unknown;
      return e;
    }
    ++evidence_used_;
    return out_.evidence.emplace_back();
  }
  void add_evidence(Evidence e) { new_evidence() = std::move(e); }
  std::size_t evidence_used() const noexcept { return evidence_used_; }
  void add_missing(std::string what) { out_.missing.push_back(std::move(what)); }

 private:
  Verdict eval_all(const std::vector<Node>& args, bool conjunction);

  const Patient& patient_;
  const Lexicon& lexicon_;
  const EvalOptions& options_;
  Evaluation& out_;
  std::size_t evidence_used_ = 0;  // entries of out_.evidence written by this evaluation (the rest are stale)
};

// A computed figure for people: at most 4 significant digits, no trailing zeros ("106.1", "0.0113").
std::string show_number(double v);
// A figure as written (shortest exact form: "176.8", "3").
std::string show_written(double v);

// a <op> b; `tolerant` treats figures equal to 1e-9 relative as ties (after a unit conversion, so that
// 2 mg/dL against 176.8 umol/L is not decided by rounding).
// Inline: the bound evaluator compares once per criterion.
inline bool compare(double a, Comparator op, double b, bool tolerant) noexcept {
  const bool tie = tolerant ? std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)) : a == b;
  switch (op) {
    case Comparator::lt: return a < b && !tie;
    case Comparator::le: return a < b || tie;
    case Comparator::gt: return a > b && !tie;
    case Comparator::ge: return a > b || tie;
    case Comparator::eq: return tie;
    case Comparator::ne: return !tie;
  }
  return false;
}

// "v op t" where v is the recorded value, or only bounded by it (a censored value: `censored` is the record's
// comparator, "< 0.5"): decided where every value on that side of the bound gives one answer, else unknown.
inline Truth value_truth(double value, std::optional<Comparator> censored, Comparator op, double t, bool tolerant) noexcept {
  if (!censored) return compare(value, op, t, tolerant) ? Truth::true_ : Truth::false_;
  const bool below = *censored == Comparator::lt || *censored == Comparator::le;
  if (!below && *censored != Comparator::gt && *censored != Comparator::ge) return Truth::unknown;
  const bool strict = *censored == Comparator::lt || *censored == Comparator::gt;
  const bool tie = compare(value, Comparator::eq, t, tolerant);
  // Every possible value lies strictly on the far side of t (below it for a bound from above), or on t's side.
  const bool all_before = below ? (compare(value, Comparator::lt, t, tolerant) || (tie && strict))
                                : (compare(value, Comparator::gt, t, tolerant) || (tie && strict));
  const bool all_reach = below ? compare(value, Comparator::le, t, tolerant) : compare(value, Comparator::ge, t, tolerant);
  switch (op) {
    case Comparator::lt: return below ? (all_before ? Truth::true_ : Truth::unknown) : (all_reach ? Truth::false_ : Truth::unknown);
    case Comparator::le: return below ? (all_reach ? Truth::true_ : Truth::unknown) : (all_before ? Truth::false_ : Truth::unknown);
    case Comparator::gt: return below ? (all_reach ? Truth::false_ : Truth::unknown) : (all_before ? Truth::true_ : Truth::unknown);
    case Comparator::ge: return below ? (all_before ? Truth::false_ : Truth::unknown) : (all_reach ? Truth::true_ : Truth::unknown);
    case Comparator::eq: return all_before ? Truth::false_ : Truth::unknown;
    case Comparator::ne: return all_before ? Truth::true_ : Truth::unknown;
  }
  return Truth::unknown;
}

// A comparison with a threshold known only to lie in [low, high] (a multiple of every limit in the lexicon's
// span of laboratories' ULNs): decided where both ends give the same answer (for < <= > >= then every threshold
// between does), else unknown. = and != decide only for a value outside the span.
inline Truth span_truth(double value, std::optional<Comparator> censored, Comparator op, double low, double high) noexcept {
  if ((op == Comparator::eq || op == Comparator::ne) && !compare(low, Comparator::eq, high, true)) {
    const bool outside = !censored && (compare(value, Comparator::lt, low, true) || compare(value, Comparator::gt, high, true));
    if (!outside) return Truth::unknown;
  }
  const Truth at_low = value_truth(value, censored, op, low, true);
  return at_low == value_truth(value, censored, op, high, true) ? at_low : Truth::unknown;
}

// The first day of the window [as_of - value unit, as_of]; nullopt for a unit that is not a duration.
std::optional<Date> window_start(Date as_of, double value, std::string_view unit);
// True where `o` is dated more than the measure's current_for_days before as_of: it no longer tells the
// patient's present state and decides nothing (evaluate() and PatientFacts ask the same).
inline bool no_longer_current(const Observation& o, const Concept& measure, Date as_of) {
  return o.date && measure.current_for_days && *measure.current_for_days > 0 &&
         *o.date < as_of - std::chrono::days{*measure.current_for_days};
}

// One recorded event (not "absent") against a `has`: status, time, window. evaluate_has.cpp.
struct EventTruth {
  Truth truth = Truth::unknown;
  const char* note = "";
  bool needs_date = false;
  bool ignored = false;  // starts after the reference date: not an event of the past
};
EventTruth judge_event(const Event& e, bool want_active, Date as_of, const std::optional<Date>& from);
// What an event's status says, as bits: read once per patient (PatientFacts), not compared as text per
// criterion. judge_event with the bits of e.status is judge_event above.
// kPausedStatus: on hold, or a status of "unknown": begun, but whether it still lasts is not said.
// kPlannedStatus: intended, not yet taken or done (not an event of the past).
inline constexpr std::uint8_t kAbsentStatus = 1, kUnconfirmedStatus = 2, kEndedStatus = 4, kOngoingStatus = 8,
                              kNoStatus = 16, kPausedStatus = 32, kPlannedStatus = 64;
std::uint8_t status_kind(std::string_view status);
EventTruth judge_event(const Event& e, std::uint8_t status, bool want_active, Date as_of, const std::optional<Date>& from);

// What a state observed on a day (Event::current_for_days) tells at the reference date.
enum class Snapshot : std::uint8_t { not_one, current, may_last, over };
Snapshot snapshot_at(const Event& e, Date as_of);
// Whether a recorded negative tells the reference date: always, unless it is an observed state (a negative
// pregnancy test) older than it stays current, or dated after the reference date.
inline bool absent_tells(const Event& e, Date as_of) {
  return !e.current_for_days || snapshot_at(e, as_of) == Snapshot::current;
}

// A state (Concept::state: pregnancy) asked with no window and no status "active": an event judged true `t`
// that does not hold now ("Pregnant" against a pregnancy of 2015) is unknown, since the criterion may ask
// of now or of ever. Applied by evaluate() and the bound path alike.
EventTruth judge_state_now(const Event& e, std::uint8_t status, Date as_of, const EventTruth& t);

// A condition the lexicon defines by measures (Concept::defined_by: anaemia by haemoglobin, hypertension by
// blood pressure): the latest current value of one of them, on or after `from` where given, that lies outside
// its reference range (the observation's own, else the lexicon's), or nullptr. Then a "not recorded" diagnosis
// is no evidence of absence: the patient's own value may show the condition (evaluate_has.cpp).
const Observation* defining_value_out_of_range(const Concept& condition, const Patient& p, const Lexicon& lexicon,
                                               Date as_of, const std::optional<Date>& from);

// An age criterion's truth (evaluate_age.cpp); `unit` as written, empty meaning years.
Truth age_truth(const Patient& p, Date as_of, Comparator op, double value, std::string_view unit);

}  // namespace trialmatch::engine::detail
