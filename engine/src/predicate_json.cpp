#include "trialmatch/engine/predicate_json.hpp"

#include "trialmatch/engine/date.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace trialmatch::engine {

using nlohmann::json;

namespace {
json args_json(const std::vector<Node>& args) {
  json a = json::array();
  for (const auto& n : args) a.push_back(to_json(n));
  return a;
}

[[noreturn]] void bad(const std::string& pointer, const std::string& what) {
  throw std::runtime_error(fmt::format("predicate JSON at '{}': {}", pointer, what));
}

const json& field(const json& j, const char* name, const std::string& at) {
  auto it = j.find(name);
  if (it == j.end()) bad(at, fmt::format("expected field '{}'", name));
  return *it;
}

std::string string_field(const json& j, const char* name, const std::string& at) {
  const json& v = field(j, name, at);
  if (!v.is_string()) bad(at + "/" + name, "expected a string");
  return v.get<std::string>();
}

std::string optional_string(const json& j, const char* name, const std::string& at) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) bad(at + "/" + name, "expected a string");
  return it->get<std::string>();
}

Node from_json_at(const json& j, const std::string& at);

std::vector<Node> args_from(const json& j, const std::string& at) {
  const json& a = field(j, "args", at);
  if (!a.is_array()) bad(at + "/args", "expected an array");
  std::vector<Node> out;
  for (std::size_t i = 0; i < a.size(); ++i) out.push_back(from_json_at(a[i], fmt::format("{}/args/{}", at, i)));
  return out;
}

Amount amount_from(const json& j, const std::string& at) {
  const json& v = field(j, "value", at);
  if (!v.is_number()) bad(at + "/value", "expected a number");
  return Amount{v.get<double>(), string_field(j, "unit", at)};
}

// "unlisted": true marks a variable or concept the lexicon does not list; it needs the "name" as written.
std::string unlisted_name(const json& j, const std::string& at) {
  auto it = j.find("unlisted");
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_boolean()) bad(at + "/unlisted", "expected true or false");
  if (!it->get<bool>()) return {};
  std::string name = optional_string(j, "name", at);
  if (name.empty()) bad(at + "/name", "expected the name as written for an unlisted variable or concept");
  return name;
}

Node from_json_at(const json& j, const std::string& at) {
  if (!j.is_object()) bad(at, "expected a node object");
  const std::string op = string_field(j, "op", at);
  if (op == "all") return make_all(args_from(j, at));
  if (op == "any") return make_any(args_from(j, at));
  if (op == "not") return make_not(from_json_at(field(j, "arg", at), at + "/arg"));
  if (op == "if")
    return make_if(from_json_at(field(j, "cond", at), at + "/cond"), from_json_at(field(j, "then", at), at + "/then"));
  if (op == "cmp") {
    Cmp c;
    c.var = string_field(j, "var", at);
    c.name = unlisted_name(j, at);
    c.loinc = optional_string(j, "loinc", at);
    auto cmp = comparator_from_string(string_field(j, "cmp", at));
    if (!cmp) bad(at + "/cmp", "expected one of < <= > >= == !=");
    c.cmp = *cmp;
    const json& v = field(j, "value", at);
    if (!v.is_number()) bad(at + "/value", "expected a number");
    c.value = v.get<double>();
    const std::string rel = optional_string(j, "relative_to", at);
    if (rel == "ULN") c.relative_to = RelativeTo::uln;
    else if (rel == "LLN") c.relative_to = RelativeTo::lln;
    else if (!rel.empty()) bad(at + "/relative_to", "expected \"ULN\" or \"LLN\"");
    else c.unit = string_field(j, "unit", at);
    if (auto it = j.find("within"); it != j.end() && !it->is_null()) c.within = amount_from(*it, at + "/within");
    return Node{c, {}};
  }
  if (op == "has") {
    Has h;
    h.concept_id = string_field(j, "concept", at);
    h.name = unlisted_name(j, at);
    for (const char* sys : {"snomed", "icd10", "atc", "cvx", "loinc"}) {
      std::string code = optional_string(j, sys, at);
      if (!code.empty()) h.codes[sys] = code;
    }
    if (auto it = j.find("within"); it != j.end() && !it->is_null()) {
      h.within = amount_from(*it, at + "/within");
      if (auto a = it->find("ahead"); a != it->end() && !a->is_null()) {
        if (!a->is_boolean()) bad(at + "/within/ahead", "expected true or false");
        h.ahead = a->get<bool>();
      }
    }
    h.before = optional_string(j, "before", at);
    if (auto it = j.find("dated"); it != j.end() && !it->is_null()) {
      if (!it->is_object()) bad(at + "/dated", "expected an object with \"from\" and/or \"to\"");
      for (auto [field, out] : {std::pair{"from", &h.dated_from}, std::pair{"to", &h.dated_to}}) {
        *out = optional_string(*it, field, at + "/dated");
        if (!out->empty() && !parse_date(*out)) bad(at + "/dated/" + field, "expected a date YYYY-MM-DD");
      }
    }
    h.status = optional_string(j, "status", at);
    h.except = optional_string(j, "except", at);
    if (auto it = j.find("onset"); it != j.end() && !it->is_null()) {
      if (!it->is_boolean()) bad(at + "/onset", "expected true or false");
      h.onset = it->get<bool>();
    }
    return Node{h, {}};
  }
  if (op == "sex") return Node{Sex{string_field(j, "value", at)}, {}};
  if (op == "text") {
    const std::string reason = string_field(j, "reason", at);
    if (reason != "judgement" && reason != "not_understood")
      bad(at + "/reason", "expected \"judgement\" or \"not_understood\"");
    return make_text(string_field(j, "text", at),
                     reason == "judgement" ? TextReason::judgement : TextReason::not_understood);
  }
  bad(at + "/op", fmt::format("unknown op '{}'", op));
}
}  // namespace

