// "Patients younger than 18 years and older than 65 years": two bounds on one variable joined by "and" that no
// value meets together. Read as written the criterion is never met: an exclusion that excludes no one (a
// wrong eligible for a 16-year-old) or an inclusion no one passes. In an exclusion the "and" lists the
// ranges excluded, so they are alternatives; elsewhere the conjunction is left to a person, with a warning.
#include "lower.hpp"
#include "lower_finish.hpp"
#include "lower_disjoint_pairs.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

namespace trialmatch::grammar::detail {

namespace {

bool upper(engine::Comparator c) { return c == engine::Comparator::lt || c == engine::Comparator::le; }
bool lower(engine::Comparator c) { return c == engine::Comparator::gt || c == engine::Comparator::ge; }

// `a` an upper bound and `b` a lower bound on the same variable, in the same unit, that no value meets together.
// Two units of time compare in days: "younger than 6 months and older than 80 years". (The numbers are asked before
// the variable: most pairs of bounds on one variable are a range some value meets, "Age 18-64", refused there before
// the variables' strings are compared. All the tests are asked of every pair that passes, in any order.)
bool disjoint(const engine::Cmp& a, const engine::Cmp& b) {
  if (!upper(a.cmp) || !lower(b.cmp) || a.relative_to != b.relative_to) return false;
  double high = a.value, low = b.value;
  if (a.unit != b.unit) {
    // (A lexicon variable only: two numbers in different units on one unlisted name are more likely two
    // quantities the open reading named alike, "a recent (<48h) ICU entry ... for at least 3 days".)
    if (!a.name.empty()) return false;
    const double a_days = days_in(a.unit), b_days = days_in(b.unit);
    if (a_days == 0 || b_days == 0) return false;
    high *= a_days;
    low *= b_days;
  }
  const bool strict = a.cmp == engine::Comparator::lt || b.cmp == engine::Comparator::gt;
  if (!(strict ? low >= high : low > high)) return false;
  return a.var == b.var && a.name == b.name && a.within == b.within;
}

// How many comparisons in `n` (at any depth) are on the variable of `c`.
std::size_t limits_on(const Node& n, const engine::Cmp& c) {
  if (const auto* x = std::get_if<engine::Cmp>(&n.kind)) return x->var == c.var && x->name == c.name ? 1 : 0;
  std::size_t count = 0;
  if (const auto* all = std::get_if<engine::All>(&n.kind))
    for (const auto& a : all->args) count += limits_on(a, c);
  if (const auto* any = std::get_if<engine::Any>(&n.kind))
    for (const auto& a : any->args) count += limits_on(a, c);
  if (const auto* neg = std::get_if<engine::Not>(&n.kind)) count += limits_on(*neg->arg, c);
  if (const auto* guarded = std::get_if<engine::If>(&n.kind)) count += limits_on(*guarded->cond, c) + limits_on(*guarded->then, c);
  return count;
}

}  // namespace

// In place: most trees hold no such pair, and their nodes then stay where they are (passed by value, every
// node of the tree was moved out and back).
void separate_disjoint_bounds(Node& n, bool exclusion, std::string_view text, engine::Diagnostics& diagnostics) {
  // (Under a `not` the pair would be always true instead: rare, and left as read.)
  if (auto* guarded = std::get_if<engine::If>(&n.kind)) {
    separate_disjoint_bounds(*guarded->then, exclusion, text, diagnostics);
    return;
  }
  if (auto* any = std::get_if<engine::Any>(&n.kind)) {
    for (auto& a : any->args) separate_disjoint_bounds(a, exclusion, text, diagnostics);
    return;
  }
  auto* all = std::get_if<engine::All>(&n.kind);
  if (!all) return;
  for (auto& a : all->args) separate_disjoint_bounds(a, exclusion, text, diagnostics);
  separate_disjoint_pairs(n, exclusion, text, diagnostics);
}

namespace {

// The places of the bounds among a few parts (up to kFewParts), a bit each: upper bounds and lower bounds.
constexpr std::size_t kFewParts = 8;
struct BoundPlaces {
  unsigned uppers = 0, lowers = 0;
};

BoundPlaces bound_places(const std::vector<Node>& args) {
  BoundPlaces places;
  for (std::size_t x = 0; x < args.size(); ++x)
    if (const auto* c = std::get_if<engine::Cmp>(&args[x].kind)) {
      if (upper(c->cmp)) places.uppers |= 1u << x;
      else if (lower(c->cmp)) places.lowers |= 1u << x;
    }
  return places;
}

// first_disjoint among a few parts whose bounds are `places`: each upper bound i, then each lower bound j, in the
// parts' order (the pairs the walk of every i, then every j, could find: disjoint's first tests refuse the others).
std::pair<std::size_t, std::size_t> first_disjoint_among(const std::vector<Node>& args, BoundPlaces places) {
  for (unsigned u = places.uppers; u != 0; u &= u - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(u));
    const auto& a = *std::get_if<engine::Cmp>(&args[i].kind);
    for (unsigned l = places.lowers; l != 0; l &= l - 1) {
      const auto j = static_cast<std::size_t>(std::countr_zero(l));
      if (disjoint(a, *std::get_if<engine::Cmp>(&args[j].kind))) return {i, j};
    }
  }
  return {args.size(), args.size()};
}

// The first pair (i, j) of `args`, in the order of a walk of every i, then every j, whose comparisons no value meets
// together; {n, n} where none. Only an upper bound (i) and a lower bound (j) on one variable can pair (disjoint's
// first tests): past a few parts, each upper bound asks the lower bounds on its variable alone
// (lower_disjoint_pairs.hpp; the walk of every pair was quadratic over a long list of bounds, "hemoglobin < 10
// g/dL, " repeated). A few parts are walked bound by bound, as listing them would cost more.
std::pair<std::size_t, std::size_t> first_disjoint(const std::vector<Node>& args) {
  const std::size_t n = args.size();
  if (n <= kFewParts) return first_disjoint_among(args, bound_places(args));
  thread_local std::vector<Bound> uppers, lowers;
  uppers.clear();
  lowers.clear();
  for (std::size_t x = 0; x < n; ++x)
    if (const auto* c = std::get_if<engine::Cmp>(&args[x].kind)) {
      if (upper(c->cmp)) uppers.push_back({c->var, static_cast<std::uint32_t>(x)});
      else if (lower(c->cmp)) lowers.push_back({c->var, static_cast<std::uint32_t>(x)});
    }
  return first_disjoint_pair(uppers, lowers, n, [&](std::size_t u, std::size_t l) {
    return disjoint(std::get<engine::Cmp>(args[u].kind), std::get<engine::Cmp>(args[l].kind));
  });
}

// separate_disjoint_pairs where the parts hold a pair no value meets together, `found` (first_disjoint's answer).
// (Out of line: most conjunctions hold no such pair.)
[[gnu::noinline]] void separate_bounds_found(Node& n, std::pair<std::size_t, std::size_t> found, bool exclusion,
                                             std::string_view text, engine::Diagnostics& diagnostics) {
  auto& args = std::get<engine::All>(n.kind).args;
  for (;; found = first_disjoint(args)) {
    const auto [i, j] = found;
    if (i == args.size()) return;
    const auto& a = std::get<engine::Cmp>(args[i].kind);
    std::size_t on_variable = 0;
    for (const auto& x : args) on_variable += limits_on(x, a);
    if (exclusion && on_variable == 2) {
      const std::size_t first = std::min(i, j), second = std::max(i, j);
      const engine::Span span{std::min(args[first].span.begin, args[second].span.begin),
                              std::max(args[first].span.end, args[second].span.end)};
      std::vector<Node> both;
      both.push_back(std::move(args[first]));
      both.push_back(std::move(args[second]));
      args[first] = engine::make_any(std::move(both), span);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(second));
      if (args.size() == 1) {
        Node only = std::move(args.front());
        n = std::move(only);
        return;
      }
      // Look again for a pair on another variable; the parts below were read already.
      continue;
    }
    // An inclusion, or more limits on the variable than the pair ("≥ 7.8 and < 11.1 OR ... < 7.8"): the
    // conjunction itself is misread somewhere, so the whole of it goes to a person.
    // The words of its parts, without a list marker the line's span may hold.
    engine::Span span{args.front().span.begin, args.front().span.end};
    for (const auto& x : args) span = {std::min(span.begin, x.span.begin), std::max(span.end, x.span.end)};
    diagnostics.push_back({engine::Severity::warning,
                           "limits no value meets together, joined by 'and': kept as text", span.begin, span.end});
    n = engine::make_text(trim(text.substr(span.begin, span.end - span.begin)), engine::TextReason::not_understood,
                          span);
    return;
  }
}

}  // namespace

void separate_disjoint_pairs(Node& n, bool exclusion, std::string_view text, engine::Diagnostics& diagnostics) {
  // (A pair needs an upper and a lower bound among the parts: most conjunctions hold neither two, and are not
  // looked at again. Where one of them is missing, no pair is disjoint and the walk of every pair changed nothing.)
  const auto& args = std::get<engine::All>(n.kind).args;
  std::pair<std::size_t, std::size_t> found;
  if (args.size() <= kFewParts) {
    const BoundPlaces places = bound_places(args);
    if (places.uppers == 0 || places.lowers == 0) return;
    found = first_disjoint_among(args, places);
  } else {
    bool any_upper = false, any_lower = false;
    for (const auto& a : args)
      if (const auto* c = std::get_if<engine::Cmp>(&a.kind)) {
        any_upper = any_upper || upper(c->cmp);
        any_lower = any_lower || lower(c->cmp);
      }
    if (!any_upper || !any_lower) return;
    found = first_disjoint(args);
  }
  if (found.first != args.size()) separate_bounds_found(n, found, exclusion, text, diagnostics);
}

}  // namespace trialmatch::grammar::detail
