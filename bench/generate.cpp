// The benchmark generator: trials whose criteria the grammar reads (with the same criteria as plain
// structs for the reference), and patients as native profiles and FHIR Bundles.
#include "generate.hpp"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>

namespace trialmatch::bench {

namespace {

using engine::Comparator;
using nlohmann::json;

struct Measure {
  Var var;
  const char* loinc;
  const char* patient_unit;
  double low, high;             // the generated patient's value range, in patient_unit
  double to_ref;                // patient_unit value * to_ref = reference unit value
  double uln;                   // > 0: the patient's own upper limit (reference value = value / uln)
  const char* criterion;        // fmt pattern with the threshold
  Comparator op;
  std::array<double, 3> thresholds;
};

const std::array<Measure, kVars>& measures() {
  static const std::array<Measure, kVars> table{{
      {hemoglobin, "718-7", "g/L", 80, 170, 0.1, 0, "Hemoglobin ≥ {} g/dL", Comparator::ge, {8, 9, 10}},
      {platelets, "777-3", "10*9/L", 60, 450, 1, 0, "Platelet count ≥ {} × 10^9/L", Comparator::ge, {50, 75, 100}},
      {anc, "751-8", "10*9/L", 0.8, 7, 1, 0, "Absolute neutrophil count ≥ {} × 10^9/L", Comparator::ge, {1, 1.5, 0.75}},
      {alt_uln, "1742-6", "U/L", 8, 140, 1, 40, "ALT ≤ {} × ULN", Comparator::le, {2.5, 3, 5}},
      {ast_uln, "1920-8", "U/L", 8, 140, 1, 40, "AST ≤ {} × ULN", Comparator::le, {2.5, 3, 5}},
      {bilirubin_uln, "1975-2", "umol/L", 3, 35, 1, 20.5, "Total bilirubin ≤ {} × ULN", Comparator::le, {1.5, 2, 3}},
      {creatinine, "2160-0", "umol/L", 40, 180, 0.011312, 0, "Serum creatinine ≤ {} mg/dL", Comparator::le, {1.5, 2, 1.8}},
      {egfr, "62238-1", "mL/min/{1.73_m2}", 30, 130, 1, 0, "eGFR ≥ {} mL/min/1.73m2", Comparator::ge, {30, 45, 60}},
      {lvef, "10230-1", "%", 38, 72, 1, 0, "Left ventricular ejection fraction ≥ {}%", Comparator::ge, {40, 45, 50}},
      {ecog, "89247-1", "", 0, 3, 1, 0, "ECOG performance status ≤ {}", Comparator::le, {1, 2, 2}},
      {karnofsky, "89243-0", "", 50, 100, 1, 0, "Karnofsky performance status ≥ {}", Comparator::ge, {60, 70, 70}},
  }};
  return table;
}

struct Condition {
  Event event;
  const char* snomed;
  const char* display;
  const char* criterion;
};

const std::array<Condition, kEvents>& conditions() {
  static const std::array<Condition, kEvents> table{{
      {hiv, "86406008", "HIV infection", "Known HIV infection"},
      {hepatitis_b, "66071002", "Hepatitis B", "Hepatitis B infection"},
      {hepatitis_c, "50711007", "Hepatitis C", "Hepatitis C infection"},
      {myocardial_infarction, "22298006", "Myocardial infarction", "History of myocardial infarction"},
      {heart_failure, "84114007", "Heart failure", "Congestive heart failure"},
      {stroke, "230690007", "Stroke", "History of stroke"},
      {epilepsy, "84757009", "Epilepsy", "Epilepsy"},
  }};
  return table;
}

const std::array<const char*, 3> kJudgements{
    "Able to understand and willing to sign a written informed consent document",
    "Any condition that, in the opinion of the investigator, would interfere with the study",
    "Willing to comply with the study visits and procedures"};

const std::array<const char*, 6> kDiseases{"Acute Myeloid Leukemia", "Beta-Thalassemia", "Multiple Myeloma",
                                           "Non-small Cell Lung Cancer", "Heart Failure", "Type 2 Diabetes"};

}  // namespace

Generated generate_trials(std::size_t count, std::uint64_t seed) {
  Random random(seed);
  Generated out;
  out.trials.reserve(count);
  out.ref_trials.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    matcher::Trial t;
    RefTrial ref;
    t.id = fmt::format("NCT9{:07d}", i);
    t.conditions.push_back(kDiseases[random.below(kDiseases.size())]);
    t.title = fmt::format("Generated study {} in {}", i, t.conditions.front());
    switch (random.below(4)) {
      case 0: break;
      case 1: t.min_age = engine::Amount{18, "a"}; break;
      case 2: t.min_age = engine::Amount{18, "a"}; t.max_age = engine::Amount{75, "a"}; break;
      default: t.min_age = engine::Amount{2, "a"}; t.max_age = engine::Amount{17, "a"}; break;
    }
    if (t.min_age) ref.min_age = t.min_age->value;
    if (t.max_age) ref.max_age = t.max_age->value;
    const std::size_t sex = random.below(20);
    t.sex = sex < 2 ? "female" : sex < 3 ? "male" : "all";
    ref.sex = sex < 2 ? 1 : sex < 3 ? 2 : 0;
    int number = 0;
    auto add = [&](matcher::Section section, std::string text, RefCriterion r) {
      t.criteria.push_back({section, std::to_string(++number), std::move(text)});
      r.inclusion = section == matcher::Section::inclusion;
      ref.criteria.push_back(r);
    };
    // Inclusions: a few labs and scores, sometimes an age line, always the consent line.
    if (random.chance(0.3)) {
      const double years = random.chance(0.5) ? 18 : 16;
      add(matcher::Section::inclusion, fmt::format("Age ≥ {} years", years), {RefCriterion::age, true, 0, Comparator::ge, years});
    }
    const std::size_t labs = 3 + random.below(5);
    std::size_t first = random.below(kVars);
    for (std::size_t k = 0; k < labs; ++k) {
      const Measure& m = measures()[(first + k * 3) % kVars];
      const double threshold = m.thresholds[random.below(3)];
      add(matcher::Section::inclusion, fmt::format(fmt::runtime(m.criterion), threshold),
          {RefCriterion::cmp, true, m.var, m.op, threshold});
    }
    add(matcher::Section::inclusion, kJudgements[0], {RefCriterion::judgement, true, 0, Comparator::eq, 0});
    number = 0;
    const std::size_t exclusions = 2 + random.below(4);
    first = random.below(kEvents);
    for (std::size_t k = 0; k < exclusions; ++k) {
      const Condition& c = conditions()[(first + k) % kEvents];
      add(matcher::Section::exclusion, c.criterion, {RefCriterion::has, false, c.event, Comparator::eq, 0});
    }
    add(matcher::Section::exclusion, kJudgements[1 + random.below(2)], {RefCriterion::judgement, false, 0, Comparator::eq, 0});
    out.trials.push_back(std::move(t));
    out.ref_trials.push_back(std::move(ref));
  }
  return out;
}

