// finish_tree (grammar/src/lower_finish.cpp): the line's tree once line() has read it, disjoint bounds separated and
// events' starts marked in one walk. Its oracle is the three walks it replaced, in their order: separate_disjoint_bounds,
// mark_onsets, mark_state_starts. Both are given the tree line() reads (before codes are written: neither reads them)
// of every golden line and of every span of up to 6 tokens of some, in each list reading, and trees made by hand that
// put the nodes the walks act on under each kind of node. The events' codes it writes in the same walk are checked
// against Lowering::write_codes, the walk of their own that wrote them after it, on the golden lines' trees.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_finish.hpp"
#include "../../grammar/src/lower_onset.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"
#include "tree_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

using tree_support::warnings;

struct Counts {
  int trees = 0;
  int separated = 0;  // trees the separation changed
  int marked = 0;     // trees a mark changed
  int coded = 0;      // trees holding an event's codes
};

// The three walks, then finish_tree, on copies of `tree`: the same tree and the same warnings.
void check_tree(const e::Node& tree, bool exclusion, std::string_view text, Counts& counts) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  e::Node walked = tree;
  e::Diagnostics walked_diags;
  g::detail::separate_disjoint_bounds(walked, exclusion, text, walked_diags);
  const e::Node separated = walked;
  g::detail::mark_onsets(text, walked);
  g::detail::mark_state_starts(text, lexicon, walked);
  e::Node finished = tree;
  e::Diagnostics finished_diags;
  g::detail::finish_tree(finished, exclusion, text, lexicon, finished_diags);
  CHECK(finished == walked);
  CHECK(warnings(finished_diags) == warnings(walked_diags));
  ++counts.trees;
  counts.separated += !(separated == tree);
  counts.marked += !(separated == walked);
}

bool holds_codes(const e::Node& n) {
  if (const auto* h = std::get_if<e::Has>(&n.kind)) return !h->codes.empty();
  if (const auto* all = std::get_if<e::All>(&n.kind))
    return std::any_of(all->args.begin(), all->args.end(), holds_codes);
  if (const auto* any = std::get_if<e::Any>(&n.kind))
    return std::any_of(any->args.begin(), any->args.end(), holds_codes);
  if (const auto* no = std::get_if<e::Not>(&n.kind)) return holds_codes(*no->arg);
  if (const auto* guarded = std::get_if<e::If>(&n.kind)) return holds_codes(*guarded->cond) || holds_codes(*guarded->then);
  return false;
}

// The codes written in finish_tree's walk (lowering.coder()) against the walk of their own after it that wrote them
// before (Lowering::write_codes, kept as the oracle): the same tree.
void check_codes(const g::detail::Lowering& lowering, const e::Node& tree, bool exclusion, std::string_view text,
                 Counts& counts) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  e::Node walked = tree;
  e::Diagnostics walked_diags;
  g::detail::finish_tree(walked, exclusion, text, lexicon, walked_diags);
  lowering.write_codes(walked);
  e::Node finished = tree;
  e::Diagnostics finished_diags;
  g::detail::finish_tree(finished, exclusion, text, lexicon, finished_diags, lowering.coder());
  CHECK(finished == walked);
  counts.coded += holds_codes(walked);
}

void check_line(const std::string& text, Counts& counts) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  for (const auto lists : {g::ListReading::as_written, g::ListReading::all, g::ListReading::any}) {
    CAPTURE(text);
    e::Diagnostics diags;
    g::detail::Lowering lowering(text, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, diags);
    e::Node tree;
    lowering.line(tree);
    check_tree(tree, lists == g::ListReading::any, text, counts);
    check_codes(lowering, tree, lists == g::ListReading::any, text, counts);
  }
}

e::Node cmp(const char* var, e::Comparator c, double value, const char* unit, e::Span span) {
  e::Cmp k;
  k.var = var;
  k.cmp = c;
  k.value = value;
  k.unit = unit;
  return e::Node{std::move(k), span};
}

// "younger than 18 years and older than 65 years" as an `all` of its two bounds (text [b, b + 44)).
e::Node disjoint_ages(std::uint32_t b) {
  std::vector<e::Node> both;
  both.push_back(cmp("age", e::Comparator::lt, 18, "a", {b, b + 21}));
  both.push_back(cmp("age", e::Comparator::gt, 65, "a", {b + 26, b + 44}));
  return e::make_all(std::move(both), {b, b + 44});
}

