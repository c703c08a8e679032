// join's deduplication made linear (lower_util.hpp: drop_repeats, drop_repeats_hashed; engine's
// plain_canonical_hash): against the pairwise form it replaces on long lists made of the golden lines' trees, the
// hash against the canonical strings, and the number of comparisons a long list costs.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_util.hpp"
#include "golden_support.hpp"
#include "tree_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;
namespace d = trialmatch::grammar::detail;

namespace {

const g::Parser& parser() {
  static const g::Parser p(e::Lexicon::builtin());
  return p;
}


// Every golden line's tree, read in both sections.
const std::vector<e::Node>& golden_trees() {
  static const std::vector<e::Node> trees = [] {
    std::vector<e::Node> out;
    for (const auto& line : golden_support::all_criterion_lines()) {
      out.push_back(parser().parse(line).tree);
      out.push_back(parser().parse(line, g::CriterionSection::exclusion).tree);
    }
    return out;
  }();
  return trees;
}

// The form join had before: each node compared with every one kept (the oracle).
void pairwise_drop_repeats(std::vector<e::Node>& nodes) {
  std::size_t kept = nodes.empty() ? 0 : 1;
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    bool seen = false;
    for (std::size_t k = 0; k < kept && !seen; ++k)
      seen = nodes[k].kind.index() == nodes[i].kind.index() && !d::other_concepts(nodes[k], nodes[i]) &&
             e::same_canonical(nodes[k], nodes[i]);
    if (seen) continue;
    if (kept != i) nodes[kept] = std::move(nodes[i]);
    ++kept;
  }
  nodes.erase(nodes.begin() + static_cast<std::ptrdiff_t>(kept), nodes.end());
}

// Each node given its place as its span, so that which of equal nodes was kept shows in the result.
std::vector<e::Node> placed(std::vector<e::Node> nodes) {
  for (std::size_t i = 0; i < nodes.size(); ++i) nodes[i].span = {static_cast<std::uint32_t>(i), 0};
  return nodes;
}

e::Node has(std::string id, std::string status = "") {
  e::Has h;
  h.concept_id = std::move(id);
  if (!status.empty()) h.status = status;
  return e::Node{std::move(h), {}};
}

using tree_support::cmp;

}  // namespace

