// Guarded requirements across the parts of a line, and what a guard means in an exclusion.
//
// "Total bilirubin >2.5×ULN; if combined with Gilbert syndrome, total bilirubin >3×ULN": the guarded
// part refines the earlier part on the same variable, which then holds for those outside the guard.
// In an exclusion, "X for subjects ≥18" excludes those who are ≥18 and have X: the guard is one more
// condition of the exclusion (all), never a vacuous truth for those outside it.
#include <set>
#include <string>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

void collect_variables(const Node& n, std::set<std::string>& out) {
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, engine::Cmp>) {
          out.insert(k.var);
        } else if constexpr (std::is_same_v<K, engine::All> || std::is_same_v<K, engine::Any>) {
          for (const auto& a : k.args) collect_variables(a, out);
        } else if constexpr (std::is_same_v<K, engine::Not>) {
          collect_variables(*k.arg, out);
        } else if constexpr (std::is_same_v<K, engine::If>) {
          collect_variables(*k.then, out);
        }
      },
      n.kind);
}

}  // namespace

bool share_a_variable(const Node& a, const Node& b) {
  std::set<std::string> va, vb;
  collect_variables(a, va);
  collect_variables(b, vb);
  for (const auto& v : va)
    if (vb.count(v)) return true;
  return false;
}


void refine_by_guards(std::vector<Node>& pieces) {
  for (std::size_t k = 1; k < pieces.size(); ++k) {
    // The guarded requirement is the piece, or a part of it beside words left as text ("AST ≤ 5 × ULN if liver
    // metastases, confirmed by imaging"): the earlier requirement must not hold for those inside the guard either.
    const engine::If* guarded = std::get_if<engine::If>(&pieces[k].kind);
    if (const auto* all = std::get_if<engine::All>(&pieces[k].kind); all && !guarded)
      for (const auto& a : all->args)
        if (const auto* g = std::get_if<engine::If>(&a.kind); g && !guarded) guarded = g;
    if (!guarded) continue;
    for (std::size_t m = 0; m < k; ++m) {
      if (std::holds_alternative<engine::If>(pieces[m].kind) || !share_a_variable(pieces[m], *guarded->then)) continue;
      const engine::Span span = pieces[m].span;
      pieces[m] = engine::make_if(engine::make_not(*guarded->cond, guarded->cond->span), std::move(pieces[m]), span);
    }
  }
}

// True where guards_as_conjuncts would give n back as it is: no guard in it (outside a `not`), and no
// conjunction it would collapse (one argument) or flatten (a conjunction directly inside another). Most
// trees are so; they are then not moved through it argument by argument.
bool guards_unchanged(const Node& n) {
  if (std::holds_alternative<engine::If>(n.kind)) return false;
  if (const auto* all = std::get_if<engine::All>(&n.kind)) {
    if (all->args.size() == 1) return false;
    for (const auto& a : all->args)
      if (std::holds_alternative<engine::All>(a.kind) || !guards_unchanged(a)) return false;
    return true;
  }
  if (const auto* any = std::get_if<engine::Any>(&n.kind)) {
    for (const auto& a : any->args)
      if (!guards_unchanged(a)) return false;
  }
  return true;
}

Node guards_as_conjuncts(Node n) {
  if (guards_unchanged(n)) return n;
  if (auto* guarded = std::get_if<engine::If>(&n.kind)) {
    const engine::Span span = n.span;
    std::vector<Node> both;
    both.push_back(std::move(*guarded->cond));
    both.push_back(guards_as_conjuncts(std::move(*guarded->then)));
    return flatten(engine::make_all(std::move(both), span));
  }
  if (auto* all = std::get_if<engine::All>(&n.kind)) {
    // "<11 g/dL in females and <12 g/dL in males": requirements for different people, each of
    // which excludes those it covers; together they are alternatives, not one conjunction.
    std::vector<Node> guarded, rest;
    for (auto& a : all->args)
      (std::holds_alternative<engine::If>(a.kind) ? guarded : rest).push_back(std::move(a));
    if (guarded.size() > 1) {
      std::vector<Node> alternatives;
      for (auto& g : guarded) alternatives.push_back(guards_as_conjuncts(std::move(g)));
      rest.push_back(engine::make_any(std::move(alternatives), n.span));
    } else {
      for (auto& g : guarded) rest.push_back(std::move(g));
    }
    for (auto& a : rest) a = guards_as_conjuncts(std::move(a));
    if (rest.size() == 1) return std::move(rest.front());
    all->args = std::move(rest);
    return flatten(std::move(n));
  }
  if (auto* any = std::get_if<engine::Any>(&n.kind)) {
    for (auto& a : any->args) a = guards_as_conjuncts(std::move(a));
    return n;
  }
  return n;  // under a `not` a guard keeps its own reading
}

}  // namespace trialmatch::grammar::detail
