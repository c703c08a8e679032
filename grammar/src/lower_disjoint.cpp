// "Patients younger than 18 years and older than 65 years": two bounds on one variable joined by "and" that no
// value meets together. Read as written the criterion is never met: an exclusion that excludes no one (a
// wrong eligible for a 16-year-old) or an inclusion no one passes. In an exclusion the "and" lists the
// ranges excluded, so they are alternatives; elsewhere the conjunction is left to a person, with a warning.
#include "lower.hpp"
#include "lower_finish.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

bool upper(engine::Comparator c) { return c == engine::Comparator::lt || c == engine::Comparator::le; }
bool lower(engine::Comparator c) { return c == engine::Comparator::gt || c == engine::Comparator::ge; }

// `a` an upper bound and `b` a lower bound on the same variable, in the same unit, that no value meets together.
// Two units of time compare in days: "younger than 6 months and older than 80 years".
bool disjoint(const engine::Cmp& a, const engine::Cmp& b) {
  if (!upper(a.cmp) || !lower(b.cmp) || a.var != b.var || a.name != b.name || a.relative_to != b.relative_to ||
      a.within != b.within)
    return false;
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
  return strict ? low >= high : low > high;
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

void separate_disjoint_pairs(Node& n, bool exclusion, std::string_view text, engine::Diagnostics& diagnostics) {
  auto& args = std::get<engine::All>(n.kind).args;
  // (A pair needs two comparisons among the parts: most conjunctions hold fewer, and are not walked pair by pair.)
  std::size_t comparisons = 0;
  for (const auto& a : args) comparisons += std::holds_alternative<engine::Cmp>(a.kind);
  if (comparisons < 2) return;
  for (std::size_t i = 0; i < args.size(); ++i) {
    for (std::size_t j = 0; j < args.size(); ++j) {
      const auto* a = std::get_if<engine::Cmp>(&args[i].kind);
      const auto* b = i == j ? nullptr : std::get_if<engine::Cmp>(&args[j].kind);
      if (!a || !b || !disjoint(*a, *b)) continue;
      std::size_t on_variable = 0;
      for (const auto& x : args) on_variable += limits_on(x, *a);
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
        i = static_cast<std::size_t>(-1);
        break;
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
}

}  // namespace trialmatch::grammar::detail
