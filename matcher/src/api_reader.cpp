// ClinicalTrials.gov API v2 studies: protocolSection's identification, conditions, status and
// eligibility modules (or the same fields flat, as the API's `fields=` selection returns them).
#include "text_clean.hpp"
#include "trial_readers.hpp"

namespace trialmatch::matcher::detail {
namespace {

using nlohmann::json;

struct Field {
  const json* value = nullptr;
  std::string pointer;
};

// The field at module/key under protocolSection, or key at the top of a flat study.
Field field(const json& study, const std::string& pointer, const char* module, const char* key) {
  if (const auto ps = study.find("protocolSection"); ps != study.end() && ps->is_object()) {
    const std::string at = pointer + "/protocolSection/" + module + "/" + key;
    const auto m = ps->find(module);
    if (m == ps->end() || !m->is_object()) return {nullptr, at};
    const auto v = m->find(key);
    return {v == m->end() ? nullptr : &*v, at};
  }
  const auto v = study.find(key);
  return {v == study.end() ? nullptr : &*v, pointer + "/" + key};
}

std::string place(const std::string& prefix, const std::string& pointer) {
  if (prefix.empty()) return pointer;
  return pointer.empty() ? prefix : prefix + " " + pointer;
}

}  // namespace

void read_api_study(const json& study, const std::string& name, const std::string& where_prefix,
                    const std::string& pointer, LoadResult& out) {
  std::vector<LoadProblem> problems;
  auto problem = [&](const std::string& at, const std::string& message) {
    problems.push_back({name, place(where_prefix, at), message});
  };
  auto text_field = [&](const Field& f, bool required, const char* what) -> std::string {
    if (!f.value || f.value->is_null()) {
      if (required) problem(f.pointer, std::string("expected ") + what + ", found nothing");
      return {};
    }
    if (!f.value->is_string()) {
      problem(f.pointer, std::string("expected ") + what + " as a string, found " + type_name(*f.value));
      return {};
    }
    return f.value->get<std::string>();
  };

  Trial t;
  t.id = text_field(field(study, pointer, "identificationModule", "nctId"), true, "the NCT id");
  t.title = text_field(field(study, pointer, "identificationModule", "briefTitle"), false, "the brief title");
  if (t.title.empty())
    t.title = text_field(field(study, pointer, "identificationModule", "officialTitle"), false, "the official title");
  t.status = text_field(field(study, pointer, "statusModule", "overallStatus"), false, "the overall status");
  const auto conditions = field(study, pointer, "conditionsModule", "conditions");
  if (conditions.value && !conditions.value->is_null()) {
    if (!conditions.value->is_array()) {
      problem(conditions.pointer, "expected an array of condition names, found " + type_name(*conditions.value));
    } else {
      for (std::size_t k = 0; k < conditions.value->size(); ++k) {
        const auto& c = (*conditions.value)[k];
        if (c.is_string()) t.conditions.push_back(c.get<std::string>());
        else problem(conditions.pointer + "/" + std::to_string(k), "expected a condition name, found " + type_name(c));
      }
    }
  }
  const auto criteria = text_field(field(study, pointer, "eligibilityModule", "eligibilityCriteria"), true,
                                   "eligibilityCriteria text");
  for (const auto& [key, slot] : {std::pair{"minimumAge", &t.min_age}, std::pair{"maximumAge", &t.max_age}}) {
    const auto f = field(study, pointer, "eligibilityModule", key);
    const auto s = text_field(f, false, "an age such as \"18 Years\"");
    const auto age = parse_age(s);
    if (!age.ok) problem(f.pointer, "expected an age such as \"18 Years\", \"6 Months\" or \"N/A\", found \"" + s + "\"");
    *slot = age.age;
  }
  const auto sex_field = field(study, pointer, "eligibilityModule", "sex");
  if (const auto s = text_field(sex_field, false, "ALL, FEMALE or MALE"); !s.empty()) {
    if (const auto sex = parse_sex(s)) t.sex = *sex;
    else problem(sex_field.pointer, "expected ALL, FEMALE or MALE, found \"" + s + "\"");
  }
  const auto hv = field(study, pointer, "eligibilityModule", "healthyVolunteers");
  if (hv.value && hv.value->is_boolean()) t.healthy_volunteers = hv.value->get<bool>();
  else if (hv.value && !hv.value->is_null()) problem(hv.pointer, "expected true or false, found " + type_name(*hv.value));

  if (problems.empty()) {
    t.criteria = split_criteria(criteria);
    if (t.criteria.empty())
      problem(field(study, pointer, "eligibilityModule", "eligibilityCriteria").pointer,
              "expected eligibility criteria, found text with no criterion in it");
  }
  if (!problems.empty()) {
    // A study read in part could pass a patient its unread limits would refuse: it is not loaded.
    out.problems.insert(out.problems.end(), problems.begin(), problems.end());
    return;
  }
  const auto where = place(where_prefix, pointer);
  t.origin = where.empty() ? name : name + " " + where;
  out.trials.push_back(std::move(t));
}

}  // namespace trialmatch::matcher::detail
