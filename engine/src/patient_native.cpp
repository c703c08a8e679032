// The native patient profile (contracts/patients.md, section 1).
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "patient_reader.hpp"

namespace trialmatch::engine {

using detail::Expect;
using detail::PatientReader;
using nlohmann::json;

namespace {

constexpr std::string_view known_fields[] = {"id",          "birth_date", "age",           "sex",
                                             "observations", "conditions", "medications",  "procedures",
                                             "immunizations", "name",      "note",         "notes"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return s;
}

// A `code` (concept id, or coding object) and/or `text`, mapped to a concept.
struct Coded {
  std::string concept_id;
  std::string display;
  bool past = false;  // mapped by one of the concept's past codes (a history of it)
};

Coded read_code(PatientReader& r, const json& item, const std::string& at, Expect expect) {
  Coded out;
  const Concept* found = nullptr;
  auto code = item.find("code");
  if (code != item.end() && code->is_string()) {
    std::string s = code->get<std::string>();
    if (!detail::sanitise_utf8(s)) r.warn(at + "/code", "invalid UTF-8 in the text; the bad bytes are shown as U+FFFD");
    out.display = s;
    found = r.lexicon().find(s);
    if (!found) found = r.concept_of_text(s, expect);
  } else if (code != item.end() && code->is_object()) {
    auto system = r.text(*code, "system", at + "/code");
    auto value = r.text(*code, "code", at + "/code");
    if (!value) r.warn(at + "/code", "expected {\"system\", \"code\"}");
    out.display = fmt::format("{} {}", system.value_or(""), value.value_or(""));
    if (value) found = r.concept_of_code(system.value_or(""), *value);
    out.past = found && r.lexicon().is_past_code(system.value_or(""), *value);
  } else if (code != item.end() && !code->is_null()) {
    r.warn(at + "/code", fmt::format("expected a concept_id id or a coding {{system, code}}, got {}", code->type_name()));
  }
  if (auto text = r.text(item, "text", at)) {
    if (!found) found = r.concept_of_text(*text, expect);
    out.display = out.display.empty() ? *text : fmt::format("{} ({})", out.display, *text);
  }
  if (found) {
    out.concept_id = found->id;
  } else if (!out.display.empty()) {
    r.unmapped(fmt::format("'{}'", out.display));
  } else {
    r.warn(at, "expected a `code` or a `text`; left out");
  }
  return out;
}

void read_observation(PatientReader& r, const json& item, const std::string& at) {
  if (!item.is_object()) {
    r.warn(at, fmt::format("expected an observation object, got {}; left out", item.type_name()));
    return;
  }
  Coded coded = read_code(r, item, at, Expect::measure);
  if (coded.concept_id.empty() && coded.display.empty()) return;
  Observation o;
  o.concept_id = coded.concept_id;
  o.code_text = coded.display;
  o.source = at;
  auto value = item.find("value");
  if (value == item.end() || value->is_null()) {
    r.warn(at + "/value", "no value; left out");
    return;
  }
  if (value->is_number()) {
    o.value = value->get<double>();
  } else {
    o.problem = fmt::format("the value is a {}, not a number", value->type_name());
    const std::string got = value->is_structured() ? value->type_name()
                                                   : fmt::format("{} {}", value->type_name(), detail::brief(*value));
    r.warn(at + "/value", fmt::format("expected a number, got {}; the value is not used", got));
  }
  // "comparator": "<" with "value": 0.5, a value under a detection limit (as FHIR's valueQuantity.comparator).
  if (auto comparator = r.text(item, "comparator", at); comparator && o.problem.empty()) {
    o.censored = detail::censoring_comparator(*comparator);
    if (!o.censored) {
      o.problem = fmt::format("recorded as '{} {}', not a value", *comparator, detail::brief(*value));
      r.warn(at + "/comparator", "expected <, <=, > or >=; the value is not used");
    }
  }
  o.date = r.date(item, "date", at);
  if (item.find("date") == item.end()) r.warn(at, "no date; used only where no dated value exists");
  std::string unit = r.text(item, "unit", at).value_or("");
  if (o.problem.empty() && !o.concept_id.empty()) {
    r.settle_observation(o, unit, at);
  } else if (auto u = units::read_unit(unit)) {
    o.unit = *u;  // unmapped or already unusable: no further checks to report
  } else {
    o.unit.ucum = unit;
  }
  if (auto range = item.find("reference_range"); range != item.end() && !range->is_null()) {
    if (!range->is_object()) {
      r.warn(at + "/reference_range", "expected {low, high}; left out");
    } else {
      ValueRange rr;
      for (const char* bound : {"low", "high"}) {
        auto b = range->find(bound);
        if (b == range->end() || b->is_null()) continue;
        if (!b->is_number()) {
          r.warn(fmt::format("{}/reference_range/{}", at, bound), "expected a number; left out");
          continue;
        }
        (std::string_view(bound) == "low" ? rr.low : rr.high) = b->get<double>();
      }
      rr.unit = r.text(*range, "unit", at + "/reference_range").value_or(o.unit.ucum);
      rr.source = "the patient's reference range";
      if (rr.low || rr.high) o.reference_range = rr;
    }
  }
  r.patient().observations.push_back(std::move(o));
}

void read_event(PatientReader& r, const json& item, const std::string& at, EventKind kind) {
  if (!item.is_object()) {
    r.warn(at, fmt::format("expected an object, got {}; left out", item.type_name()));
    return;
  }
  const Expect expect = kind == EventKind::condition    ? Expect::condition
                        : kind == EventKind::medication ? Expect::medication
                        : kind == EventKind::procedure  ? Expect::procedure
                                                        : Expect::immunization;
  Coded coded = read_code(r, item, at, expect);
  if (coded.concept_id.empty() && coded.display.empty()) return;
  Event e;
  e.kind = kind;
  e.concept_id = coded.concept_id;
  e.code_text = coded.display;
  e.past_only = coded.past;
  e.source = at;
  e.status = lower(r.text(item, "status", at).value_or(""));
  // FHIR's status words, read as the FHIR reader reads them: a refuted condition or a medication not taken
  // is a known negative, a provisional one unconfirmed, one entered in error or never done is no event.
  if (e.status == "refuted" || e.status == "not-taken") {
    e.status = "absent";
  } else if (e.status == "provisional" || e.status == "differential") {
    e.status = "unconfirmed";
  } else if (e.status == "entered-in-error" || e.status == "cancelled" || e.status == "not-done" ||
             e.status == "draft" || e.status == "preparation") {
    r.warn(at + "/status", fmt::format("'{}': not an event of the patient; left out", e.status));
    return;
  }
  for (const char* f : {"onset", "start", "date"})
    if (!e.start && item.contains(f)) e.start = r.date(item, f, at);
  for (const char* f : {"abatement", "end"})
    if (!e.end && item.contains(f)) e.end = r.date(item, f, at);
  if (e.start && e.end && *e.end < *e.start) {
    r.warn(at, "ends before it starts; the end is left out");
    e.end.reset();
  }
  r.patient().events.push_back(std::move(e));
}

void read_list(PatientReader& r, const json& j, const char* field, const auto& read_one) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return;
  const std::string at = std::string("/") + field;
  if (!it->is_array()) {
    r.warn(at, fmt::format("expected an array, got {}; left out", it->type_name()));
    return;
  }
  for (std::size_t i = 0; i < it->size(); ++i) read_one((*it)[i], fmt::format("{}/{}", at, i));
}

void read_age(PatientReader& r, const json& j) {
  auto it = j.find("age");
  if (it == j.end() || it->is_null()) return;
  if (!it->is_object() || !it->contains("value") || !(*it)["value"].is_number()) {
    r.warn("/age", "expected {\"value\": <number>, \"unit\": \"a\"}; left out");
    return;
  }
  Amount age{(*it)["value"].get<double>(), r.text(*it, "unit", "/age").value_or("")};
  if (age.unit != "a" && age.unit != "mo" && age.unit != "wk" && age.unit != "d") {
    r.warn("/age/unit", fmt::format("expected 'a', 'mo', 'wk' or 'd', got '{}'; the age is left out", age.unit));
    return;
  }
  // The plausible limit is 150 years, whatever unit the age is recorded in.
  const double days_per_unit = age.unit == "a" ? 365.25 : age.unit == "mo" ? 30.4375 : age.unit == "wk" ? 7 : 1;
  if (age.value < 0 || age.value * days_per_unit > 150 * 365.25 || age.value != age.value) {
    r.warn("/age/value", fmt::format("{} {} is not a plausible age; left out", age.value, age.unit));
    return;
  }
  r.patient().age = age;
}

}  // namespace

