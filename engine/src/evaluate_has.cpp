// Conditions, treatments, procedures and exposures: a recorded event of the concept (or one that is_a
// it), its status, and its time against a window before the reference date. Closed world unless
// options.open_world; measured concepts are always open world.
#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "evaluate_context.hpp"
#include "trialmatch/engine/moments.hpp"

namespace trialmatch::engine::detail {

namespace {

using namespace std::chrono;

bool one_of(std::string_view s, std::initializer_list<std::string_view> list) {
  for (auto x : list)
    if (s == x) return true;
  return false;
}

bool ended_status(std::string_view s) {
  return one_of(s, {"resolved", "inactive", "remission", "completed", "stopped", "not-taken", "cancelled"});
}
bool ongoing_status(std::string_view s) { return one_of(s, {"active", "recurrence", "relapse", "in-progress"}); }
// On hold (halted for now, since a day not recorded) or "unknown": whether it lasts to a given day is not said.
bool paused_status(std::string_view s) { return one_of(s, {"on-hold", "suspended", "unknown"}); }
// A medication the patient intends to take (FHIR MedicationStatement "intended"): not taken yet.
bool planned_status(std::string_view s) { return one_of(s, {"intended", "planned"}); }

// Whether the event lasts up to the reference date when no end is recorded. A medication with no status and
// no end is not taken as ongoing: a list may hold past treatments as well as current ones (a 2015 prednisone
// start would otherwise meet "steroids within 4 weeks"); whether it lasts into a window is unknown.
bool ongoing(const Event& e, std::uint8_t status) { return !e.end && (status & kOngoingStatus); }
bool ongoing(const Event& e) { return ongoing(e, status_kind(e.status)); }

// An event with no end whose status does not say whether it still lasts: a condition or medication with no
// status, or anything on hold or of unknown status.
bool may_last(const Event& e, std::uint8_t status) {
  if (e.end) return false;
  if (status & kPausedStatus) return true;
  return (status & kNoStatus) && (e.kind == EventKind::condition || e.kind == EventKind::medication);
}

}  // namespace

std::uint8_t status_kind(std::string_view status) {
  std::uint8_t kind = 0;
  if (status == "absent") kind |= kAbsentStatus;
  if (status == "unconfirmed") kind |= kUnconfirmedStatus;
  if (ended_status(status)) kind |= kEndedStatus;
  if (ongoing_status(status)) kind |= kOngoingStatus;
  if (paused_status(status)) kind |= kPausedStatus;
  if (planned_status(status)) kind |= kPlannedStatus;
  if (status.empty()) kind |= kNoStatus;
  return kind;
}

std::optional<Date> window_start(Date as_of, double v, std::string_view unit) {
  auto whole = [](double x) { return std::floor(x) == x; };
  if ((unit == "a" || unit == "mo") && whole(v)) {
    const int months = static_cast<int>(unit == "a" ? v * 12 : v);
    year_month_day ymd{as_of};
    const year_month ym = year_month{ymd.year(), ymd.month()} - std::chrono::months{months};
    const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    return sys_days{year_month_day{ym.year(), ym.month(), std::min(ymd.day(), last)}};
  }
  double days = 0;
  if (unit == "a") days = v * 365.2425;
  else if (unit == "mo") days = v * 30.436875;
  else if (unit == "wk") days = v * 7;
  else if (unit == "d") days = v;
  else if (unit == "h") days = std::ceil(v / 24);
  else if (unit == "min") days = std::ceil(v / 1440);
  else return std::nullopt;
  return as_of - std::chrono::days{static_cast<long>(std::ceil(days))};
}

namespace {

// The last day of the window (as_of, as_of + value unit] that looks ahead; nullopt for a unit that is
// not a duration. Whole months and years count in calendar months, as window_start does.
std::optional<Date> window_end(Date as_of, double v, std::string_view unit) {
  if ((unit == "a" || unit == "mo") && std::floor(v) == v) {
    const int months = static_cast<int>(unit == "a" ? v * 12 : v);
    year_month_day ymd{as_of};
    const year_month ym = year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    return sys_days{year_month_day{ym.year(), ym.month(), std::min(ymd.day(), last)}};
  }
  const std::optional<Date> start = window_start(as_of, v, unit);
  if (!start) return std::nullopt;
  return as_of + (as_of - *start);
}

// Appended piece by piece (what the formats " ('{}')" and " {}..{}" wrote), without a format string parsed
// per recorded event of every failing or unknown criterion. Appended to `s` (an evidence field used again
// keeps its buffer).
void append_event_fact(std::string& s, const Event& e) {
  s += e.concept_id.empty() ? e.code_text : e.concept_id;
  if (!e.code_text.empty() && e.code_text != e.concept_id) {
    s += " ('";
    s += e.code_text;
    s += "')";
  }
  if (e.start || e.end) {
    s += ' ';
    s += e.start ? format_date(*e.start) : "?";
    s += "..";
    s += e.end ? format_date(*e.end) : ongoing(e) ? "" : "?";
  }
  if (!e.status.empty()) {
    s += ' ';
    s += e.status;
  }
}

}  // namespace

EventTruth judge_event(const Event& e, bool want_active, Date as_of, const std::optional<Date>& from) {
  return judge_event(e, status_kind(e.status), want_active, as_of, from);
}

Snapshot snapshot_at(const Event& e, Date as_of) {
  if (!e.current_for_days || !e.start || e.end || *e.start > as_of) return Snapshot::not_one;
  const long age = (as_of - *e.start).count();
  if (age <= e.current_for_days) return Snapshot::current;
  if (age <= e.lasts_days && ongoing_status(e.status)) return Snapshot::may_last;
  return Snapshot::over;
}

namespace {

// The status bits an observed state stands for at the reference date: a pregnancy observed last week is
// ongoing; one observed five months ago may or may not still be (as on hold); one of two years ago has ended.
std::uint8_t status_at(const Event& e, std::uint8_t status, Date as_of) {
  switch (snapshot_at(e, as_of)) {
    case Snapshot::may_last: return kPausedStatus;
    case Snapshot::over: return ongoing_status(e.status) ? kEndedStatus : status;
    default: return status;
  }
}

}  // namespace

EventTruth judge_event(const Event& e, std::uint8_t status, bool want_active, Date as_of, const std::optional<Date>& from) {
  if (e.current_for_days) {
    if (snapshot_at(e, as_of) == Snapshot::over && !ongoing_status(e.status))
      return {Truth::false_, "an unsure status observed too long before the reference date to tell the present", false, true};
    status = status_at(e, status, as_of);
  }
  if (status & kUnconfirmedStatus) return {Truth::unknown, "recorded as unconfirmed (provisional or differential)"};
  if (status & kPlannedStatus) return {Truth::false_, "intended, not yet taken", false, true};
  if (e.start && *e.start > as_of) return {Truth::false_, "starts after the reference date", false, true};
  // Coded as a history of it ("old myocardial infarction", "personal history of", a transplant status): it is
  // over, and happened on or before its date, which says only when it was noted, not when it happened.
  if (e.past_only) {
    if (want_active) return {Truth::false_, "coded as a history of it (a past code): over"};
    if (!from) return {Truth::true_, "coded as a history of it (a past code)"};
    if (!e.start) return {Truth::unknown, "coded as a history of it, with no date: cannot be placed in the window", true};
    if (*e.start < *from) return {Truth::false_, "coded as a history of it, noted before the window: it happened before"};
    return {Truth::unknown, "coded as a history of it, noted in the window: when it happened is not said", true};
  }
  if (want_active) {
    if (e.end) {
      if (*e.end < as_of) return {Truth::false_, "ended before the reference date"};
    } else if (status & kEndedStatus) {
      return {Truth::false_, "recorded as no longer active"};
    } else if (status & kPausedStatus) {
      return {Truth::unknown, "recorded as on hold or of unknown status: cannot tell whether it is active"};
    } else if (may_last(e, status)) {
      return {Truth::unknown, e.kind == EventKind::medication
                                  ? "no status and no end recorded: cannot tell whether it is still taken"
                                  : "no clinical status recorded: cannot tell whether it is active"};
    } else if ((status & kNoStatus) && (e.kind == EventKind::procedure || e.kind == EventKind::immunization)) {
      // A procedure recorded by its date alone is a day's record: it does not say the treatment goes on ("receiving
      // dialysis", "mechanically ventilated" asked of a dialysis or a ventilation recorded in 2015). Its date
      // still places it in windows, as before.
      return {Truth::unknown, "recorded by its date alone, with no status or end: cannot tell whether it still goes on"};
    }
  }
  if (!from) return {Truth::true_, ""};
  // Within a window: any part of [start, end] in [from, as_of].
  if (!e.start) {
    if (e.end && *e.end < *from) return {Truth::false_, "ended before the window"};
    // Only an end, inside the window (a MedicationStatement whose effectivePeriod has no start): it lasted
    // to that day, so it was there in the window.
    if (e.end && *e.end > *from && *e.end <= as_of) return {Truth::true_, "no start recorded; ended inside the window"};
    return {Truth::unknown, "no date: cannot be placed in the window", true};
  }
  // An acute event (an MI of 2020 still recorded "active") happened at its start: only its start or a recorded
  // end can fall in the window; its status does not carry it to the reference date. A criterion that asks for
  // it active ("active infection within 2 weeks") asks of the status: that still decides.
  const std::uint8_t acute = want_active ? 0 : e.acute;
  const Date last = e.end ? *e.end : ongoing(e, status) && !acute ? as_of : *e.start;
  if (last < *from) {
    if (acute == Concept::kAcuteOnset)
      return {Truth::false_, "an acute event, dated by its onset (or a recorded end): before the window, whatever its status"};
    if (acute == Concept::kAcuteCourse && (ongoing(e, status) || may_last(e, status)))
      return {Truth::unknown, "an acute illness that began before the window, with no end recorded: its status does not "
                              "tell whether it lasted into the window"};
    // A condition or medication recorded with neither a status nor an end (or on hold) may last to this day
    // (a cancer diagnosed ten years ago, still treated): whether it reaches into the window is unknown.
    if (may_last(e, status))
      return {Truth::unknown, "began before the window, with no status or end that says it ended: may last into it"};
    // A medication stopped or completed on a day not recorded (a prescription of 2015, "stopped") may have
    // been taken until last week: only its start is known.
    if (!e.end && (status & kEndedStatus) && e.kind == EventKind::medication)
      return {Truth::unknown, "began before the window and ended on a day not recorded: may have lasted into it"};
    return {Truth::false_, "before the window"};
  }
  // Exactly the window's length before the reference date: "within 4 weeks" may take that day in, "at least 4
  // weeks since" (the same window, negated) is met on it, and a day holds many hours. Neither reading decides.
  if (last == *from) return {Truth::unknown, "on the window's first day, exactly its length before the reference date: inside or not depends on the reading"};
  return {Truth::true_, ""};
}

const Observation* defining_value_out_of_range(const Concept& condition, const Patient& p, const Lexicon& lexicon,
                                               Date as_of, const std::optional<Date>& from) {
  for (std::size_t k = 0; k < condition.defined_by.size(); ++k) {
    const std::string& id = condition.defined_by[k];
    // The side that shows the condition (anaemia: a low haemoglobin); either where the lexicon gives none.
    const std::uint8_t side = k < condition.defined_by_side.size() ? condition.defined_by_side[k] : Concept::kSideEither;
    const Observation* latest = nullptr;
    for (const Observation& o : p.observations)
      if (o.concept_id == id && o.date && *o.date <= as_of && (!latest || *o.date >= *latest->date)) latest = &o;
    // (The measure is looked up only for a patient who has a value of it: most have none, and this is asked of
    // every condition found absent, per patient and trial.)
    if (!latest) continue;
    const Concept* measure = lexicon.find(id);
    if (!measure || !latest->problem.empty() || latest->censored || no_longer_current(*latest, *measure, as_of) ||
        (from && *latest->date < *from))
      continue;
    const auto bounded = [](const std::optional<ValueRange>& r) { return r && (r->low || r->high); };
    const ValueRange* range = bounded(latest->reference_range) ? &*latest->reference_range
                              : bounded(measure->reference_range) ? &*measure->reference_range
                                                                   : nullptr;
    if (!range) continue;
    double value = latest->value;
    if (!range->unit.empty() && range->unit != latest->unit.ucum) {
      const std::optional<units::Unit> unit = units::read_unit(range->unit);
      const std::optional<double> factor =
          unit ? units::conversion_factor(latest->unit, *unit, measure->molar_mass) : std::nullopt;
      if (!factor) continue;
      value *= *factor;
    }
    if ((side != Concept::kSideHigh && range->low && compare(value, Comparator::lt, *range->low, true)) ||
        (side != Concept::kSideLow && range->high && compare(value, Comparator::gt, *range->high, true)))
      return latest;
  }
  return nullptr;
}

EventTruth judge_state_now(const Event& e, std::uint8_t status, Date as_of, const EventTruth& t) {
  if (t.truth != Truth::true_ || judge_event(e, status, true, as_of, std::nullopt).truth == Truth::true_) return t;
  return {Truth::unknown, "recorded, but not as holding now: whether the criterion asks of now or of ever, a person reads"};
}

namespace {

// "Diagnosed within the last 5 years", "started since 2020": the event's start, not any day of it, in the
// window and the calendar bounds. Applied to what judge_event and judge_dated left true or unknown.
EventTruth judge_onset(const Event& e, const EventTruth& t, const std::optional<Date>& from, const std::optional<Date>& first) {
  if (t.truth == Truth::false_ || (!from && !first)) return t;
  if (!e.start) return {Truth::unknown, "no start date: cannot tell when it began", true};
  if (from && *e.start < *from) return {Truth::false_, "began before the window"};
  if (from && *e.start == *from) return {Truth::unknown, "began on the window's first day, exactly its length before the reference date"};
  if (first && *e.start < *first) return {Truth::false_, "began before the dates asked for"};
  if (e.start_is_recorded_date || e.past_only)
    return {Truth::unknown, "only the day it was recorded is known: it may have begun before the window or dates asked for", true};
  return t;
}

// "Diagnosed since 2010", "implanted between 1 January 2014 and 1 October 2015": any part of the event's
// [start, end] on a day in [first, last]. An event with no date cannot be placed there.
EventTruth judge_dated(const Event& e, std::uint8_t status, Date as_of, const std::optional<Date>& first,
                       const std::optional<Date>& last) {
  if (e.current_for_days) status = status_at(e, status, as_of);
  if (!e.start) {
    if (first && e.end && *e.end < *first) return {Truth::false_, "ended before the dates asked for"};
    return {Truth::unknown, "no date: cannot be placed between the dates asked for", true};
  }
  // A history noted on its date happened then or before: only a date before the first day asked for decides.
  if (e.past_only) {
    if (first && *e.start < *first) return {Truth::false_, "coded as a history of it, noted before the dates asked for"};
    if (!first && last && *e.start <= *last) return {Truth::true_, "coded as a history of it, noted by the last day asked for"};
    return {Truth::unknown, "coded as a history of it: when it happened is not said", true};
  }
  if (last && *e.start > *last) return {Truth::false_, "dated after the dates asked for"};
  const Date end = e.end ? *e.end : ongoing(e, status) && !e.acute ? as_of : *e.start;
  if (first && end < *first) {
    if (e.acute == Concept::kAcuteCourse && ongoing(e, status))
      return {Truth::unknown, "an acute illness that began before the dates asked for, with no end recorded"};
    return {Truth::false_, "dated before the dates asked for"};
  }
  return {Truth::true_, ""};
}

}  // namespace

Verdict Evaluator::eval_has(const Has& has) {
  if (!has.name.empty()) {
    return unlisted(has.concept_id.str(), has.name, false, [&] {
      std::string wanted = has.status.empty() ? std::string("recorded") : has.status.str();
      if (has.within) wanted += fmt::format(" within {} {}{}", show_written(has.within->value), has.within->unit, has.ahead ? " ahead" : "");
      if (!has.before.empty()) wanted += " before " + has.before.str();
      if (!has.dated_from.empty() || !has.dated_to.empty()) wanted += " dated " + has.dated_from.str() + ".." + has.dated_to.str();
      return wanted;
    });
  }
  const bool dated = !has.dated_from.empty() || !has.dated_to.empty();
  const std::optional<Date> first = has.dated_from.empty() ? std::nullopt : parse_date(has.dated_from);
  const std::optional<Date> last = has.dated_to.empty() ? std::nullopt : parse_date(has.dated_to);
  if (has.within && has.ahead) return eval_has_ahead(has);
  const Date as_of = options().as_of;
  // "Surgery within one month of the fracture": the window counts from an event the profile does not
  // date, so a record of the concept can neither meet nor miss it; only its absence decides.
  const bool window_from_other_event = has.within && !is_moment_of_matching(has.before);
  std::optional<Date> from;
  if (has.within && !window_from_other_event) {
    from = window_start(as_of, has.within->value, has.within->unit);
    if (!from) {
      if (explaining()) {
        Evidence e;
        e.var = has.concept_id;
        e.threshold = fmt::format("within {} {}", show_written(has.within->value), has.within->unit);
        e.note = fmt::format("'{}' is not a unit of time", has.within->unit);
        add_evidence(std::move(e));
        add_missing(has.concept_id.str());
      }
      return {Truth::unknown, false};
    }
  }
  // "within {} {} ({}..{})", appended piece by piece (no format string parsed per evaluation).
  std::string window_text;
  if (has.within && explaining()) {
    window_text = "within ";
    window_text += show_written(has.within->value);
    window_text += ' ';
    window_text += has.within->unit;
  }
  if (from && explaining()) {  // the window's days where they count from the reference date
    window_text += " (";
    window_text += format_date(*from);
    window_text += "..";
    window_text += format_date(as_of);
    window_text += ')';
  }
  auto threshold_text = [&] {
    std::string s = has.status.empty() ? std::string(has.onset ? "began" : "recorded") : has.status.str();
    if (has.onset && !has.status.empty()) s += ", began";
    if (has.within) {
      s += ' ';
      s += window_text;
    }
    if (!has.before.empty()) {
      s += " before ";
      s += has.before;
    }
    if (dated) {
      s += " dated ";
      s += has.dated_from;
      s += "..";
      s += has.dated_to;
    }
    return s;
  };

  // The evidence of one recorded event against this criterion (a new entry, filled in place).
  auto recorded = [&](const Event& e) -> Evidence& {
    Evidence& ev = new_evidence();
    ev.var = has.concept_id;
    append_event_fact(ev.fact, e);  // (ev is a new entry: its fields are empty)
    if (e.start) ev.date = format_date(*e.start);
    ev.source = e.source;
    ev.threshold = threshold_text();
    return ev;
  };

  // "Pregnant or breastfeeding": a state with no window or status asks of now, or maybe of ever.
  const Concept* asked = lexicon().find(has.concept_id);
  const bool state_now = asked && asked->state && has.status != "active" && !has.within && !dated && !has.onset;
  Truth truth = Truth::false_;
  bool any_present = false;
  bool any_absent = false;
  bool needs_date = false;
  bool from_other_event_unknown = false;
  for (const Event& e : patient().events) {
    if (e.concept_id.empty()) continue;
    if (e.concept_id != has.concept_id && (!e.may_be_a || !lexicon().is_a(e.concept_id, has.concept_id))) continue;
    EventTruth t;
    if (e.status == "absent" && !absent_tells(e, as_of)) {
      t = {Truth::false_, "a negative observed too long before the reference date (or after it) to tell the present", false, true};
    } else if (e.status == "absent") {
      any_absent = true;
      t = {Truth::false_, "recorded as absent (a known negative)"};
    } else {
      t = judge_event(e, has.status == "active", as_of, from);
      if (state_now) t = judge_state_now(e, status_kind(e.status), as_of, t);
      if (dated && t.truth != Truth::false_ && !t.ignored) {
        const EventTruth d = judge_dated(e, status_kind(e.status), as_of, first, last);
        if (d.truth != Truth::true_) t = {kleene_and(t.truth, d.truth), d.note, d.needs_date};
      }
      if (has.onset && !t.ignored) t = judge_onset(e, t, from, first);
      if (window_from_other_event && t.truth == Truth::true_) {
        t.truth = Truth::unknown;
        t.note = "recorded, but the window counts from another event, which the profile does not date";
        from_other_event_unknown = true;
      }
      if (!t.ignored) any_present = true;
      truth = kleene_or(truth, t.truth);
      needs_date = needs_date || (t.needs_date && t.truth == Truth::unknown);
    }
    if (explaining()) {
      Evidence& ev = recorded(e);
      ev.note = t.note;
      if (e.concept_id != has.concept_id) ev.note = ev.note.empty() ? fmt::format("{} is a {}", e.concept_id, has.concept_id)
                                                              : fmt::format("{} is a {}; {}", e.concept_id, has.concept_id, ev.note);
      ev.truth = t.truth;
    }
  }

  // A record only as specific as a wider concept ("beta thalassemia" where the criterion asks for
  // transfusion-dependent beta thalassemia, "malignancy" where it asks for lung cancer) may or may not be
  // the one asked for: a person checks. A wider record that the window or status rules out decides nothing.
  bool wider = false;
  if (truth == Truth::false_ && !any_absent) {
    for (const Event& e : patient().events) {
      if (e.concept_id.empty() || e.concept_id == has.concept_id || e.status == "absent" ||
          !lexicon().is_a(has.concept_id, e.concept_id))
        continue;
      EventTruth t = judge_event(e, has.status == "active", as_of, from);
      if (dated && t.truth != Truth::false_) t.truth = kleene_and(t.truth, judge_dated(e, status_kind(e.status), as_of, first, last).truth);
      if (has.onset) t = judge_onset(e, t, from, first);
      if (t.truth == Truth::false_) continue;
      truth = Truth::unknown;
      wider = true;
      if (explaining()) {
        Evidence& ev = recorded(e);
        ev.note = fmt::format("recorded as {}, wider than {}: a person must check which it is", e.concept_id, has.concept_id);
        ev.truth = Truth::unknown;
        add_missing(fmt::format("whether {} is {}", e.concept_id, has.concept_id));
      }
      break;
    }
  }

  // A decision resting on absence: known negative, closed world ("not recorded"), or open world.
  bool shown_by_values = false;
  if (truth == Truth::false_ && !any_absent) {
    const Concept* entry = lexicon().find(has.concept_id);
    const bool open = options().open_world || (entry && is_measured(entry->kind));
    // A condition the record's own values may show (haemoglobin 6.5 g/dL and "Anaemia" not coded): unknown.
    const Observation* shown = !open && entry && !entry->defined_by.empty() && !dated && !has.onset && !window_from_other_event
                                   ? defining_value_out_of_range(*entry, patient(), lexicon(), as_of, from)
                                   : nullptr;
    if (shown) {
      truth = Truth::unknown;
      shown_by_values = true;
      if (explaining()) {
        Evidence& ev = new_evidence();
        ev.var = shown->concept_id;
        ev.value = shown->value;
        ev.unit = shown->unit.ucum;
        if (shown->date) ev.date = format_date(*shown->date);
        ev.source = shown->source;
        ev.fact = fmt::format("{} not recorded as a diagnosis; {} {} outside its reference range", has.concept_id,
                              shown->concept_id, show_number(shown->value));
        ev.threshold = threshold_text();
        ev.note = fmt::format("{} is not recorded, but the patient's {} is outside its reference range, which may "
                              "show it: a person must check", has.concept_id, shown->concept_id);
        ev.truth = Truth::unknown;
        add_missing(fmt::format("whether {} ({} outside its reference range)", has.concept_id, shown->concept_id));
      }
    }
  }
  if (truth == Truth::false_ && !any_absent) {
    const Concept* entry = lexicon().find(has.concept_id);
    const bool open = options().open_world || (entry && is_measured(entry->kind));
    if (open) truth = Truth::unknown;
    if (explaining()) {
      Evidence& ev = new_evidence();
      ev.var = has.concept_id;
      ev.fact = "not recorded";
      ev.threshold = threshold_text();
      // Assigned from text, not from a temporary string (which would take the place of ev.note's buffer).
      if (open)
        ev.note = any_present ? "not recorded as wanted, and the record may be incomplete (open world)"
                              : "not recorded, and the record may be incomplete (open world)";
      else if (!any_present) ev.note = "not recorded";
      else if (has.within || dated) ev.note = "not recorded in the window";
      else ev.note = fmt::format("not recorded as {}", has.status);
      ev.truth = truth;
      if (open) add_missing(has.concept_id.str());
    }
  } else if (truth == Truth::unknown && explaining() && !wider && !shown_by_values) {
    add_missing(from_other_event_unknown ? "date of " + has.before.str()
                : needs_date                 ? fmt::format("date of {}", has.concept_id)
                                             : has.concept_id.str());
  }

  if (truth == Truth::true_ && !has.except.empty()) {
    // The text names an exception the record cannot show: a person must check it.
    truth = Truth::unknown;
    if (explaining()) {
      Evidence ev;
      ev.var = has.concept_id;
      ev.threshold = threshold_text();
      ev.note = fmt::format("recorded, but the criterion excepts \"{}\": a person must check the exception", has.except.str());
      add_evidence(std::move(ev));
      add_missing(fmt::format("exception: {}", has.except.str()));
    }
  }
  return {truth, false};
}

// "Planned surgery within the next 12 months": only a planned event of the concept dated in (as_of, as_of +
// window] meets it. A past event never does, and a record cannot show that nothing is planned: without such
// an event the answer is unknown, never false (not even in a closed world).
Verdict Evaluator::eval_has_ahead(const Has& has) {
  const Date as_of = options().as_of;
  const std::optional<Date> to = window_end(as_of, has.within->value, has.within->unit);
  const std::string threshold =
      fmt::format("planned within the next {} {}{}", show_written(has.within->value), has.within->unit,
                  to && explaining() ? fmt::format(" ({}..{})", format_date(as_of), format_date(*to)) : std::string());
  Truth truth = Truth::unknown;
  for (const Event& e : patient().events) {
    if (e.concept_id.empty() || e.status == "absent") continue;
    if (e.concept_id != has.concept_id && (!e.may_be_a || !lexicon().is_a(e.concept_id, has.concept_id))) continue;
    const std::uint8_t status = status_kind(e.status);
    const bool planned = to && e.start && *e.start > as_of && *e.start <= *to && !(status & kEndedStatus) &&
                         !(status & kUnconfirmedStatus);
    if (planned) truth = Truth::true_;
    if (explaining()) {
      Evidence ev;
      ev.var = has.concept_id;
      append_event_fact(ev.fact, e);
      if (e.start) ev.date = format_date(*e.start);
      ev.source = e.source;
      ev.threshold = threshold;
      ev.note = planned ? "" : !to ? "the window's unit is not a unit of time"
                : !e.start || *e.start <= as_of ? "not a planned event: only a date after the reference date is ahead"
                : *e.start > *to ? "planned after the window"
                                 : "recorded as cancelled, ended or unconfirmed";
      ev.truth = planned ? Truth::true_ : Truth::unknown;
      add_evidence(std::move(ev));
    }
  }
  if (truth == Truth::true_ && !has.except.empty()) {  // a person checks the exception
    truth = Truth::unknown;
    if (explaining()) add_missing(fmt::format("exception: {}", has.except.str()));
  } else if (truth == Truth::unknown && explaining()) {
    add_missing(fmt::format("whether {} is planned", has.concept_id));
  }
  return {truth, false};
}

}  // namespace trialmatch::engine::detail
