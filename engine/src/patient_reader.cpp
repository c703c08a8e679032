#include "patient_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace trialmatch::engine::detail {

using nlohmann::json;

bool sanitise_utf8(std::string& text) {
  bool valid = true;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) ok = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (ok && length == 2) ok = c >= 0xC2;  // no overlong forms
    if (ok) {
      out.append(text, i, length);
      i += length;
    } else {
      valid = false;
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  if (!valid) text = std::move(out);
  return valid;
}

void refuse(std::string_view pointer, std::string_view expected) {
  throw std::runtime_error(fmt::format("not a patient at '{}': {}", pointer.empty() ? "/" : pointer, expected));
}

void PatientReader::warn(std::string_view pointer, std::string_view problem) {
  pending_.emplace_back(std::string(pointer), std::string(problem));
}

void PatientReader::finish() {
  for (Event& e : patient_.events) {
    const Concept* entry = e.concept_id.empty() ? nullptr : lexicon_.find(e.concept_id);
    e.may_be_a = entry && (!entry->is_a.empty() || entry->codes.count("atc") > 0);
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

namespace {
std::string show(double v) { return fmt::format("{}", v); }
}  // namespace

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

}  // namespace trialmatch::engine::detail
