// Lexicon::is_a from each concept's ancestors made at load, against the walk it made for each question before
// (kept here as the oracle: two finds, the ATC prefixes, then the parents depth first with a find a step).
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

namespace {

namespace e = trialmatch::engine;

bool former_has_ancestor(const e::Lexicon& lex, const e::Concept& c, std::string_view ancestor, int depth) {
  if (depth > 16) return false;
  for (const auto& parent : c.is_a) {
    if (parent == ancestor) return true;
    if (const e::Concept* p = lex.find(parent); p && former_has_ancestor(lex, *p, ancestor, depth + 1)) return true;
  }
  return false;
}

// The former Lexicon::is_a.
bool former_is_a(const e::Lexicon& lex, std::string_view id, std::string_view ancestor) {
  if (id == ancestor) return true;
  const e::Concept* c = lex.find(id);
  const e::Concept* a = lex.find(ancestor);
  if (!c || !a) return false;
  auto class_atc = a->codes.find("atc");
  auto member_atc = c->codes.find("atc");
  if (class_atc != a->codes.end() && member_atc != c->codes.end())
    for (const auto& prefix : class_atc->second)
      for (const auto& code : member_atc->second)
        if (!prefix.empty() && code.size() > prefix.size() && code.compare(0, prefix.size(), prefix) == 0) return true;
  return former_has_ancestor(lex, *c, ancestor, 0);
}

// is_a against the former one, for every pair of the lexicon's concepts and some ids of none; the
// number of pairs that hold.
std::size_t check_every_pair(const e::Lexicon& lex) {
  std::vector<std::string> ids;
  for (const auto& c : lex.concepts()) ids.push_back(c.id);
  const std::vector<std::string> strangers = {"", "no_such_concept", "vaccine_", "a"};
  std::size_t held = 0;
  for (const auto& c : lex.concepts()) {
    const auto check = [&](const std::string& ancestor) {
      const bool expected = former_is_a(lex, c.id, ancestor);
      held += expected;
      if (lex.is_a(c.id, ancestor) != expected) {  // (one assertion a failing pair: the pairs are many)
        INFO(c.id << " is_a " << ancestor);
        CHECK(lex.is_a(c.id, ancestor) == expected);
      }
    };
    for (const auto& ancestor : ids) check(ancestor);
    for (const auto& ancestor : strangers) check(ancestor);
  }
  for (const auto& id : strangers)
    for (const auto& ancestor : ids) CHECK(lex.is_a(id, ancestor) == former_is_a(lex, id, ancestor));
  CHECK(lex.is_a("no_such_concept", "no_such_concept"));
  return held;
}

}  // namespace

TEST_CASE("lexicon ancestors: is_a of every pair of builtin concepts is the former walk's") {
  const std::size_t held = check_every_pair(e::Lexicon::builtin());
  CHECK(held > 2 * e::Lexicon::builtin().concepts().size());  // (itself, and many parents and ATC groups)
}

TEST_CASE("lexicon ancestors: cycles, a chain past the walk's bound, ATC groups") {
  // x0 -> x1 -> ... -> x21 (the walk reads parents to 16 steps: x17 is the last), with a shortcut x0 -> x12 that
  // the depth-first walk meets after the long way; c1 <-> c2 a cycle; ATC prefixes that are empty, equal, longer.
  std::string json = R"({"concepts": [)";
  for (int k = 0; k < 22; ++k) {
    json += R"({"id": "x)" + std::to_string(k) + R"(", "kind": "condition")";
    if (k == 0) json += R"(, "is_a": ["x1", "x12"])";
    else if (k < 21) json += R"(, "is_a": ["x)" + std::to_string(k + 1) + R"("])";
    json += "},";
  }
  json += R"(
    {"id": "c1", "kind": "condition", "is_a": ["c2"]},
    {"id": "c2", "kind": "condition", "is_a": ["c1", "x20"]},
    {"id": "c3", "kind": "condition", "is_a": ["c2"]},
    {"id": "anticoagulants", "kind": "treatment", "codes": {"atc": ["B01AA", "B01AF"]}},
    {"id": "apixaban", "kind": "treatment", "codes": {"atc": ["B01AF02"]}},
    {"id": "b01af", "kind": "treatment", "codes": {"atc": ["B01AF"]}},
    {"id": "empty_prefix", "kind": "treatment", "codes": {"atc": [""]}},
    {"id": "self_prefixed", "kind": "treatment", "codes": {"atc": ["C09", "C09AA"]}, "is_a": ["anticoagulants"]},
    {"id": "no_atc", "kind": "treatment", "codes": {"snomed": ["B01AF02"]}}
  ]})";
  const auto lex = e::Lexicon::from_json(json);
  check_every_pair(lex);
  CHECK(lex.is_a("x0", "x17"));
  CHECK(lex.is_a("x0", "x21"));   // by the shortcut: x12 one step away
  CHECK_FALSE(lex.is_a("x1", "x19"));  // x18 is 17 steps from x1: its parent is past the bound
  CHECK(lex.is_a("c3", "c3"));
  CHECK(lex.is_a("c3", "c1"));
  CHECK(lex.is_a("c1", "x21"));
  CHECK(lex.is_a("apixaban", "anticoagulants"));
  CHECK(lex.is_a("apixaban", "b01af"));
  CHECK_FALSE(lex.is_a("b01af", "apixaban"));
  CHECK_FALSE(lex.is_a("b01af", "anticoagulants"));  // (an equal code is no proper prefix)
  CHECK_FALSE(lex.is_a("apixaban", "empty_prefix"));
  CHECK_FALSE(lex.is_a("no_atc", "anticoagulants"));
  CHECK(lex.is_a("self_prefixed", "anticoagulants"));
}
