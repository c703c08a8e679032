// The normalised trial JSON (contracts/reports.md, "A normalised trial"), both ways.
#include <cmath>

#include "trial_readers.hpp"

namespace trialmatch::matcher {
namespace {

using nlohmann::json;
using detail::JsonProblem;

json age_json(const std::optional<engine::Amount>& a) {
  if (!a) return nullptr;
  json value = a->value;
  if (std::floor(a->value) == a->value && std::abs(a->value) < 1e15) value = static_cast<long long>(a->value);
  return {{"value", value}, {"unit", a->unit}};
}

const json& member(const json& j, const char* key, const std::string& at) {
  const auto it = j.find(key);
  if (it == j.end()) throw JsonProblem(at + "/" + key, std::string("expected \"") + key + "\", found nothing");
  return *it;
}

std::string string_member(const json& j, const char* key, const std::string& at, bool required) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw JsonProblem(at + "/" + key, "expected a string, found nothing");
    return {};
  }
  if (!it->is_string()) throw JsonProblem(at + "/" + key, "expected a string, found " + detail::type_name(*it));
  return it->get<std::string>();
}

std::optional<engine::Amount> age_from_json(const json& j, const char* key) {
  const auto it = j.find(key);
  const std::string at = std::string("/") + key;
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_object()) throw JsonProblem(at, "expected {\"value\": number, \"unit\": \"a\"|\"mo\"|\"wk\"|\"d\"} or null, found " + detail::type_name(*it));
  const auto& v = member(*it, "value", at);
  if (!v.is_number()) throw JsonProblem(at + "/value", "expected a number, found " + detail::type_name(v));
  const auto unit = string_member(*it, "unit", at, true);
  if (unit != "a" && unit != "mo" && unit != "wk" && unit != "d" && unit != "h")
    throw JsonProblem(at + "/unit", "expected \"a\", \"mo\", \"wk\", \"d\" or \"h\", found \"" + unit + "\"");
  return engine::Amount{v.get<double>(), unit};
}

}  // namespace

nlohmann::json to_json(const Trial& t) {
  json criteria = json::array();
  for (const auto& c : t.criteria)
    criteria.push_back({{"section", to_string(c.section)}, {"number", c.number}, {"text", c.text}});
  return {{"id", t.id},
          {"title", t.title},
          {"conditions", t.conditions},
          {"min_age", age_json(t.min_age)},
          {"max_age", age_json(t.max_age)},
          {"sex", t.sex},
          {"criteria", std::move(criteria)}};
}

Trial trial_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw JsonProblem("", "expected a normalised trial object, found " + detail::type_name(j));
  Trial t;
  t.id = string_member(j, "id", "", true);
  if (t.id.empty()) throw JsonProblem("/id", "expected a trial id, found an empty string");
  t.title = string_member(j, "title", "", false);
  if (const auto it = j.find("conditions"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) throw JsonProblem("/conditions", "expected an array of strings, found " + detail::type_name(*it));
    for (std::size_t k = 0; k < it->size(); ++k) {
      if (!(*it)[k].is_string())
        throw JsonProblem("/conditions/" + std::to_string(k), "expected a string, found " + detail::type_name((*it)[k]));
      t.conditions.push_back((*it)[k].get<std::string>());
    }
  }
  t.min_age = age_from_json(j, "min_age");
  t.max_age = age_from_json(j, "max_age");
  if (const auto sex = string_member(j, "sex", "", false); !sex.empty()) {
    if (sex != "all" && sex != "female" && sex != "male")
      throw JsonProblem("/sex", "expected \"all\", \"female\" or \"male\", found \"" + sex + "\"");
    t.sex = sex;
  }
  const auto& criteria = member(j, "criteria", "");
  if (!criteria.is_array()) throw JsonProblem("/criteria", "expected an array of criteria, found " + detail::type_name(criteria));
  for (std::size_t k = 0; k < criteria.size(); ++k) {
    const std::string at = "/criteria/" + std::to_string(k);
    const auto& c = criteria[k];
    if (!c.is_object()) throw JsonProblem(at, "expected a criterion object, found " + detail::type_name(c));
    Criterion out;
    const auto section = string_member(c, "section", at, true);
    if (section != "inclusion" && section != "exclusion")
      throw JsonProblem(at + "/section", "expected \"inclusion\" or \"exclusion\", found \"" + section + "\"");
    out.section = section == "inclusion" ? Section::inclusion : Section::exclusion;
    out.number = string_member(c, "number", at, true);
    out.text = string_member(c, "text", at, true);
    t.criteria.push_back(std::move(out));
  }
  return t;
}

}  // namespace trialmatch::matcher