Patient read_native_patient(const json& j, const Lexicon& lexicon) {
  if (!j.is_object()) detail::refuse("/", fmt::format("expected a patient JSON object, got {}", j.type_name()));
  Patient patient;
  PatientReader r(patient, lexicon);
  bool has_any = false;
  for (const auto& [key, value] : j.items()) {
    if (std::find(std::begin(known_fields), std::end(known_fields), key) != std::end(known_fields)) {
      has_any = has_any || !value.is_null();
    } else {
      std::string k = key;
      detail::sanitise_utf8(k);
      r.warn("/" + k, "unknown field; ignored");
    }
  }
  if (!has_any)
    detail::refuse("/", "expected a patient profile: an object with `id` and at least one of birth_date, age, sex, "
                        "observations, conditions, medications, procedures, immunizations");
  if (auto id = j.find("id"); id != j.end() && id->is_string()) {
    patient.id = id->get<std::string>();
    if (!detail::sanitise_utf8(patient.id)) r.warn("/id", "invalid UTF-8 in the id; the bad bytes are shown as U+FFFD");
  } else if (id != j.end() && id->is_number()) {
    patient.id = id->dump();
  } else {
    r.warn("/id", "no patient id");
  }
  if (auto birth = r.date(j, "birth_date", "")) {
    if (*birth > today()) r.warn("/birth_date", fmt::format("{} is in the future; left out", format_date(*birth)));
    else patient.birth_date = birth;
  }
  read_age(r, j);
  if (auto sex = r.text(j, "sex", "")) {
    const std::string s = lower(*sex);
    if (s == "female" || s == "f") patient.sex = "female";
    else if (s == "male" || s == "m") patient.sex = "male";
    else if (s != "unknown" && !s.empty()) r.warn("/sex", fmt::format("'{}' is neither female nor male; sex is taken as not recorded", *sex));
  }
  read_list(r, j, "observations", [&](const json& item, const std::string& at) { read_observation(r, item, at); });
  read_list(r, j, "conditions", [&](const json& item, const std::string& at) { read_event(r, item, at, EventKind::condition); });
  read_list(r, j, "medications", [&](const json& item, const std::string& at) { read_event(r, item, at, EventKind::medication); });
  read_list(r, j, "procedures", [&](const json& item, const std::string& at) { read_event(r, item, at, EventKind::procedure); });
  read_list(r, j, "immunizations", [&](const json& item, const std::string& at) { read_event(r, item, at, EventKind::immunization); });
  r.finish();
  return patient;
}

Patient read_patient(const json& j, const Lexicon& lexicon) {
  if (!j.is_object()) detail::refuse("/", fmt::format("expected a patient JSON object, got {}", j.type_name()));
  if (auto type = j.find("resourceType"); type != j.end()) {
    if (*type == "Bundle") return read_fhir_bundle(j, lexicon);
    if (*type == "Patient") {
      // A bare Patient resource: read as a Bundle of one.
      json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", json::array({{{"resource", j}}})}};
      return read_fhir_bundle(bundle, lexicon);
    }
    detail::refuse("/resourceType", fmt::format("expected \"Bundle\" (a FHIR R4 Bundle with a Patient) or a native "
                                                "profile, got {}", detail::brief(*type)));
  }
  return read_native_patient(j, lexicon);
}

}  // namespace trialmatch::engine
