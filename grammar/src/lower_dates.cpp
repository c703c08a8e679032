// Calendar bounds on an event: "diagnosed since 2010", "implanted between 1 January 2014 and 1 October
// 2015", "first-line treatment carried out between 2007 and June 2016", "(not before 2019)", "from 1st of
// january 2000 to 31 december 2016". The event's date must fall in the days the text names (a has node's
// `dated`, docs/contract-predicates.md, extensions). A year alone is a date only right after a word that
// says so ("since", "between", "before", "in", "until"): "2010 patients" is a number.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

std::string iso(engine::Date d) { return engine::format_date(d); }

}  // namespace

// The days token k names: a date token, or a bare year 1900-2099 written in four digits.
std::optional<std::pair<engine::Date, engine::Date>> Lowering::days_at(std::size_t k, std::size_t e) const {
  if (k >= e) return std::nullopt;
  const Token& t = toks_[k];
  if (t.kind == Tok::date) return std::make_pair(t.first_day, t.last_day);
  if (t.kind != Tok::quantity || t.end - t.begin != 4) return std::nullopt;
  const Quantity& q = t.quantity;
  if (!q.unit.empty() || q.unit_unknown || q.ten_power != 0 || q.plus || q.relative_to != engine::RelativeTo::none ||
      q.value < 1900 || q.value > 2099 || q.value != static_cast<int>(q.value))
    return std::nullopt;
  // "in 2000 patients", "since 2010 cases": a count of things after all.
  if (k + 1 < e) {
    const Tok after = toks_[k + 1].kind;
    if (after == Tok::word || after == Tok::name || after == Tok::subject || after == Tok::quantity) return std::nullopt;
  }
  using namespace std::chrono;
  const std::chrono::year y{static_cast<int>(q.value)};
  return std::make_pair(engine::Date{y / January / 1}, engine::Date{y / December / 31});
}

std::optional<DateRange> Lowering::date_range_at(std::size_t i, std::size_t e) const {
  // (Asked at many tokens of a piece: the cheap tests first. Only a word that can say "when", before a date, a
  // four-digit number or "before", can start one.)
  if (!may_start_dates(i, e)) return std::nullopt;
  const Tok k = toks_[i].kind;
  if (k != Tok::between && k != Tok::after && k != Tok::before && k != Tok::negation && k != Tok::word &&
      k != Tok::filler && k != Tok::guard && k != Tok::range_to)
    return std::nullopt;
  const std::string_view w = slice(toks_[i].begin, toks_[i].end);
  DateRange out;
  using std::chrono::days;
  // "between 2007 and June 2016", "from 1 January 2000 to 31 December 2016", "from 2010" (onwards).
  if (k == Tok::between) {
    const auto low = days_at(i + 1, e);
    if (!low) return std::nullopt;
    std::size_t j = i + 2;
    if (j + 1 < e && (toks_[j].kind == Tok::and_ || toks_[j].kind == Tok::range_to))
      if (const auto high = days_at(j + 1, e); high && high->second >= low->first) {
        out.from = iso(low->first);
        out.to = iso(high->second);
        out.end = j + 2;
        return out;
      }
    if (!iequals(w, "from")) return std::nullopt;  // "between 2007" alone is no range
    out.from = iso(low->first);
    out.end = i + 2;
    return out;
  }
  // "since 2010", "after June 2016"
  if (k == Tok::after && (iequals(w, "since") || iequals(w, "after"))) {
    const auto d = days_at(i + 1, e);
    if (!d) return std::nullopt;
    out.from = iso(iequals(w, "since") ? d->first : d->second + days{1});
    out.end = i + 2;
    return out;
  }
  // "before 2019", "prior to January 2015"; "not before 2019" is since.
  if (k == Tok::before || (k == Tok::negation && iequals(w, "not") && i + 1 < e && toks_[i + 1].kind == Tok::before)) {
    const std::size_t at = k == Tok::negation ? i + 2 : i + 1;
    const auto d = days_at(at, e);
    if (!d) return std::nullopt;
    if (k == Tok::negation) out.from = iso(d->first);
    else out.to = iso(d->first - days{1});
    out.end = at + 1;
    return out;
  }
  // "in 2019", "during 2018", "until December 2020", "through 2015".
  if (k == Tok::word || k == Tok::filler || k == Tok::guard || k == Tok::range_to) {
    const bool whole = iequals(w, "in") || iequals(w, "during");
    const bool until = iequals(w, "until") || iequals(w, "till") || iequals(w, "through");
    if (!whole && !until) return std::nullopt;
    const auto d = days_at(i + 1, e);
    if (!d) return std::nullopt;
    if (whole) out.from = iso(d->first);
    out.to = iso(d->second);
    out.end = i + 2;
    return out;
  }
  return std::nullopt;
}

}  // namespace trialmatch::grammar::detail
