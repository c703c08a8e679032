// Measured values: the latest observation on or before the reference date, converted to the threshold's
// unit, or compared with a multiple of the patient's ULN / LLN (or of every limit in the lexicon's span of them).
#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <string_view>

#include "evaluate_context.hpp"
#include "evaluate_convert.hpp"

namespace trialmatch::engine::detail {

namespace {

struct Latest {
  const Observation* observation = nullptr;
  bool undated = false;        // no dated value on or before the reference date; an undated one is used
  std::size_t later = 0;       // values dated after the reference date, ignored
};

Latest latest_observation(const Patient& p, std::string_view analyte, Date as_of) {
  Latest out;
  const Observation* undated = nullptr;
  for (const Observation& o : p.observations) {
    if (o.concept_id != analyte) continue;
    if (!o.date) {
      undated = &o;
      continue;
    }
    if (*o.date > as_of) {
      ++out.later;
      continue;
    }
    // The later date wins; on the same date, the later entry in the record.
    if (!out.observation || *o.date >= *out.observation->date) out.observation = &o;
  }
  if (!out.observation && undated) {
    out.observation = undated;
    out.undated = true;
  }
  return out;
}

// Evidence text is appended piece by piece (what the formats "{} {}{}" and "{} {} × {}" wrote), without a
// format string parsed and a temporary made for every failing or unknown criterion of every patient.
// Appended to `out` (an evidence field used again keeps its buffer).
void append_threshold(std::string& out, const Cmp& cmp) {
  out += to_string(cmp.cmp);
  out += ' ';
  out += show_written(cmp.value);
  if (cmp.relative_to == RelativeTo::none) {
    if (!cmp.unit.empty() && cmp.unit != "1") {  // a plain score: no unit to show ("needs >= 70", not ">= 70 1")
      out += ' ';
      out += cmp.unit;
    }
    return;
  }
  out += " × ";
  out += cmp.relative_to == RelativeTo::uln ? "ULN" : "LLN";
}

std::string threshold_text(const Cmp& cmp) {
  std::string out;
  append_threshold(out, cmp);
  return out;
}

// The observation's evidence, written into `e` (a new entry, filled in place).
Evidence& fact_evidence(Evidence& e, const Cmp& cmp, const Observation& o, const Latest& latest) {
  e.var = cmp.var;
  e.value = o.value;
  e.unit = o.unit.ucum;
  e.fact = show_written(o.value);
  if (!(o.unit.ucum.empty() || o.unit.ucum == "1")) {
    e.fact += ' ';
    e.fact += o.unit.ucum;
  }
  if (o.date) e.date = format_date(*o.date);
  e.source = o.source;
  append_threshold(e.threshold, cmp);  // (e is a new entry: its fields are empty)
  if (latest.undated) e.note = "undated value, used because no dated value exists";
  return e;
}

// Pieces joined, as a format string of "{}" fields and literal text wrote them, without parsing one per
// failing or unknown criterion of every patient.
std::string joined(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (const std::string_view p : pieces) size += p.size();
  std::string s;
  s.reserve(size);
  for (const std::string_view p : pieces) s += p;
  return s;
}

void append_note(Evidence& e, std::string_view note) {
  if (note.empty()) return;
  if (e.note.empty()) {
    e.note = note;
  } else {  // "{}; {}"
    e.note += "; ";
    e.note += note;
  }
}

}  // namespace

Verdict Evaluator::eval_cmp(const Cmp& cmp) {
  if (!cmp.name.empty()) return unlisted(cmp.var, cmp.name, true, [&] { return threshold_text(cmp); });
  const Latest latest = latest_observation(patient(), cmp.var, options().as_of);
  const Observation* o = latest.observation;
  if (!o) {
    if (explaining()) {
      Evidence& e = new_evidence();
      e.var = cmp.var;
      e.fact = "not recorded";
      append_threshold(e.threshold, cmp);
      // Assigned from text, not from a temporary string (which would take the place of e.note's buffer).
      if (latest.later)
        e.note = fmt::format("no value on or before {} ({} later value(s) ignored)", format_date(options().as_of),
                             latest.later);
      else
        e.note = "no value recorded";
      add_missing(cmp.var);
    }
    return {Truth::unknown, false};
  }
  if (cmp.within) {
    // Only a value measured in the window [as_of - within, as_of] counts; the latest value is the one
    // nearest the reference date, so where it is older (or undated) no value in the window exists.
    const std::optional<Date> from = window_start(options().as_of, cmp.within->value, cmp.within->unit);
    // A value of the window's first day, exactly its length before the reference date, may or may not be
    // "within" it (as for an event, evaluate_has.cpp): it decides nothing.
    const bool in_window = from && o->date && !latest.undated && *o->date > *from;
    if (!in_window) {
      if (explaining()) {
        Evidence& e = fact_evidence(new_evidence(), cmp, *o, latest);
        e.threshold += fmt::format(" within {} {}", show_written(cmp.within->value), cmp.within->unit);
        append_note(e, !from ? fmt::format("'{}' is not a unit of time", cmp.within->unit)
                       : o->date && !latest.undated && *o->date == *from
                           ? fmt::format("the latest value is of the window's first day, {}, exactly its length before "
                                         "the reference date: inside or not depends on the reading", format_date(*from))
                       : o->date && !latest.undated
                           ? fmt::format("no value in the window {}..{}: the latest is older", format_date(*from),
                                         format_date(options().as_of))
                           : std::string("undated value: cannot be placed in the window"));
        add_missing(cmp.var);
      }
      return {Truth::unknown, false};
    }
  }
  if (!cmp.within && !latest.undated) {
    // A value older than its measure stays current for tells nothing of today's (a platelet count of
    // five years ago): a current value decides. A window written in the criterion is its own rule.
    const Concept* measure = lexicon().find(cmp.var);
    if (measure && no_longer_current(*o, *measure, options().as_of)) {
      if (explaining()) {
        Evidence& e = fact_evidence(new_evidence(), cmp, *o, latest);
        append_note(e, fmt::format("the latest value is older than the {} days a {} value stays current: a current value decides",
                                   *measure->current_for_days, to_string(measure->kind)));
        add_missing(cmp.var);
      }
      return {Truth::unknown, false};
    }
  }
  if (!o->problem.empty()) {
    if (explaining()) {
      Evidence& e = fact_evidence(new_evidence(), cmp, *o, latest);
      append_note(e, fmt::format("the latest value cannot be used: {}", o->problem));
      add_missing(cmp.var);
    }
    return {Truth::unknown, false};
  }

  double threshold = cmp.value;
  double value = o->value;
  bool converted = false;
  std::string conversion_text;
  std::string limit_text;
  const Concept* analyte = nullptr;

  // A multiple of the lab's limit where the patient's record gives no range: the thresholds at the lowest and
  // the highest limit laboratories use (the lexicon's span); decided only where both ends agree.
  double threshold_high = 0;
  const ValueRange* span = nullptr;
  if (cmp.relative_to != RelativeTo::none) {
    const bool upper = cmp.relative_to == RelativeTo::uln;
    const char* limit_name = upper ? "ULN" : "LLN";
    auto bound_of = [&](const std::optional<ValueRange>& r) -> std::optional<double> {
      if (!r) return std::nullopt;
      return upper ? r->high : r->low;
    };
    const ValueRange* range = nullptr;
    if (bound_of(o->reference_range)) {
      range = &*o->reference_range;
    } else {
      analyte = lexicon().find(cmp.var);
      const std::optional<ValueRange>* lexicon_span = analyte ? (upper ? &analyte->uln_span : &analyte->lln_span) : nullptr;
      if (lexicon_span && *lexicon_span) span = &**lexicon_span;
    }
    if (!range && !span) {
      if (explaining()) {
        Evidence& e = fact_evidence(new_evidence(), cmp, *o, latest);
        append_note(e, fmt::format("no {0} in the patient's reference range, and the lexicon holds no sourced span of "
                                   "laboratories' {0}s for it: the lab's {0} decides", limit_name));
        add_missing(fmt::format("{} of {}", limit_name, cmp.var));
      }
      return {Truth::unknown, false};
    }
    double limit = span ? *span->low : *(upper ? range->high : range->low);
    double limit_high = span ? *span->high : limit;
    const std::string& unit_of_limit = span ? span->unit : range->unit;
    const std::string_view range_unit = unit_of_limit.empty() ? std::string_view(o->unit.ucum) : std::string_view(unit_of_limit);
    if (range_unit != o->unit.ucum) {
      if (!analyte) analyte = lexicon().find(cmp.var);
      const ResolvedConversion resolved =
          resolve_conversion(o->unit, range_unit, analyte, options().conversions, explaining());
      const units::ConversionResult& c = resolved.result();
      if (const auto* error = std::get_if<units::ConversionError>(&c)) {
        if (explaining()) {
          Evidence& e = fact_evidence(new_evidence(), cmp, *o, latest);
          e.conversion = error->message;
          append_note(e, fmt::format("the {} ({} {}) cannot be put in the value's unit", limit_name,
                                     show_written(limit), range_unit));
          add_missing(fmt::format("{} of {}", limit_name, cmp.var));
        }
        return {Truth::unknown, false};
      }
      const double factor = std::get<units::Conversion>(c).factor;  // value unit -> range unit
      if (explaining())
        conversion_text = span ? joined({limit_name, " ", show_written(limit), "-", show_written(limit_high), " ", range_unit,
                                         " = ", show_number(limit / factor), "-", show_number(limit_high / factor), " ",
                                         o->unit.ucum})
                               : joined({limit_name, " ", show_written(limit), " ", range_unit, " = ",
                                         show_number(limit / factor), " ", o->unit.ucum});
      limit /= factor;
      limit_high /= factor;
      converted = true;
    }
    threshold = cmp.value * limit;
    threshold_high = cmp.value * limit_high;
    if (explaining()) {
      limit_text = span ? joined({" (", limit_name, " not in the patient's record: laboratories' ", limit_name, "s ",
                                  show_number(limit), "-", show_number(limit_high), " ", o->unit.ucum, ")"})
                        : joined({" (", limit_name, " ", show_number(limit), " ", o->unit.ucum,
                                  " from the patient's reference range)"});
    }
  } else if (!cmp.unit.empty() && cmp.unit != o->unit.ucum) {
    analyte = lexicon().find(cmp.var);
    const ResolvedConversion resolved =
        resolve_conversion(o->unit, cmp.unit, analyte, options().conversions, explaining());
    const units::ConversionResult& c = resolved.result();
    if (const auto* error = std::get_if<units::ConversionError>(&c)) {
      if (explaining()) {
        Evidence& e = fact_evidence(new_evidence(), cmp, *o, latest);
        e.conversion = error->message;
        append_note(e, "the value's unit cannot be compared with the threshold's");
        add_missing(cmp.var);
      }
      return {Truth::unknown, false};
    }
    const auto& conversion = std::get<units::Conversion>(c);
    value = o->value * conversion.factor;
    converted = true;
    if (explaining()) {
      conversion_text = joined({show_written(o->value), " ", o->unit.ucum, " = ", show_number(value), " ", cmp.unit});
      if (resolved.via_molar_mass())
        conversion_text += fmt::format(" via molar mass {} g/mol", show_written(*analyte->molar_mass));
    }
  }

  // A multiple of a limit is a product in floating point (1.5 × 1.2 is 1.7999999999999998): a value equal to
  // it is a tie, as after a conversion.
  const bool tolerant = converted || cmp.relative_to != RelativeTo::none;
  const Truth truth = span ? span_truth(value, o->censored, cmp.cmp, threshold, threshold_high)
                           : value_truth(value, o->censored, cmp.cmp, threshold, tolerant);
  if (explaining()) {
    Evidence& e = fact_evidence(new_evidence(), cmp, *o, latest);
    e.threshold += limit_text;
    e.conversion = std::move(conversion_text);
    const char* limit_name = cmp.relative_to == RelativeTo::uln ? "ULN" : "LLN";
    if (o->censored) {
      e.fact.insert(0, joined({to_string(*o->censored), " "}));
      append_note(e, joined({"recorded as a bound (", to_string(*o->censored), " ", show_written(o->value),
                             "), not a value: ",
                             truth == Truth::unknown ? "values on that side of it fall on both sides of the threshold"
                                                     : "every value on that side of it gives the same answer"}));
    }
    if (span)
      append_note(e, joined({"threshold ", show_number(threshold), "-", show_number(threshold_high), " ", o->unit.ucum,
                             truth != Truth::unknown ? ": the same answer at every laboratory's " : "",
                             truth != Truth::unknown ? limit_name : "",
                             truth == Truth::unknown && !o->censored ? ": met at some laboratories' limit and not at others'; the lab's "
                                                                     : "",
                             truth == Truth::unknown && !o->censored ? limit_name : "",
                             truth == Truth::unknown && !o->censored ? " decides" : ""}));
    else if (cmp.relative_to != RelativeTo::none)
      append_note(e, joined({"threshold ", show_number(threshold), " ", o->unit.ucum}));
    if (truth == Truth::unknown)
      add_missing(span && !o->censored ? fmt::format("{} of {}", limit_name, cmp.var) : cmp.var);
    if (latest.later) append_note(e, fmt::format("{} value(s) dated after the reference date ignored", latest.later));
    e.truth = truth;
  }
  return {truth, false};
}

}  // namespace trialmatch::engine::detail