// An event read with a window over text [b, e) (the words mark_onset reads).
e::Node event_within(const char* concept_id, std::uint32_t b, std::uint32_t e) {
  e::Has h;
  h.concept_id = concept_id;
  h.within = e::Amount{30, "d"};
  return e::Node{std::move(h), {b, e}};
}

}  // namespace

TEST_CASE("finish_tree: as separate_disjoint_bounds, mark_onsets and mark_state_starts one after another") {
  Counts counts;
  for (const auto& line : golden_support::criterion_lines(
           {"bounds", "constructions", "counts", "lct_registry", "seeds", "windows", "windows_context", "windows_s9",
            "dates", "audit_s18", "review_s10", "lead_ins_s12", "cohorts", "headings_s12", "alternatives", "measures"}))
    check_line(line, counts);
  // Trees of every span of up to 6 tokens of some lines: parts of lines, with their separations and marks.
  for (const auto& line : golden_support::criterion_lines({"bounds", "windows", "audit_s18", "review_s10"})) {
    const std::vector<g::Token> tokens = g::tokenize(line, e::Lexicon::builtin());
    for (std::size_t from = 0; from < tokens.size(); ++from)
      for (std::size_t to = from + 1; to <= tokens.size() && to - from <= 6; ++to)
        check_line(line.substr(tokens[from].begin, tokens[to - 1].end - tokens[from].begin), counts);
  }
  // (Both acted on some trees.)
  CHECK(counts.separated > 10);
  CHECK(counts.marked > 10);
  CHECK(counts.coded > 1000);
  MESSAGE("trees: ", counts.trees, ", separated ", counts.separated, ", marked ", counts.marked, ", coded ",
          counts.coded);
}

TEST_CASE("finish_tree: separates where the walk reaches through all, any and a guard's then, marks everywhere") {
  // Text long enough for every span below: the ages at 0, an event's words at 50 (its onset named: mark_onset), a
  // procedure's at 84 (its start, "less than ... prior": mark_state_start).
  const std::string text = std::string(50, 'x') + "newly diagnosed AML within 30 days" +
                           "ventilated less than 24 hours prior to enrollment";
  int made = 0;
  const auto event = [&] {
    return ++made % 2 ? event_within("acute_myeloid_leukemia", 50, 84) : event_within("mechanical_ventilation", 84, 133);
  };
  const auto guarded = [&](e::Node cond, e::Node then) { return e::make_if(std::move(cond), std::move(then), {0, 84}); };
  const auto listed = [](bool any, e::Node a, e::Node b) {
    std::vector<e::Node> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return any ? e::make_any(std::move(args), {0, 84}) : e::make_all(std::move(args), {0, 84});
  };
  std::vector<e::Node> trees;
  trees.push_back(disjoint_ages(0));
  trees.push_back(listed(false, disjoint_ages(0), event()));
  trees.push_back(listed(true, disjoint_ages(0), event()));
  trees.push_back(e::make_not(disjoint_ages(0), {0, 44}));
  trees.push_back(e::make_not(listed(false, event(), disjoint_ages(0)), {0, 84}));
  trees.push_back(guarded(disjoint_ages(0), event()));
  trees.push_back(guarded(event(), disjoint_ages(0)));
  trees.push_back(guarded(listed(false, event(), disjoint_ages(0)), listed(true, disjoint_ages(0), event())));
  // An `all` whose pair leaves it one part, and one of three parts whose pair becomes an `any`.
  {
    std::vector<e::Node> three;
    three.push_back(cmp("age", e::Comparator::lt, 18, "a", {0, 21}));
    three.push_back(event());
    three.push_back(cmp("age", e::Comparator::gt, 65, "a", {26, 44}));
    trees.push_back(e::make_all(std::move(three), {0, 84}));
  }
  trees.push_back(listed(false, listed(false, disjoint_ages(0), event()), listed(true, event(), disjoint_ages(0))));
  Counts counts;
  for (const e::Node& tree : trees)
    for (const bool exclusion : {false, true}) {
      CAPTURE(e::to_canonical(tree));
      check_tree(tree, exclusion, text, counts);
    }
  CHECK(counts.separated >= 12);
  CHECK(counts.marked >= 12);
}
