// Age criteria: completed years or months from the birth date at the reference date, exact days for
// thresholds in weeks or days; an age recorded without a birth date decides only where its whole span does.
#include <fmt/format.h>

#include <cmath>

#include "evaluate_context.hpp"

namespace trialmatch::engine::detail {

namespace {

// Mean length of each age unit in days, for a recorded age with no birth date.
std::optional<double> days_per(std::string_view unit) {
  if (unit == "a") return 365.2425;
  if (unit == "mo") return 30.436875;
  if (unit == "wk") return 7.0;
  if (unit == "d") return 1.0;
  if (unit == "h") return 1.0 / 24;
  return std::nullopt;
}

bool is_integer(double v) { return std::floor(v) == v; }

// The patient's age in the threshold's unit, as compared: completed years/months, exact days.
std::optional<double> age_from_birth(Date birth, Date as_of, std::string_view unit, double threshold) {
  const auto days = static_cast<double>((as_of - birth).count());
  if (unit == "a") return is_integer(threshold) ? completed_years(birth, as_of) : completed_months(birth, as_of) / 12.0;
  if (unit == "mo") return is_integer(threshold) ? completed_months(birth, as_of) : days / 30.436875;
  if (unit == "wk") return days / 7.0;
  if (unit == "d") return days;
  if (unit == "h") return days * 24;
  return std::nullopt;
}

struct Span {
  double low = 0;
  double high = 0;
};

// A recorded age in completed units ("14 a" is 14 a to just under 15 a), in the threshold's unit.
// A whole-number threshold is compared with completed units; one with a fraction ("17.5 years") with the
// age itself, which for "14 a" is anywhere from 14 to just under 15.
std::optional<Span> recorded_span(const Amount& age, std::string_view unit, double threshold) {
  constexpr double just_under = 1e-9;
  const bool completed = is_integer(threshold);
  if (age.unit == unit) return completed ? Span{age.value, age.value} : Span{age.value, age.value + 1 - just_under};
  if (age.unit == "a" && unit == "mo") return Span{age.value * 12, age.value * 12 + 11};
  if (age.unit == "mo" && unit == "a")
    return completed ? Span{std::floor(age.value / 12), std::floor(age.value / 12)}
                     : Span{age.value / 12, (age.value + 1) / 12 - just_under};
  if (age.unit == "wk" && unit == "d") return Span{age.value * 7, age.value * 7 + 6};
  auto from = days_per(age.unit);
  auto to = days_per(unit);
  if (!from || !to) return std::nullopt;
  const double low_days = age.value * *from;
  const double high_days = (age.value + 1) * *from - 1;
  return Span{std::floor(low_days / *to + 1e-9), std::floor(high_days / *to + 1e-9)};
}

Truth compare_span(Span s, Comparator op, double value) {
  const bool low = compare(s.low, op, value, false);
  const bool high = compare(s.high, op, value, false);
  if ((op == Comparator::eq || op == Comparator::ne) && s.low != s.high)
    return value < s.low || value > s.high ? (op == Comparator::ne ? Truth::true_ : Truth::false_) : Truth::unknown;
  return low == high ? (low ? Truth::true_ : Truth::false_) : Truth::unknown;
}

}  // namespace

Truth age_truth(const Patient& p, Date as_of, Comparator op, double value, std::string_view written_unit) {
  const std::string_view unit = written_unit.empty() ? std::string_view("a") : written_unit;
  if (p.birth_date && *p.birth_date <= as_of) {
    if (auto age = age_from_birth(*p.birth_date, as_of, unit, value))
      return compare(*age, op, value, false) ? Truth::true_ : Truth::false_;
  } else if (p.age) {
    if (auto span = recorded_span(*p.age, unit, value)) return compare_span(*span, op, value);
  }
  return Truth::unknown;
}

Verdict Evaluator::eval_age(const Cmp& cmp) {
  const Patient& p = patient();
  const Date as_of = options().as_of;
  const std::string_view unit = cmp.unit.empty() ? std::string_view("a") : std::string_view(cmp.unit);
  Truth truth = Truth::unknown;
  if (p.birth_date && *p.birth_date <= as_of) {
    if (auto age = age_from_birth(*p.birth_date, as_of, unit, cmp.value)) {
      truth = compare(*age, cmp.cmp, cmp.value, false) ? Truth::true_ : Truth::false_;
      if (explaining()) {
        Evidence e;
        e.var = "age";
        e.value = *age;
        e.unit = std::string(unit);
        // "{} {} (born {})" and "{} {} {}", appended piece by piece (no format string parsed per evaluation).
        e.fact = show_number(*age);
        e.fact += ' ';
        e.fact += unit;
        e.fact += " (born ";
        e.fact += format_date(*p.birth_date);
        e.fact += ')';
        e.date = format_date(as_of);
        e.source = "birth_date";
        e.threshold = to_string(cmp.cmp);
        e.threshold += ' ';
        e.threshold += show_written(cmp.value);
        e.threshold += ' ';
        e.threshold += cmp.unit;
        e.note = unit == "a" ? "completed years at the reference date"
                 : unit == "mo" ? "completed months at the reference date"
                                : "exact days at the reference date";
        e.truth = truth;
        add_evidence(std::move(e));
      }
      return {truth, false};
    }
  } else if (p.age) {
    if (auto span = recorded_span(*p.age, unit, cmp.value)) {
      truth = compare_span(*span, cmp.cmp, cmp.value);
      if (explaining()) {
        Evidence e;
        e.var = "age";
        e.value = p.age->value;
        e.unit = p.age->unit;
        e.fact = fmt::format("{} {} (recorded age, no birth date)", show_written(p.age->value), p.age->unit);
        e.source = "age";
        e.threshold = fmt::format("{} {} {}", to_string(cmp.cmp), show_written(cmp.value), cmp.unit);
        if (p.age->unit != unit)
          e.conversion = span->low == span->high
                             ? fmt::format("{} {} = {} {}", show_written(p.age->value), p.age->unit, show_number(span->low), unit)
                             : fmt::format("{} {} = {} to {} {}", show_written(p.age->value), p.age->unit,
                                           show_number(span->low), show_number(span->high), unit);
        e.note = "age as recorded, taken as at the reference date";
        e.truth = truth;
        add_evidence(std::move(e));
        if (truth == Truth::unknown) add_missing("birth date");
      }
      return {truth, false};
    }
  }
  if (explaining()) {
    Evidence e;
    e.var = "age";
    e.threshold = fmt::format("{} {} {}", to_string(cmp.cmp), show_written(cmp.value), cmp.unit);
    if (!days_per(unit)) e.note = fmt::format("cannot compare an age with a threshold in '{}'", cmp.unit);
    else if (p.birth_date) e.note = fmt::format("birth date {} is after the reference date", format_date(*p.birth_date));
    else e.note = "no birth date or age recorded";
    e.fact = "not recorded";
    add_evidence(std::move(e));
    add_missing("age");
  }
  return {Truth::unknown, false};
}

}  // namespace trialmatch::engine::detail
