// separate_disjoint_pairs (grammar/src/lower_disjoint.cpp) asks only an upper and a lower bound on one variable
// (lower_disjoint_pairs.hpp): against the walk of every (i, j) it replaced, kept here as the oracle, on every `all`
// of the trees of the golden lines (and of spans of some) and on random `all`s of up to 400 parts, in an exclusion
// and not; and the pairs it asks counted on long lists of bounds, which the old walk made quadratic.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_disjoint_pairs.hpp"
#include "../../grammar/src/lower_finish.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/tokens.hpp"
#include "../../grammar/src/units_read.hpp"
#include "golden_support.hpp"
#include "tree_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;
namespace d = trialmatch::grammar::detail;

namespace {

// ---- The oracle: lower_disjoint.cpp's pair walk as it was (its helpers unchanged, copied). ----
bool old_upper(e::Comparator c) { return c == e::Comparator::lt || c == e::Comparator::le; }
bool old_lower(e::Comparator c) { return c == e::Comparator::gt || c == e::Comparator::ge; }

bool old_disjoint(const e::Cmp& a, const e::Cmp& b) {
  if (!old_upper(a.cmp) || !old_lower(b.cmp) || a.var != b.var || a.name != b.name || a.relative_to != b.relative_to ||
      a.within != b.within)
    return false;
  double high = a.value, low = b.value;
  if (a.unit != b.unit) {
    if (!a.name.empty()) return false;
    const double a_days = g::days_in(a.unit), b_days = g::days_in(b.unit);
    if (a_days == 0 || b_days == 0) return false;
    high *= a_days;
    low *= b_days;
  }
  const bool strict = a.cmp == e::Comparator::lt || b.cmp == e::Comparator::gt;
  return strict ? low >= high : low > high;
}

std::size_t old_limits_on(const e::Node& n, const e::Cmp& c) {
  if (const auto* x = std::get_if<e::Cmp>(&n.kind)) return x->var == c.var && x->name == c.name ? 1 : 0;
  std::size_t count = 0;
  if (const auto* all = std::get_if<e::All>(&n.kind))
    for (const auto& a : all->args) count += old_limits_on(a, c);
  if (const auto* any = std::get_if<e::Any>(&n.kind))
    for (const auto& a : any->args) count += old_limits_on(a, c);
  if (const auto* neg = std::get_if<e::Not>(&n.kind)) count += old_limits_on(*neg->arg, c);
  if (const auto* guarded = std::get_if<e::If>(&n.kind))
    count += old_limits_on(*guarded->cond, c) + old_limits_on(*guarded->then, c);
  return count;
}

// `asked` counts the pairs given to old_disjoint.
void old_separate_disjoint_pairs(e::Node& n, bool exclusion, std::string_view text, e::Diagnostics& diagnostics,
                                 std::size_t& asked) {
  auto& args = std::get<e::All>(n.kind).args;
  std::size_t comparisons = 0;
  for (const auto& a : args) comparisons += std::holds_alternative<e::Cmp>(a.kind);
  if (comparisons < 2) return;
  for (std::size_t i = 0; i < args.size(); ++i) {
    for (std::size_t j = 0; j < args.size(); ++j) {
      const auto* a = std::get_if<e::Cmp>(&args[i].kind);
      const auto* b = i == j ? nullptr : std::get_if<e::Cmp>(&args[j].kind);
      if (!a || !b) continue;
      ++asked;
      if (!old_disjoint(*a, *b)) continue;
      std::size_t on_variable = 0;
      for (const auto& x : args) on_variable += old_limits_on(x, *a);
      if (exclusion && on_variable == 2) {
        const std::size_t first = std::min(i, j), second = std::max(i, j);
        const e::Span span{std::min(args[first].span.begin, args[second].span.begin),
                           std::max(args[first].span.end, args[second].span.end)};
        std::vector<e::Node> both;
        both.push_back(std::move(args[first]));
        both.push_back(std::move(args[second]));
        args[first] = e::make_any(std::move(both), span);
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(second));
        if (args.size() == 1) {
          e::Node only = std::move(args.front());
          n = std::move(only);
          return;
        }
        i = static_cast<std::size_t>(-1);
        break;
      }
      e::Span span{args.front().span.begin, args.front().span.end};
      for (const auto& x : args) span = {std::min(span.begin, x.span.begin), std::max(span.end, x.span.end)};
      diagnostics.push_back({e::Severity::warning, "limits no value meets together, joined by 'and': kept as text",
                             span.begin, span.end});
      n = e::make_text(d::trim(text.substr(span.begin, span.end - span.begin)), e::TextReason::not_understood, span);
      return;
    }
  }
}

