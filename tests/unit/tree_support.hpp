// Tests' predicate trees: a walk over every subtree (the tree itself first, in the order the tree holds them), and a
// comparison made bare; a list of diagnostics as one comparable text.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

#include "golden_support.hpp"

namespace tree_support {

// Appends n and every node below it (the arguments of all/any, the negated node, a guard's condition and branch).
inline void collect_subtrees(const trialmatch::engine::Node& n, std::vector<trialmatch::engine::Node>& out) {
  namespace e = trialmatch::engine;
  out.push_back(n);
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, e::All> || std::is_same_v<K, e::Any>) {
          for (const auto& a : k.args) collect_subtrees(a, out);
        } else if constexpr (std::is_same_v<K, e::Not>) {
          collect_subtrees(*k.arg, out);
        } else if constexpr (std::is_same_v<K, e::If>) {
          collect_subtrees(*k.cond, out);
          collect_subtrees(*k.then, out);
        }
      },
      n.kind);
}

// A comparison "var < value unit" with no span: the bare fields the canonical form writes.
inline trialmatch::engine::Node cmp(std::string var, double value, std::string unit) {
  trialmatch::engine::Cmp c;
  c.var = std::move(var);
  c.cmp = trialmatch::engine::Comparator::lt;
  c.value = value;
  c.unit = std::move(unit);
  return trialmatch::engine::Node{std::move(c), {}};
}

// The diagnostics one per line, "message @begin-end": what tests compare of the warnings two forms wrote.
inline std::string warnings(const trialmatch::engine::Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.message + " @" + std::to_string(d.begin) + "-" + std::to_string(d.end) + "\n";
  return out;
}

// Nodes of every kind with every member set, long strings (held apart from the node) and short ones: what the node
// tests run over besides the golden lines' subtrees.
inline std::vector<trialmatch::engine::Node> nodes_of_every_kind() {
  namespace e = trialmatch::engine;
  std::vector<e::Node> out;
  e::Has has;
  has.concept_id = "chronic_obstructive_pulmonary_disease";
  has.name = "chronic obstructive pulmonary disease";
  has.codes = {{"snomed", "13645005"}, {"icd10", "J44"}};
  has.within = e::Amount{6, "mo"};
  has.ahead = true;
  has.before = "screening";
  has.dated_from = "2010-01-01";
  has.dated_to = "2015-10-01";
  has.status = "active";
  has.except = "asthma";
  has.onset = true;
  out.push_back(e::Node{has, {3, 40}});
  e::Cmp cmp;
  cmp.var = "hemoglobin_in_blood_long_name";
  cmp.name = "haemoglobin";
  cmp.loinc = "718-7";
  cmp.cmp = e::Comparator::lt;
  cmp.value = 10.5;
  cmp.unit = "g/dL";
  cmp.within = e::Amount{3, "mo"};
  out.push_back(e::Node{cmp, {0, 17}});
  out.push_back(e::Node{e::Sex{"female"}, {1, 6}});
  out.push_back(e::make_text("a text longer than any string held in place", e::TextReason::not_understood, {2, 9}));
  out.push_back(e::make_text("short", e::TextReason::not_understood, {2, 7}));
  out.push_back(e::make_text("judged", e::TextReason::judgement, {2, 8}));
  out.push_back(e::make_not(out[0], {0, 40}));
  out.push_back(e::make_if(out[2], out[1], {0, 30}));
  out.push_back(e::make_any({out[0], out[3]}, {0, 50}));
  out.push_back(e::make_all({out[1], out[5]}, {0, 60}));
  out.push_back(e::Node{});
  return out;
}

// `out`, then every subtree of every golden line's tree read in the inclusion and in the exclusion section: the real
// nodes the node tests run over.
inline std::vector<trialmatch::engine::Node> with_golden_subtrees(std::vector<trialmatch::engine::Node> out) {
  const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  for (const auto& line : golden_support::all_criterion_lines()) {
    collect_subtrees(parser.parse(line).tree, out);
    collect_subtrees(parser.parse(line, trialmatch::grammar::CriterionSection::exclusion).tree, out);
  }
  return out;
}

}  // namespace tree_support
