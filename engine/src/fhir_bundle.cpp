// FHIR R4 Bundles (contracts/patients.md, section 2): Patient, Observation, Condition, MedicationStatement,
// MedicationRequest, Procedure, Immunization, inpatient and emergency Encounters; other resources are skipped.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "patient_reader.hpp"

namespace trialmatch::engine {

using detail::Expect;
using detail::PatientReader;
using nlohmann::json;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return s;
}

const json* member(const json& j, const char* name) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(name);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::string string_of(const json* j) { return j && j->is_string() ? j->get<std::string>() : std::string(); }

// The first `coding.code` of a CodeableConcept ("active", "refuted").
std::string status_code(const json* codeable) {
  if (!codeable) return {};
  if (const json* codings = member(*codeable, "coding"); codings && codings->is_array())
    for (const auto& c : *codings)
      if (auto code = string_of(member(c, "code")); !code.empty()) return lower(code);
  return lower(string_of(member(*codeable, "text")));
}

class BundleReader {
 public:
  BundleReader(PatientReader& r, const json& bundle) : r_(r) {
    const json* entries = member(bundle, "entry");
    if (entries && !entries->is_array()) detail::refuse("/entry", "expected an array of entries");
    if (!entries) return;
    for (std::size_t i = 0; i < entries->size(); ++i) {
      const json& entry = (*entries)[i];
      const json* resource = member(entry, "resource");
      if (!resource || !resource->is_object()) continue;
      const std::string type = string_of(member(*resource, "resourceType"));
      const std::string id = string_of(member(*resource, "id"));
      Item item{resource, fmt::format("/entry/{}/resource", i), type, id};
      items_.push_back(item);
      if (auto full = string_of(member(entry, "fullUrl")); !full.empty()) by_reference_[full] = items_.size() - 1;
      if (!type.empty() && !id.empty()) by_reference_[type + "/" + id] = items_.size() - 1;
    }
  }

  void read() {
    const Item* patient = nullptr;
    std::size_t patients = 0;
    for (const Item& item : items_)
      if (item.type == "Patient") {
        if (!patient) patient = &item;
        ++patients;
      }
    if (!patient) detail::refuse("/entry", "expected a Bundle with a Patient resource");
    if (patients > 1) r_.warn("/entry", fmt::format("{} Patient resources; only the first is read", patients));
    patient_ = patient;
    patients_ = patients;
    read_patient_resource(*patient);
    std::size_t others = 0;
    for (const Item& item : items_) {
      if (&item == patient) continue;
      if (!about_patient(item)) {
        if (is_read(item.type)) ++others;
        continue;
      }
      if (item.type == "Observation") read_observation(item);
      else if (item.type == "Condition") read_condition(item);
      else if (item.type == "MedicationStatement" || item.type == "MedicationRequest" ||
               item.type == "MedicationAdministration") read_medication(item);
      else if (item.type == "Procedure") read_procedure(item);
      else if (item.type == "Immunization") read_immunization(item);
      else if (item.type == "Encounter") read_encounter(item);
    }
    if (others) r_.warn("/entry", fmt::format("{} resources about another patient; left out", others));
  }

 private:
  struct Item {
    const json* resource;
    std::string at;
    std::string type;
    std::string id;
  };

  static bool is_read(const std::string& type) {
    return type == "Observation" || type == "Condition" || type == "MedicationStatement" ||
           type == "MedicationRequest" || type == "MedicationAdministration" || type == "Procedure" ||
           type == "Immunization" || type == "Encounter";
  }

  const Item* resolve(const std::string& reference) const {
    if (reference.empty()) return nullptr;
    if (auto it = by_reference_.find(reference); it != by_reference_.end()) return &items_[it->second];
    // An absolute URL ending in Type/id.
    for (const auto& [key, index] : by_reference_)
      if (key.find(':') == std::string::npos && reference.size() > key.size() &&
          reference.compare(reference.size() - key.size(), key.size(), key) == 0 &&
          reference[reference.size() - key.size() - 1] == '/')
        return &items_[index];
    return nullptr;
  }