// The join inputs the golden lines give: every list of a tree's arguments, every line's subtrees run together (of
// mixed kinds, a subtree beside its own arguments), each of those twice over and once with its second half first,
// and windows over the subtrees of neighbouring lines. The hashed form keeps the same nodes, in the same places,
// as the pairwise one; so does drop_repeats, whichever form it picks.
TEST_CASE("drop_repeats: the hashed form keeps what the pairwise form keeps, on join inputs from the golden lines") {
  std::vector<std::vector<e::Node>> inputs;
  std::vector<e::Node> every;
  for (const auto& tree : golden_trees()) {
    std::vector<e::Node> subtrees;
    tree_support::collect_subtrees(tree, subtrees);
    for (const auto& n : subtrees) {
      if (const auto* all = std::get_if<e::All>(&n.kind)) inputs.push_back(all->args);
      if (const auto* any = std::get_if<e::Any>(&n.kind)) inputs.push_back(any->args);
    }
    if (subtrees.size() > 1) inputs.push_back(subtrees);
    every.insert(every.end(), subtrees.begin(), subtrees.end());
  }
  const std::size_t made = inputs.size();
  for (std::size_t i = 0; i < made; ++i) {
    std::vector<e::Node> twice = inputs[i];
    twice.insert(twice.end(), inputs[i].begin(), inputs[i].end());
    inputs.push_back(std::move(twice));
    std::vector<e::Node> turned(inputs[i].begin() + static_cast<std::ptrdiff_t>(inputs[i].size() / 2), inputs[i].end());
    turned.insert(turned.end(), inputs[i].begin(), inputs[i].end());
    inputs.push_back(std::move(turned));
  }
  for (std::size_t i = 0; i + 64 <= every.size(); i += 8) {
    std::vector<e::Node> window(every.begin() + static_cast<std::ptrdiff_t>(i),
                                every.begin() + static_cast<std::ptrdiff_t>(i) + 64);
    for (std::size_t k = 0; k < 64; k += 5) window.push_back(window[k]);
    inputs.push_back(std::move(window));
  }
  // A tree with a bare field that holds a delimiter (an id that runs into the status after it) reads like one that
  // holds none: the hashes must then be those of the strings, for every node of the list.
  for (std::size_t i = 0; i < 20; ++i) {
    std::vector<e::Node> mixed(every.begin() + static_cast<std::ptrdiff_t>(i * 50),
                               every.begin() + static_cast<std::ptrdiff_t>(i * 50) + 30);
    mixed.insert(mixed.begin() + static_cast<std::ptrdiff_t>(i), has("x", "history"));
    mixed.push_back(has("x status history"));
    mixed.push_back(every[i * 50 + 3]);
    inputs.push_back(std::move(mixed));
  }
  REQUIRE(made > 3000);
  std::size_t long_lists = 0, dropped = 0;
  for (const auto& input : inputs) {
    const std::vector<e::Node> run = placed(input);
    std::vector<e::Node> want = run;
    pairwise_drop_repeats(want);
    std::vector<e::Node> hashed = run;
    d::drop_repeats_hashed(hashed, d::same_form);
    std::vector<e::Node> picked = run;
    d::drop_repeats(picked, d::same_form);
    if (hashed != want || picked != want) {
      std::string shown;
      for (const auto& n : run) shown += e::to_canonical(n) + "\n";
      FAIL_CHECK("kept " << hashed.size() << " and " << picked.size() << " of " << run.size() << ", want "
                         << want.size() << ":\n" << shown);
    }
    long_lists += run.size() >= d::kHashedDedupFrom ? 1 : 0;
    dropped += run.size() - want.size();
  }
  CHECK(long_lists > 1000);
  CHECK(dropped > 50000);
  // join itself on one long list: the same tree as the pairwise form's, joined.
  for (const bool any : {false, true}) {
    std::vector<e::Node> want = placed(inputs.back());
    pairwise_drop_repeats(want);
    CHECK(d::join(placed(inputs.back()), any, {}) == d::flatten(any ? e::make_any(want) : e::make_all(want)));
  }
}