using tree_support::warnings;

struct Counts {
  int alls = 0;
  int changed = 0;  // `all`s the pair walk changed
};

// Old and new on copies of one `all`, in an exclusion and not: the same node and the same warnings.
void check_all(const e::Node& all, std::string_view text, Counts& counts) {
  for (const bool exclusion : {false, true}) {
    e::Node old_node = all, new_node = all;
    e::Diagnostics old_diags, new_diags;
    std::size_t asked = 0;
    old_separate_disjoint_pairs(old_node, exclusion, text, old_diags, asked);
    d::separate_disjoint_pairs(new_node, exclusion, text, new_diags);
    CAPTURE(e::to_canonical(all));
    CHECK(new_node == old_node);
    CHECK(warnings(new_diags) == warnings(old_diags));
    ++counts.alls;
    counts.changed += !(old_node == all);
  }
}

// Every `all` in `n`, at any depth.
void check_every_all(const e::Node& n, std::string_view text, Counts& counts) {
  if (const auto* all = std::get_if<e::All>(&n.kind)) {
    check_all(n, text, counts);
    for (const auto& a : all->args) check_every_all(a, text, counts);
  }
  if (const auto* any = std::get_if<e::Any>(&n.kind))
    for (const auto& a : any->args) check_every_all(a, text, counts);
  if (const auto* neg = std::get_if<e::Not>(&n.kind)) check_every_all(*neg->arg, text, counts);
  if (const auto* guarded = std::get_if<e::If>(&n.kind)) {
    check_every_all(*guarded->cond, text, counts);
    check_every_all(*guarded->then, text, counts);
  }
}

void check_line(const std::string& text, Counts& counts) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  for (const auto lists : {g::ListReading::as_written, g::ListReading::all, g::ListReading::any}) {
    CAPTURE(text);
    e::Diagnostics diags;
    d::Lowering lowering(text, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, diags);
    e::Node tree;
    lowering.line(tree);
    check_every_all(tree, text, counts);
  }
}

// A comparison over text [b, b + 8).
e::Node bound(std::string var, std::string name, e::Comparator c, double value, std::string unit, std::uint32_t b) {
  e::Cmp k;
  k.var = std::move(var);
  k.name = std::move(name);
  k.cmp = c;
  k.value = value;
  k.unit = std::move(unit);
  return e::Node{std::move(k), {b, b + 8}};
}

// A random part at text [10 k, 10 k + 8): mostly bounds on a few variables, in a few units, some with a window or
// under an `any` or a `not` (which limits_on counts), some events and text.
e::Node random_part(std::mt19937& rng, std::uint32_t k) {
  static const char* vars[] = {"age", "hemoglobin", "platelets", "foo_level", "bar"};
  static const e::Comparator cmps[] = {e::Comparator::lt, e::Comparator::le, e::Comparator::gt, e::Comparator::ge,
                                       e::Comparator::eq};
  static const double values[] = {1, 5, 10, 18, 65, 100};
  static const char* units[] = {"a", "mo", "d", "g/dL", ""};
  const std::uint32_t b = 10 * k;
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const auto one_bound = [&] {
    const std::size_t v = pick(5);
    e::Node n = bound(vars[v], v >= 3 && pick(2) ? "foo level" : "", cmps[pick(5)], values[pick(6)], units[pick(5)], b);
    if (pick(8) == 0) std::get<e::Cmp>(n.kind).within = e::Amount{3, "mo"};
    return n;
  };
  switch (pick(10)) {
    case 0: {
      e::Has h;
      h.concept_id = "diabetes";
      return e::Node{std::move(h), {b, b + 8}};
    }
    case 1: return e::make_text("words", e::TextReason::not_understood, {b, b + 8});
    case 2: {
      std::vector<e::Node> two;
      two.push_back(one_bound());
      two.push_back(one_bound());
      return e::make_any(std::move(two), {b, b + 8});
    }
    case 3: return e::make_not(one_bound(), {b, b + 8});
    default: return one_bound();
  }
}

}  // namespace