json to_json(const Node& n) {
  return std::visit(
      [&](const auto& k) -> json {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, All>) {
          return json{{"op", "all"}, {"args", args_json(k.args)}};
        } else if constexpr (std::is_same_v<K, Any>) {
          return json{{"op", "any"}, {"args", args_json(k.args)}};
        } else if constexpr (std::is_same_v<K, Not>) {
          return json{{"op", "not"}, {"arg", to_json(*k.arg)}};
        } else if constexpr (std::is_same_v<K, If>) {
          return json{{"op", "if"}, {"cond", to_json(*k.cond)}, {"then", to_json(*k.then)}};
        } else if constexpr (std::is_same_v<K, Cmp>) {
          json j{{"op", "cmp"}, {"var", k.var}};
          if (!k.name.empty()) j["name"] = k.name, j["unlisted"] = true;
          if (!k.loinc.empty()) j["loinc"] = k.loinc;
          j["cmp"] = to_string(k.cmp);
          j["value"] = k.value;
          if (k.relative_to == RelativeTo::uln) j["relative_to"] = "ULN";
          else if (k.relative_to == RelativeTo::lln) j["relative_to"] = "LLN";
          else j["unit"] = k.unit;
          if (k.within) j["within"] = json{{"value", k.within->value}, {"unit", k.within->unit}};
          return j;
        } else if constexpr (std::is_same_v<K, Has>) {
          json j{{"op", "has"}, {"concept", k.concept_id.str()}};
          if (!k.name.empty()) j["name"] = k.name, j["unlisted"] = true;
          for (const auto& [sys, code] : k.codes) j[sys] = code;
          if (k.within) j["within"] = json{{"value", k.within->value}, {"unit", k.within->unit}};
          if (k.within && k.ahead) j["within"]["ahead"] = true;
          if (!k.before.empty()) j["before"] = k.before;
          if (!k.dated_from.empty()) j["dated"]["from"] = k.dated_from;
          if (!k.dated_to.empty()) j["dated"]["to"] = k.dated_to;
          if (!k.status.empty()) j["status"] = k.status;
          if (!k.except.empty()) j["except"] = k.except;
          if (k.onset) j["onset"] = true;
          return j;
        } else if constexpr (std::is_same_v<K, Sex>) {
          return json{{"op", "sex"}, {"value", k.value}};
        } else {
          return json{{"op", "text"},
                      {"text", k.text},
                      {"reason", k.reason == TextReason::judgement ? "judgement" : "not_understood"}};
        }
      },
      n.kind);
}

json to_json(const Diagnostic& d) {
  return json{{"severity", to_string(d.severity)}, {"message", d.message}, {"begin", d.begin}, {"end", d.end}};
}

Node node_from_json(const json& j) { return from_json_at(j, ""); }

}  // namespace trialmatch::engine