// Equal forms, equal hashes: on pairs of golden subtrees (with repeats) and on the fields the form shows alike
// though they differ (0 and -0 do not; NaNs of one sign do; a unit "ULN" and a value relative to the ULN do).
// Trees whose bare fields hold a delimiter have none. Different forms mostly have different hashes.
TEST_CASE("plain_canonical_hash: equal canonical forms have equal hashes") {
  std::vector<e::Node> nodes;
  for (const auto& tree : golden_trees()) tree_support::collect_subtrees(tree, nodes);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& n : {cmp("alt", 0, "1"), cmp("alt", -0.0, "1"), cmp("alt", nan, "1"), cmp("alt", -nan, "1"),
                        cmp("alt", std::numeric_limits<double>::signaling_NaN(), "1"), cmp("alt", 3, ""),
                        cmp("alt", 3, "?"), cmp("alt", 3, "ULN"), e::make_text("x", e::TextReason::not_understood),
                        e::make_text("x", static_cast<e::TextReason>(7)), e::make_text("x", e::TextReason::judgement)})
    nodes.push_back(n);
  {
    e::Cmp c = std::get<e::Cmp>(cmp("alt", 3, "").kind);
    c.relative_to = e::RelativeTo::uln;
    nodes.push_back(e::Node{c, {}});
    c.cmp = static_cast<e::Comparator>(9);
    nodes.push_back(e::Node{c, {}});
    c.cmp = static_cast<e::Comparator>(12);
    nodes.push_back(e::Node{c, {}});
    c.name = "alt";
    nodes.push_back(e::Node{c, {}});
    e::Has h = std::get<e::Has>(has("stroke").kind);
    h.ahead = true;  // not shown without a window
    nodes.push_back(e::Node{h, {}});
    nodes.push_back(has("stroke"));
    h.within = e::Amount{6, "mo"};
    nodes.push_back(e::Node{h, {}});
    h.ahead = false;
    nodes.push_back(e::Node{h, {}});
  }
  std::unordered_map<std::string, std::uint64_t> hash_of_form;
  std::unordered_map<std::uint64_t, std::string> form_of_hash;
  std::size_t hashed = 0, collisions = 0, not_plain = 0;
  for (const auto& n : nodes) {
    const auto h = e::plain_canonical_hash(n);
    const std::string form = e::to_canonical(n);
    if (!h) {
      ++not_plain;
      continue;
    }
    ++hashed;
    const auto [at, added] = hash_of_form.emplace(form, *h);
    if (!added && at->second != *h) FAIL_CHECK(form << ": two hashes");
    const auto [other, new_hash] = form_of_hash.emplace(*h, form);
    collisions += !new_hash && other->second != form ? 1 : 0;
  }
  CHECK(hashed > 8000);
  CHECK(hash_of_form.size() > 2500);
  CHECK(collisions == 0);
  CHECK(not_plain == 0);  // the golden lines' ids and units hold no delimiter
  CHECK_FALSE(e::plain_canonical_hash(has("x status history")));
  CHECK_FALSE(e::plain_canonical_hash(e::make_all({has("x"), cmp("a b", 1, "1")})));
  CHECK(e::plain_canonical_hash(cmp("alt", 0, "1")) != e::plain_canonical_hash(cmp("alt", -0.0, "1")));
}

// The cost that made join quadratic: a long list of conditions of one kind, each asked against every one kept.
// Counted, not timed: a list of n nodes (distinct, or each twice) costs a few comparisons a node, where the
// pairwise form costs n * n / 2; so does a list with a tree that holds a delimiter, whose hashes are the strings'.
TEST_CASE("drop_repeats: the comparisons grow with the list, not with its square") {
  std::vector<e::Node> leaves;
  for (const auto& tree : golden_trees()) tree_support::collect_subtrees(tree, leaves);
  std::size_t comparisons = 0;
  const auto counted = [&comparisons](const e::Node& a, const e::Node& b) {
    ++comparisons;
    return d::same_form(a, b);
  };
  const auto cost = [&](std::vector<e::Node> nodes) {
    comparisons = 0;
    std::vector<e::Node> want = nodes;
    pairwise_drop_repeats(want);
    d::drop_repeats(nodes, counted);
    CHECK(nodes == want);
    return comparisons;
  };
  const std::size_t n = 4000;
  std::vector<e::Node> texts, values, events;
  for (std::size_t i = 0; i < n; ++i) {
    texts.push_back(e::make_text("adults " + std::to_string(i), e::TextReason::not_understood));
    values.push_back(cmp("hemoglobin", static_cast<double>(i) / 2, "g/dL"));
    events.push_back(has("condition_" + std::to_string(i % (n / 2)), i % 3 ? "" : "active"));
  }
  CHECK(cost(texts) == 0);
  CHECK(cost(values) == 0);
  CHECK(cost(events) <= 2 * n);
  std::vector<e::Node> twice = values;
  twice.insert(twice.end(), values.begin(), values.end());
  CHECK(cost(twice) <= 2 * n);
  std::vector<e::Node> mixed = texts;
  mixed.push_back(has("x status history"));
  mixed.push_back(has("x", "history"));
  CHECK(cost(mixed) <= 2 * n);
  std::vector<e::Node> golden(leaves.begin(), leaves.begin() + static_cast<std::ptrdiff_t>(std::min(leaves.size(), 3 * n)));
  CHECK(cost(golden) <= 3 * golden.size());
}