GeneratedPatients generate_patients(std::size_t count, std::uint64_t seed, int as_of_year) {
  Random random(seed);
  GeneratedPatients out;
  for (std::size_t i = 0; i < count; ++i) {
    RefPatient ref;
    ref.value.fill(std::numeric_limits<double>::quiet_NaN());
    const int years = static_cast<int>(random.below(85)) + 1;
    ref.age = years;
    ref.sex = random.chance(0.5) ? 1 : 2;
    const std::string id = fmt::format("P-{:06d}", i);
    const std::string birth = fmt::format("{}-03-15", as_of_year - years);  // as of later in the year: `years` old
    const std::string sex = ref.sex == 1 ? "female" : "male";
    json observations = json::array();
    json fhir_entries = json::array();
    fhir_entries.push_back({{"resource", {{"resourceType", "Patient"}, {"id", id}, {"gender", sex}, {"birthDate", birth}}}});
    for (const Measure& m : measures()) {
      if (!random.chance(0.85)) continue;
      double value = random.uniform(m.low, m.high);
      value = m.patient_unit[0] ? std::round(value * 10) / 10 : std::round(value);
      if (m.var == karnofsky) value = std::round(value / 10) * 10;
      ref.value[m.var] = m.uln > 0 ? value / m.uln : value * m.to_ref;
      json o{{"code", {{"system", "http://loinc.org"}, {"code", m.loinc}}}, {"value", value}, {"date", "2026-11-10"}};
      if (m.patient_unit[0]) o["unit"] = m.patient_unit;
      if (m.uln > 0) o["reference_range"] = {{"low", 0}, {"high", m.uln}, {"unit", m.patient_unit}};
      observations.push_back(o);
      json quantity{{"value", value}};
      if (m.patient_unit[0]) quantity.update({{"unit", m.patient_unit}, {"system", "http://unitsofmeasure.org"}, {"code", m.patient_unit}});
      json resource{{"resourceType", "Observation"},
                    {"status", "final"},
                    {"code", {{"coding", json::array({{{"system", "http://loinc.org"}, {"code", m.loinc}}})}}},
                    {"effectiveDateTime", "2026-11-10"},
                    {"valueQuantity", quantity}};
      if (m.uln > 0)
        resource["referenceRange"] = json::array({{{"low", {{"value", 0}, {"unit", m.patient_unit}}},
                                                   {"high", {{"value", m.uln}, {"unit", m.patient_unit}}}}});
      fhir_entries.push_back({{"resource", std::move(resource)}});
    }
    json conditions_json = json::array();
    for (const Condition& c : conditions()) {
      if (!random.chance(0.06)) continue;
      ref.events |= 1u << c.event;
      conditions_json.push_back({{"code", {{"system", "http://snomed.info/sct"}, {"code", c.snomed}}},
                                 {"text", c.display}, {"status", "active"}, {"onset", "2020-01-01"}});
      fhir_entries.push_back(
          {{"resource",
            {{"resourceType", "Condition"},
             {"clinicalStatus", {{"coding", json::array({{{"code", "active"}}})}}},
             {"code", {{"coding", json::array({{{"system", "http://snomed.info/sct"}, {"code", c.snomed}, {"display", c.display}}})}}},
             {"onsetDateTime", "2020-01-01"}}}});
    }
    json native{{"id", id}, {"birth_date", birth}, {"sex", sex}, {"observations", std::move(observations)},
                {"conditions", std::move(conditions_json)}};
    json bundle{{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", std::move(fhir_entries)}};
    out.native_json.push_back(native.dump());
    out.fhir_json.push_back(bundle.dump());
    out.ref.push_back(ref);
  }
  return out;
}

namespace {
// 0 false, 1 true, 2 unknown.
int compare(double a, Comparator op, double b) noexcept {
  if (std::isnan(a)) return 2;
  switch (op) {
    case Comparator::lt: return a < b;
    case Comparator::le: return a <= b;
    case Comparator::gt: return a > b;
    case Comparator::ge: return a >= b;
    case Comparator::eq: return a == b;
    case Comparator::ne: return a != b;
  }
  return 2;
}
}  // namespace

int reference_verdict(const RefTrial& trial, const RefPatient& patient) noexcept {
  bool fail = false, unknown = false;
  if (trial.min_age >= 0 && patient.age < trial.min_age) fail = true;
  if (trial.max_age >= 0 && patient.age > trial.max_age) fail = true;
  if (trial.sex != 0 && trial.sex != patient.sex) fail = true;
  for (const RefCriterion& c : trial.criteria) {
    int truth = 2;
    switch (c.kind) {
      case RefCriterion::cmp: truth = compare(patient.value[c.index], c.op, c.threshold); break;
      case RefCriterion::age: truth = compare(patient.age, c.op, c.threshold); break;
      case RefCriterion::has: truth = (patient.events >> c.index) & 1u; break;
      case RefCriterion::judgement: continue;  // to confirm: neither a failure nor an unknown
    }
    if (truth == 2) unknown = true;
    else if ((truth == 1) != c.inclusion) fail = true;
  }
  return fail ? 2 : unknown ? 1 : 0;
}

}  // namespace trialmatch::bench
