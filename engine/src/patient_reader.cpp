#include "patient_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "trialmatch/engine/json_text.hpp"

namespace trialmatch::engine::detail {

using nlohmann::json;

bool sanitise_utf8(std::string& text) {
  const bool had_bad_bytes = repair_utf8(text) > 0;
  // File readers repair the whole text before parsing (nlohmann refuses bad UTF-8), so a U+FFFD here is
  // usually a byte replaced there.
  return !had_bad_bytes && text.find("\xEF\xBF\xBD") == std::string::npos;
}

std::string brief(const json& value) {
  if (value.is_structured()) return value.is_array() ? "an array" : "an object";  // dump() would recurse
  std::string shown = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (shown.size() > 60) {
    shown.resize(57);
    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
    if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
    shown += "...";
  }
  return shown;
}

namespace {
std::string show(double v) { return fmt::format("{}", v); }
}  // namespace

void refuse(std::string_view pointer, std::string_view expected) {
  throw std::runtime_error(fmt::format("not a patient at '{}': {}", pointer.empty() ? "/" : pointer, expected));
}

void PatientReader::warn(std::string_view pointer, std::string_view problem) {
  pending_.emplace_back(std::string(pointer), std::string(problem));
}

void PatientReader::flag_same_day_units() {
  auto& observations = patient_.observations;
  std::vector<std::size_t> dated;
  for (std::size_t i = 0; i < observations.size(); ++i)
    if (observations[i].date && !observations[i].concept_id.empty()) dated.push_back(i);
  const auto key = [&](std::size_t i) { return std::tie(observations[i].concept_id, *observations[i].date); };
  std::stable_sort(dated.begin(), dated.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  // The same measurement written twice (or in two units) agrees once converted; values of one day that
  // disagree leave the day's value in doubt (a repeat, a preliminary and a final result, two times of day),
  // and which one a criterion should use is not for the reader to guess (the record's order is no clock):
  // every value of that day gets the problem.
  for (std::size_t begin = 0, end = 0; begin < dated.size(); begin = end) {
    end = begin + 1;
    while (end < dated.size() && key(dated[end]) == key(dated[begin])) ++end;
    Observation* first = nullptr;
    Observation* other = nullptr;  // the first value of the day that disagrees with `first`
    for (std::size_t k = begin; k < end && !other; ++k) {
      Observation& o = observations[dated[k]];
      if (!o.problem.empty()) continue;  // already unusable, and said so
      if (!first) {
        first = &o;
        continue;
      }
      std::optional<double> factor = 1.0;
      if (o.unit.ucum != first->unit.ucum) {
        const Concept* entry = lexicon_.find(first->concept_id);
        factor = units::conversion_factor(o.unit, first->unit, entry ? entry->molar_mass : std::nullopt);
      }
      const double a = first->value;
      if (!factor || std::fabs(a - o.value * *factor) > 0.02 * std::max(std::fabs(a), std::fabs(o.value * *factor)))
        other = &o;
    }
    if (!other) continue;
    // A value with its unit, none shown for a plain score ("60", not "60 1").
    auto value_of = [](const Observation& o) {
      return o.unit.ucum.empty() || o.unit.ucum == "1" ? show(o.value) : show(o.value) + " " + o.unit.ucum;
    };
    const std::string problem = fmt::format("two values of {} on {}{} disagree: {} ({}) and {} ({})",
                                            first->concept_id, format_date(*first->date),
                                            first->unit.ucum == other->unit.ucum ? "" : " in different units",
                                            value_of(*first), first->source, value_of(*other), other->source);
    for (std::size_t k = begin; k < end; ++k)
      if (Observation& o = observations[dated[k]]; o.problem.empty()) o.problem = problem;
    warn(other->source, problem + "; criteria on that day's value are unknown");
  }
}

void PatientReader::finish() {
  flag_same_day_units();
  for (Event& e : patient_.events) {
    const Concept* entry = e.concept_id.empty() ? nullptr : lexicon_.find(e.concept_id);
    e.may_be_a = entry && (!entry->is_a.empty() || entry->codes.count("atc") > 0);
    e.acute = entry && e.kind == EventKind::condition ? entry->acute : 0;
  }
  if (unmapped_ > 0)
    pending_.emplace_back(
        "", fmt::format("{} record(s) with codes or names the lexicon does not know (e.g. {}); criteria about them "
                        "read them as not recorded",
                        unmapped_, fmt::join(unmapped_examples_, "; ")));
  const std::string who = patient_.id.empty() ? std::string("(no id)") : patient_.id;
  for (auto& [pointer, problem] : pending_)
    patient_.warnings.push_back(pointer.empty() ? fmt::format("patient {}: {}", who, problem)
                                                : fmt::format("patient {}: {}: {}", who, pointer, problem));
  pending_.clear();
}

std::optional<std::string> PatientReader::text(const json& object, const char* field, const std::string& at) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::nullopt;
  const std::string pointer = at + "/" + field;
  if (!it->is_string()) {
    warn(pointer, fmt::format("expected a string, got {}; left out", it->type_name()));
    return std::nullopt;
  }
  std::string s = it->get<std::string>();
  if (!sanitise_utf8(s)) warn(pointer, "invalid UTF-8 in the text; the bad bytes are shown as U+FFFD");
  return s;
}

std::optional<Date> PatientReader::date(const json& object, const char* field, const std::string& at) {
  auto s = text(object, field, at);
  if (!s) return std::nullopt;
  auto d = parse_date(*s);
  if (!d) warn(at + "/" + field, fmt::format("'{}' is not a date (expected YYYY-MM-DD); left out", *s));
  return d;
}

const Concept* PatientReader::concept_of_code(std::string_view system, std::string_view code) const {
  if (code.empty()) return nullptr;
  return lexicon_.find_code(system, code);
}

bool kind_fits(ConceptKind kind, Expect expect) noexcept {
  switch (expect) {
    case Expect::measure: return is_measured(kind);
    case Expect::condition: return kind == ConceptKind::condition || kind == ConceptKind::exposure;
    case Expect::medication: return kind == ConceptKind::treatment || kind == ConceptKind::exposure;
    case Expect::procedure: return kind == ConceptKind::procedure || kind == ConceptKind::treatment;
    case Expect::immunization: return kind == ConceptKind::exposure || kind == ConceptKind::treatment;
  }
  return false;
}

namespace {
// Words that turn a recorded text into a statement of absence; such a text is not read as the concept.
bool reads_as_negation(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  static constexpr std::string_view cues[] = {"no ",     "not ",     "negative", "denies", "denied",
                                              "ruled out", "absence", "absent",  "without", "free of"};
  for (auto cue : cues) {
    auto pos = lower.find(cue);
    if (pos != std::string::npos && (pos == 0 || !std::isalnum(static_cast<unsigned char>(lower[pos - 1])))) return true;
  }
  return false;
}
}  // namespace

const Concept* PatientReader::concept_of_text(std::string_view text, Expect expect) const {
  if (text.empty()) return nullptr;
  if (const Concept* c = lexicon_.find_name(text); c && kind_fits(c->kind, expect)) return c;
  if (reads_as_negation(text)) return nullptr;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (pos > 0 && std::isalnum(static_cast<unsigned char>(text[pos - 1]))) continue;
    if (auto m = lexicon_.match_name_at(text, pos); m && kind_fits(m->entry->kind, expect)) return m->entry;
  }
  return nullptr;
}