  // A resource with no subject/patient reference is taken to be about the bundle's patient.
  bool about_patient(const Item& item) const {
    for (const char* field : {"subject", "patient"}) {
      if (const json* ref = member(*item.resource, field)) {
        const std::string reference = string_of(member(*ref, "reference"));
        if (reference.empty()) return true;
        if (const Item* target = resolve(reference)) return target == patient_;
        // Not in the bundle: a reference naming a Patient is ours only by id; anything else is ours
        // where the bundle holds one patient.
        const auto slash = reference.rfind("Patient/");
        if (slash != std::string::npos && (slash == 0 || reference[slash - 1] == '/'))
          return reference.substr(slash + 8) == patient_->id;
        return patients_ == 1;
      }
    }
    return true;
  }

  // The concept of a CodeableConcept: codings first, then its text and the codings' display names.
  // `past`, where given, is set when the concept was found by one of its past codes (a history of it).
  std::pair<std::string, std::string> concept_of(const json* codeable, Expect expect, const std::string& at,
                                                 bool* past = nullptr) {
    std::string display;
    const Concept* found = nullptr;
    if (!codeable || !codeable->is_object()) return {};
    const json* codings = member(*codeable, "coding");
    if (codings && codings->is_array()) {
      for (const auto& c : *codings) {
        const std::string system = string_of(member(c, "system"));
        const std::string code = string_of(member(c, "code"));
        if (display.empty()) display = string_of(member(c, "display"));
        if (!found && (found = r_.concept_of_code(system, code)) && past)
          *past = r_.lexicon().is_past_code(system, code);
      }
    }
    std::string text = string_of(member(*codeable, "text"));
    if (!text.empty()) display = text;
    if (!detail::sanitise_utf8(display)) r_.warn(at, "invalid UTF-8 in the text; the bad bytes are shown as U+FFFD");
    if (!found && codings && codings->is_array())
      for (const auto& c : *codings)
        if (!found) found = r_.concept_of_text(string_of(member(c, "display")), expect);
    if (!found) found = r_.concept_of_text(display, expect);
    if (!found && codings && codings->is_array() && !codings->empty()) {
      const json& first = codings->front();
      if (display.empty()) display = string_of(member(first, "code"));
    }
    return {found ? found->id : std::string(), display};
  }

  std::optional<Date> date_at(const json& resource, const char* field, const std::string& at) {
    const json* v = member(resource, field);
    if (!v) return std::nullopt;
    if (v->is_object()) return std::nullopt;  // a Period: see period_of
    return r_.date(resource, field, at);
  }

  std::pair<std::optional<Date>, std::optional<Date>> period_of(const json& resource, const char* field,
                                                                const std::string& at) {
    const json* p = member(resource, field);
    if (!p || !p->is_object()) return {};
    return {r_.date(*p, "start", at + "/" + field), r_.date(*p, "end", at + "/" + field)};
  }

  void read_patient_resource(const Item& item) {
    Patient& p = r_.patient();
    p.id = item.id;
    if (p.id.empty()) {
      p.id = string_of(member(*item.resource, "id"));
      r_.warn(item.at + "/id", "no patient id");
    }
    if (!detail::sanitise_utf8(p.id)) r_.warn(item.at + "/id", "invalid UTF-8 in the id; the bad bytes are shown as U+FFFD");
    if (auto birth = r_.date(*item.resource, "birthDate", item.at)) {
      if (*birth > today()) r_.warn(item.at + "/birthDate", fmt::format("{} is in the future; left out", format_date(*birth)));
      else p.birth_date = birth;
    }
    const std::string gender = lower(string_of(member(*item.resource, "gender")));
    if (gender == "female" || gender == "male") p.sex = gender;
    else if (gender == "other") r_.warn(item.at + "/gender", "'other' is neither female nor male; sex is taken as not recorded");
  }