TEST_CASE("separate_disjoint_pairs: as the walk of every pair, on the golden lines' trees and random lists") {
  Counts counts;
  for (const auto& line : golden_support::all_criterion_lines()) check_line(line, counts);
  // Trees of every span of up to 6 tokens of the lines of bounds.
  for (const auto& line : golden_support::criterion_lines({"bounds", "measures"})) {
    const std::vector<g::Token> tokens = g::tokenize(line, e::Lexicon::builtin());
    for (std::size_t from = 0; from < tokens.size(); ++from)
      for (std::size_t to = from + 1; to <= tokens.size() && to - from <= 6; ++to)
        check_line(line.substr(tokens[from].begin, tokens[to - 1].end - tokens[from].begin), counts);
  }
  const int golden_changed = counts.changed;
  CHECK(golden_changed > 10);
  // Random `all`s: short ones many times, and long ones.
  std::mt19937 rng(27);
  const std::string text(4000, 'x');
  for (int round = 0; round < 4000; ++round) {
    const std::uint32_t size = round < 3900 ? 2 + static_cast<std::uint32_t>(rng() % 12) : 2 + static_cast<std::uint32_t>(rng() % 399);
    std::vector<e::Node> parts;
    for (std::uint32_t k = 0; k < size; ++k) parts.push_back(random_part(rng, k));
    check_all(e::make_all(std::move(parts), {0, 10 * size}), text, counts);
  }
  CHECK(counts.changed - golden_changed > 500);
  MESSAGE("alls: ", counts.alls, ", changed ", counts.changed, " (golden ", golden_changed, ")");
}

TEST_CASE("separate_disjoint_pairs: a long list of bounds asks a pair per bound at most, not every pair") {
  const std::string text(8000, 'x');
  // The parts' bounds as separate_disjoint_pairs lists them; the pairs first_disjoint_pair asks, counted.
  const auto pairs_asked = [](const std::vector<e::Node>& args) {
    std::vector<d::Bound> uppers, lowers;
    for (std::size_t x = 0; x < args.size(); ++x)
      if (const auto* c = std::get_if<e::Cmp>(&args[x].kind)) {
        if (old_upper(c->cmp)) uppers.push_back({c->var, static_cast<std::uint32_t>(x)});
        else if (old_lower(c->cmp)) lowers.push_back({c->var, static_cast<std::uint32_t>(x)});
      }
    std::size_t asked = 0;
    const auto found = d::first_disjoint_pair(uppers, lowers, args.size(), [&](std::size_t u, std::size_t l) {
      ++asked;
      return old_disjoint(std::get<e::Cmp>(args[u].kind), std::get<e::Cmp>(args[l].kind));
    });
    CHECK(found.first == args.size());
    return asked;
  };
  const auto old_asked = [&](const std::vector<e::Node>& args) {
    e::Node all = e::make_all(args, {0, 8000});
    e::Diagnostics diags;
    std::size_t asked = 0;
    old_separate_disjoint_pairs(all, true, text, diags, asked);
    return asked;
  };
  for (const std::uint32_t n : {1u, 10u, 100u, 399u}) {
    CAPTURE(n);
    // "hemoglobin < N.5 g/dL, " n times: upper bounds only.
    std::vector<e::Node> same_way;
    for (std::uint32_t k = 0; k < n; ++k)
      same_way.push_back(bound("hemoglobin", "", e::Comparator::lt, k + 0.5, "g/dL", 10 * k));
    CHECK(pairs_asked(same_way) == 0);
    CHECK(old_asked(same_way) == std::size_t{n} * (n - 1));
    // An upper and a lower bound on each of n variables that meet ("x_k < 10 and y > 5"), none disjoint: each
    // upper bound asks its variable's lower bound alone.
    std::vector<e::Node> both_ways;
    for (std::uint32_t k = 0; k < n; ++k) {
      both_ways.push_back(bound("v" + std::to_string(k), "", e::Comparator::lt, 10, "g/dL", 20 * k));
      both_ways.push_back(bound("v" + std::to_string(k), "", e::Comparator::gt, 5, "g/dL", 20 * k + 10));
    }
    CHECK(pairs_asked(both_ways) == n);
    CHECK(old_asked(both_ways) == std::size_t{2 * n} * (2 * n - 1));
  }
}