void PatientReader::settle_observation(Observation& observation, std::string_view unit_spelling, const std::string& at) {
  const Concept* entry = observation.concept_id.empty() ? nullptr : lexicon_.find(observation.concept_id);
  std::string spelling(unit_spelling);
  // A score has no unit; UCUM annotations alone ("{score}") are dimensionless.
  if (spelling.empty() && entry && (entry->unit == "1" || entry->unit.empty())) spelling = "1";
  if (spelling.size() >= 2 && spelling.front() == '{' && spelling.back() == '}') spelling = "1";
  if (spelling.empty()) {
    observation.unit.ucum = "";
    observation.problem = "no unit recorded";
    warn(at + "/unit", fmt::format("{} {} has no unit; the value is not used", observation.code_text, show(observation.value)));
    return;
  }
  auto unit = units::read_unit(spelling);
  if (!unit) {
    observation.unit.ucum = spelling;
    observation.problem = fmt::format("unit '{}' is not known", spelling);
    warn(at + "/unit", fmt::format("unit '{}' is not known; the value is not used", spelling));
    return;
  }
  observation.unit = *unit;
  if (!std::isfinite(observation.value) || std::fabs(observation.value) > 1e12) {
    observation.problem = fmt::format("value {} is not a plausible measurement", show(observation.value));
    warn(at + "/value", observation.problem + "; the value is not used");
    return;
  }
  if (!entry) return;
  const bool may_be_negative = entry->plausible && entry->plausible->low && *entry->plausible->low < 0;
  if (observation.value < 0 && !may_be_negative) {
    observation.problem = fmt::format("negative value {} for {}", show(observation.value), entry->id);
    warn(at + "/value", observation.problem + "; the value is not used");
    return;
  }
  if (!entry->plausible) return;
  const ValueRange& range = *entry->plausible;
  auto range_unit = units::read_unit(range.unit.empty() ? entry->unit : range.unit);
  if (!range_unit) return;
  auto converted = units::conversion(observation.unit, *range_unit, entry->molar_mass);
  if (auto* error = std::get_if<units::ConversionError>(&converted)) {
    warn(at + "/unit", fmt::format("unit '{}' does not fit {} ({}); criteria on it will be unknown", spelling,
                                   entry->id, error->message));
    return;
  }
  const double v = observation.value * std::get<units::Conversion>(converted).factor;
  if ((range.low && v < *range.low) || (range.high && v > *range.high)) {
    observation.problem = fmt::format("{} {} is outside the plausible range {}..{} {} of {}", show(observation.value),
                                      spelling, range.low ? show(*range.low) : "", range.high ? show(*range.high) : "",
                                      range_unit->ucum, entry->id);
    warn(at + "/value", observation.problem + "; the value is not used");
  }
}

std::optional<Comparator> censoring_comparator(std::string_view text) noexcept {
  if (text == "<") return Comparator::lt;
  if (text == "<=") return Comparator::le;
  if (text == ">") return Comparator::gt;
  if (text == ">=") return Comparator::ge;
  return std::nullopt;
}

}  // namespace trialmatch::engine::detail