  void add_observation(const json& holder, const std::string& concept_id, const std::string& display,
                       std::optional<Date> date, const std::string& at, const std::string& source) {
    Observation o;
    o.concept_id = concept_id;
    o.code_text = display;
    o.date = date;
    o.source = source;
    std::string unit;
    if (const json* q = member(holder, "valueQuantity")) {
      const json* value = member(*q, "value");
      if (!value || !value->is_number()) {
        if (!concept_id.empty()) r_.warn(at + "/valueQuantity/value", "expected a number; left out");
        return;
      }
      o.value = value->get<double>();
      // "< 0.5" (under the detection limit), "> 1000": a bound, not the value (read as the value it made
      // "bilirubin > 0.3" true for a bilirubin that may be 0.1). The evaluator decides only what every value
      // on that side of it decides; "ad" (asserted by the subject) is no bound and not used.
      if (const std::string comparator = string_of(member(*q, "comparator")); !comparator.empty() && !concept_id.empty()) {
        o.censored = detail::censoring_comparator(comparator);
        if (!o.censored) {
          o.problem = fmt::format("recorded as '{} {}', not a value", comparator, value->dump());
          r_.warn(at + "/valueQuantity/comparator", o.problem + "; the value is not used");
        }
      }
      const std::string system = string_of(member(*q, "system"));
      unit = string_of(member(*q, "code"));
      if (unit.empty() || (!system.empty() && system != "http://unitsofmeasure.org")) unit = string_of(member(*q, "unit"));
    } else if (const json* i = member(holder, "valueInteger"); i && i->is_number()) {
      o.value = i->get<double>();
      unit = "1";
    } else if (const json* s = member(holder, "valueString"); s && !concept_id.empty()) {
      o.problem = "the value is a string, not a number";
      r_.warn(at + "/valueString", "expected a number (valueQuantity), got a string; the value is not used");
    } else {
      return;  // coded or absent values are not measurements
    }
    if (concept_id.empty()) r_.unmapped(fmt::format("'{}'", display));
    if (!concept_id.empty() && !date)
      r_.warn(at, "no effective date; used only where no dated value exists");
    if (o.problem.empty() && !concept_id.empty()) {
      r_.settle_observation(o, unit, at + (member(holder, "valueQuantity") ? "/valueQuantity" : "/valueInteger"));
    } else if (auto u = units::read_unit(unit)) {
      o.unit = *u;
    } else {
      o.unit.ucum = unit;
    }
    if (const json* ranges = member(holder, "referenceRange"); ranges && ranges->is_array() && !ranges->empty()) {
      const json& range = ranges->front();
      ValueRange rr;
      for (const char* bound : {"low", "high"}) {
        const json* q = member(range, bound);
        if (!q) continue;
        const json* v = member(*q, "value");
        if (!v || !v->is_number()) continue;
        (std::string_view(bound) == "low" ? rr.low : rr.high) = v->get<double>();
        if (rr.unit.empty()) rr.unit = string_of(member(*q, "code"));
        if (rr.unit.empty()) rr.unit = string_of(member(*q, "unit"));
      }
      if (rr.unit.empty()) rr.unit = o.unit.ucum;
      rr.source = "the patient's reference range";
      if (rr.low || rr.high) o.reference_range = rr;
    }
    r_.patient().observations.push_back(std::move(o));
  }

  void read_observation(const Item& item) {
    const json& obs = *item.resource;
    const std::string status = lower(string_of(member(obs, "status")));
    if (status == "entered-in-error" || status == "cancelled") return;
    auto date = date_at(obs, "effectiveDateTime", item.at);
    if (!date) date = period_of(obs, "effectivePeriod", item.at).first;
    if (!date) date = date_at(obs, "effectiveInstant", item.at);
    const std::string source = fmt::format("Observation/{}", item.id);
    if (read_observed_results(item, status, date, source)) return;
    if (read_named_drugs(item, date, source)) return;
    auto [concept_id, display] = concept_of(member(obs, "code"), Expect::measure, item.at + "/code");
    add_observation(obs, concept_id, display, date, item.at, source);
    if (const json* components = member(obs, "component"); components && components->is_array()) {
      for (std::size_t i = 0; i < components->size(); ++i) {
        const json& component = (*components)[i];
        const std::string at = fmt::format("{}/component/{}", item.at, i);
        auto [c, d] = concept_of(member(component, "code"), Expect::measure, at + "/code");
        add_observation(component, c, d, date, at, fmt::format("{}/component/{}", source, i));
      }
    }
  }

  // A coded result that records a concept (the lexicon's `observed_by`, data: a pregnancy status or test, an
  // HIV test or viral load; docs/contract-patients.md), read as the concept observed on its day.
  // - A pregnancy status (US Core: LOINC 82810-3; 11449-6, reported) or a qualitative hCG test (2106-3 urine,
  //   2118-8 serum/plasma) is a coded answer, not a measurement. Pregnant or positive: current for 30 days, may
  //   still hold until 301 days (43 weeks, the longest pregnancy), ended after; not pregnant or negative: a known
  //   negative for 7 days (a conception since cannot be ruled out); possibly pregnant or unknown: unconfirmed
  //   for 30 days (the lexicon's answers give the days). A status with no date, or an answer not listed, is
  //   left out with a warning (answer_only).
  // - A positive qualitative HIV test or a quantified HIV viral load is a record of HIV infection from its day
  //   on: the infection is lifelong, and an HIV clinic's export often records the tests and the antiretrovirals,
  //   not the diagnosis ("HIV infection" exclusions passed patients with 800,000 copies/mL). A test named, not
  //   coded, is recognised by its name; a negative, indeterminate or censored ("< 20") result adds nothing; an
  //   undated positive still shows the infection. The viral load is still read as a measurement.
  // True where the observation was only such an answer (not to be read as a measurement too).
  bool read_observed_results(const Item& item, const std::string& status, const std::optional<Date>& date,
                             const std::string& source) {
    const json& obs = *item.resource;
    const json* code = member(obs, "code");
    if (!code) return false;
    const json* codings = member(*code, "coding");
    if (codings && !codings->is_array()) codings = nullptr;
    std::string names;  // the code's text and displays, lower case: for a test named, not coded
    for (const Concept* observed : r_.lexicon().observed_concepts()) {
      const ObservedBy& by = *observed->observed_by;
      const ObservedTest* test = nullptr;
      bool quantity = false;
      auto listed = [](const std::vector<std::string>& list, std::string_view v) {
        return std::find(list.begin(), list.end(), v) != list.end();
      };
      if (codings)
        for (const auto& c : *codings) {
          if (string_of(member(c, "system")) != "http://loinc.org") continue;
          const std::string loinc = string_of(member(c, "code"));
          for (const ObservedTest& t : by.tests)
            if (!test && listed(t.loinc, loinc)) test = &t;
          for (const ObservedTest& t : by.quantities)
            if (!test && listed(t.loinc, loinc)) test = &t, quantity = true;
        }
      if (!test && !by.subject_words.empty()) {
        if (names.empty()) {
          names = lower(string_of(member(*code, "text")));
          if (codings)
            for (const auto& c : *codings) names += " | " + lower(string_of(member(c, "display")));
        }
        auto says = [&](const std::vector<std::string>& words) {
          return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return names.find(w) != std::string::npos; });
        };
        // Someone else's result (a partner's, a mother's), a question about testing or an order is no result.
        if (says(by.subject_words) && !says(by.others_words)) {
          if (says(by.quantity_words) && !by.quantities.empty()) test = &by.quantities.front(), quantity = true;
          else if (says(by.test_words) && !by.tests.empty()) test = &by.tests.front();
        }
      }
      if (!test) continue;
      if (listed(by.ordered_status, status)) {  // ordered, or no final result yet
        if (by.answer_only) return true;
        continue;
      }
      const ObservedAnswer* answer = nullptr;
      std::string shown;
      if (quantity) {
        const json* q = member(obs, "valueQuantity");
        const json* value = q ? member(*q, "value") : nullptr;
        const std::string comparator = q ? string_of(member(*q, "comparator")) : std::string();
        if (value && value->is_number() && value->get<double>() > 0 && comparator != "<" && comparator != "<=") {
          for (const ObservedAnswer& a : by.answers)
            if (!answer && a.means == "present") answer = &a;
          shown = test->detected.empty() ? "detected" : test->detected;
        }
      } else {
        auto by_word = [&](const std::string& text) {
          const std::string word = lower(text);
          for (const ObservedAnswer& a : by.answers)
            if (!answer && !word.empty() && listed(a.words, word)) answer = &a;
        };
        if (const json* value = member(obs, "valueCodeableConcept")) {
          const json* answers = member(*value, "coding");
          if (answers && answers->is_array()) {
            for (const auto& c : *answers)  // the first coded answer listed
              for (const ObservedAnswer& a : by.answers)
                if (!answer && listed(a.codes, string_of(member(c, "code")))) answer = &a;
            for (const auto& c : *answers) by_word(string_of(member(c, "display")));
          }
          by_word(string_of(member(*value, "text")));
        } else {
          by_word(string_of(member(obs, "valueString")));
        }
        if (answer) shown = answer->text;
      }
      if (by.answer_only && !answer) {
        r_.warn(item.at, fmt::format("a {} whose answer is not one the lexicon lists for {}; left out", test->label, observed->id));
        return true;
      }
      if (by.answer_only && !date) {
        r_.warn(item.at, fmt::format("a {} with no date cannot tell the present; left out", test->label));
        return true;
      }
      if (answer) {
        Event e;
        e.kind = EventKind::condition;
        e.concept_id = observed->id;
        e.code_text = test->label + ": " + shown;
        e.source = source;
        e.start = date;
        e.status = answer->means == "present" ? "active" : answer->means;
        e.current_for_days = answer->current_for_days;
        e.lasts_days = answer->lasts_days;
        push(std::move(e), item.at);
      }
      if (by.answer_only) return true;
    }
    return false;
  }

  // An observation whose value names drugs of a class (the class's `named_in`, data): "CURRENT ANTIRETROVIRAL
  // DRUGS USED FOR TREATMENT: Lamivudine / zidovudine", "TUBERCULOSIS TREATMENT STARTED: Pyrazinamide", as an
  // HIV clinic's export records the drugs it gives (no MedicationStatement). Read as a medication of the class on
  // its day, and of each drug the lexicon names in the value: "current" was taken then (begun then or before,
  // Event::start_is_recorded_date), "started" began then; neither says whether it goes on (no status, no end).
  // True where the observation was such a list (not to be read as a measurement too).
  bool read_named_drugs(const Item& item, const std::optional<Date>& date, const std::string& source) {
    const auto& classes = r_.lexicon().named_in_concepts();
    if (classes.empty()) return false;
    const json& obs = *item.resource;
    const json* code = member(obs, "code");
    if (!code) return false;
    std::vector<std::string> names{lower(string_of(member(*code, "text")))};
    if (const json* codings = member(*code, "coding"); codings && codings->is_array())
      for (const auto& c : *codings) names.push_back(lower(string_of(member(c, "display"))));
    const Concept* drug_class = nullptr;
    const NamedIn* list = nullptr;
    for (const Concept* c : classes)
      for (const NamedIn& n : c->named_in)
        for (const std::string& name : names)
          if (!list && !name.empty() && std::find(n.names.begin(), n.names.end(), name) != n.names.end())
            drug_class = c, list = &n;
    if (!list) return false;
    std::string value;
    if (const json* v = member(obs, "valueCodeableConcept")) {
      value = string_of(member(*v, "text"));
      if (const json* codings = member(*v, "coding"); value.empty() && codings && codings->is_array())
        for (const auto& c : *codings)
          if (value.empty()) value = string_of(member(c, "display"));
    } else {
      value = string_of(member(obs, "valueString"));
    }
    const std::string said = lower(value);
    if (said.empty() || std::find(list->none.begin(), list->none.end(), said) != list->none.end()) return true;
    const std::string label = names.front().empty() && names.size() > 1 ? names[1] : names.front();
    auto add = [&](const std::string& concept_id) {
      Event e;
      e.kind = EventKind::medication;
      e.concept_id = concept_id;
      e.code_text = label + ": " + value;
      e.source = source;
      e.start = date;
      e.start_is_recorded_date = date && list->means == "current";
      push(std::move(e), item.at);
    };
    add(drug_class->id);
    // Each drug the value names ("Rifampicin isoniazid pyrazinamide and ethambutol"), once.
    std::vector<std::string> drugs;
    for (std::size_t pos = 0; pos < value.size();) {
      const bool word_start = pos == 0 || !std::isalnum(static_cast<unsigned char>(value[pos - 1]));
      const auto m = word_start ? r_.lexicon().match_name_at(value, pos) : std::nullopt;
      if (m && m->entry->kind == ConceptKind::treatment && m->entry->id != drug_class->id &&
          std::find(drugs.begin(), drugs.end(), m->entry->id) == drugs.end()) {
        drugs.push_back(m->entry->id);
        add(m->entry->id);
      }
      pos += m ? m->length : 1;
    }
    return true;
  }

  Event event_of(const Item& item, const char* code_field, EventKind kind, Expect expect) {
    Event e;
    e.kind = kind;
    std::tie(e.concept_id, e.code_text) =
        concept_of(member(*item.resource, code_field), expect, item.at + "/" + code_field, &e.past_only);
    e.source = fmt::format("{}/{}", item.type, item.id);
    return e;
  }

  void push(Event e, const std::string& at) {
    if (e.concept_id.empty()) r_.unmapped(fmt::format("'{}'", e.code_text));
    if (e.start && e.end && *e.end < *e.start) {
      r_.warn(at, "ends before it starts; the end is left out");
      e.end.reset();
    }
    r_.patient().events.push_back(std::move(e));
  }

  void read_condition(const Item& item) {
    const json& c = *item.resource;
    const std::string verification = status_code(member(c, "verificationStatus"));
    if (verification == "entered-in-error") return;
    Event e = event_of(item, "code", EventKind::condition, Expect::condition);
    e.status = status_code(member(c, "clinicalStatus"));
    if (verification == "refuted") e.status = "absent";
    else if (verification == "unconfirmed" || verification == "provisional" || verification == "differential")
      e.status = "unconfirmed";
    e.start = date_at(c, "onsetDateTime", item.at);
    if (!e.start) e.start = period_of(c, "onsetPeriod", item.at).first;
    if (!e.start) {
      e.start = date_at(c, "recordedDate", item.at);
      e.start_is_recorded_date = e.start.has_value();
    }
    e.end = date_at(c, "abatementDateTime", item.at);
    if (!e.end) {
      auto [s, end] = period_of(c, "abatementPeriod", item.at);
      e.end = end ? end : s;
    }
    if (e.status.empty() && e.end) e.status = "resolved";
    push(std::move(e), item.at);
  }

  void read_medication(const Item& item) {
    const json& m = *item.resource;
    const std::string status = lower(string_of(member(m, "status")));
    if (status == "entered-in-error" || status == "cancelled" || status == "draft") return;
    Event e;
    if (member(m, "medicationCodeableConcept")) {
      e = event_of(item, "medicationCodeableConcept", EventKind::medication, Expect::medication);
    } else if (const json* ref = member(m, "medicationReference")) {
      const Item* medication = resolve(string_of(member(*ref, "reference")));
      if (medication) {
        e = event_of(*medication, "code", EventKind::medication, Expect::medication);
      } else {
        e.kind = EventKind::medication;
        e.code_text = string_of(member(*ref, "display"));
        if (const Concept* c = r_.concept_of_text(e.code_text, Expect::medication)) e.concept_id = c->id;
      }
      e.source = fmt::format("{}/{}", item.type, item.id);
    } else {
      r_.warn(item.at, "no medication code; left out");
      return;
    }
    e.status = status == "not-taken" ? "absent" : status;
    e.start = date_at(m, "effectiveDateTime", item.at);
    if (!e.start) std::tie(e.start, e.end) = period_of(m, "effectivePeriod", item.at);
    if (!e.start) e.start = date_at(m, "authoredOn", item.at);
    if (!e.start) e.start = date_at(m, "dateAsserted", item.at);
    push(std::move(e), item.at);
  }

  void read_procedure(const Item& item) {
    const json& p = *item.resource;
    const std::string status = lower(string_of(member(p, "status")));
    // Not done on one occasion proves nothing about others: neither present nor a known negative.
    if (status == "entered-in-error" || status == "preparation" || status == "not-done") return;
    Event e = event_of(item, "code", EventKind::procedure, Expect::procedure);
    e.status = status;
    e.start = date_at(p, "performedDateTime", item.at);
    if (!e.start) std::tie(e.start, e.end) = period_of(p, "performedPeriod", item.at);
    push(std::move(e), item.at);
  }

  void read_immunization(const Item& item) {
    const json& i = *item.resource;
    const std::string status = lower(string_of(member(i, "status")));
    if (status == "entered-in-error" || status == "not-done") return;
    Event e = event_of(item, "vaccineCode", EventKind::immunization, Expect::immunization);
    e.status = status;
    e.start = date_at(i, "occurrenceDateTime", item.at);
    if (!e.start && member(i, "occurrenceString"))
      r_.warn(item.at + "/occurrenceString", "a date as free text cannot be placed in time; left undated");
    push(std::move(e), item.at);
  }

  // An inpatient stay or an emergency visit recorded only as an Encounter (Synthea writes admissions so) is
  // a hospitalization or an emergency department visit: left out, "hospitalized within 30 days" read it as
  // not recorded. By the encounter's class (v3 ActCode IMP, ACUTE, NONAC: inpatient; EMER: emergency; R4's
  // Coding or R5's CodeableConcepts), dated by its period; other classes (ambulatory, virtual, home) say
  // nothing a criterion asks of.
  void read_encounter(const Item& item) {
    const json& encounter = *item.resource;
    const std::string status = lower(string_of(member(encounter, "status")));
    if (status == "entered-in-error" || status == "cancelled") return;
    std::string class_code;
    if (const json* c = member(encounter, "class")) {
      if (c->is_object()) class_code = string_of(member(*c, "code"));
      else if (c->is_array())
        for (const auto& codeable : *c)
          if (class_code.empty()) class_code = status_code(&codeable);
    }
    class_code = lower(class_code);
    const char* concept_id = class_code == "imp" || class_code == "acute" || class_code == "nonac" ? "hospitalization"
                             : class_code == "emer"                                             ? "emergency_department_visit"
                                                                                                : nullptr;
    if (!concept_id) return;
    const Concept* found = r_.lexicon().find(concept_id);
    if (!found) return;
    Event e;
    e.kind = EventKind::procedure;
    e.concept_id = found->id;
    e.code_text = fmt::format("Encounter class {}", class_code);
    e.source = fmt::format("Encounter/{}", item.id);
    std::tie(e.start, e.end) = period_of(encounter, "period", item.at);
    // planned: not yet; arrived, triaged, in-progress, onleave: under way; finished: over; unknown: not said.
    e.status = status == "finished" ? "completed" : status == "planned" ? "planned"
               : status == "unknown" ? "unknown" : status.empty() ? "" : "in-progress";
    push(std::move(e), item.at);
  }

  PatientReader& r_;
  std::vector<Item> items_;
  std::unordered_map<std::string, std::size_t> by_reference_;
  const Item* patient_ = nullptr;
  std::size_t patients_ = 0;
};

}  // namespace

Patient read_fhir_bundle(const json& j, const Lexicon& lexicon) {
  if (!j.is_object()) detail::refuse("/", fmt::format("expected a FHIR Bundle object, got {}", j.type_name()));
  if (string_of(member(j, "resourceType")) != "Bundle") detail::refuse("/resourceType", "expected \"Bundle\"");
  Patient patient;
  PatientReader r(patient, lexicon);
  BundleReader bundle(r, j);
  bundle.read();
  r.finish();
  return patient;
}

}  // namespace trialmatch::engine
