// "T2D (A1c ≥ 5.7%, 2-hour post-load glucose of >140, or FBG of >100)", "Diabetes (HbA1c > 8% or on insulin)":
// alternatives inside parentheses after a condition the grammar read are one item, whatever they hold. Read
// through, the "or" inside joined the first of them to the condition and made the others alternatives to the
// whole piece (any(all(T2D, A1c ≥ 5.7%), ..., FBG > 100): a patient with no diabetes and a fasting glucose of 110
// was eligible). Comparisons on lexicon measures alone are read so in lower.cpp already, and listed kinds of the
// event before ("Cardiovascular disease (heart failure, MI or stroke)") first; this takes the rest.
#include <algorithm>

#include "lower.hpp"
#include "lower_defines.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {
namespace {

// True where `leaf` holds for a node of n outside all() and any() (n itself where it is neither).
template <typename Leaf>
bool some_leaf(const Node& n, const Leaf& leaf) {
  const std::vector<Node>* args = nullptr;
  if (const auto* a = std::get_if<engine::All>(&n.kind)) args = &a->args;
  if (const auto* o = std::get_if<engine::Any>(&n.kind)) args = &o->args;
  if (!args) return leaf(n);
  return std::any_of(args->begin(), args->end(), [&](const Node& x) { return some_leaf(x, leaf); });
}

}  // namespace

// The parenthesis opened at token i and closed at r, holding an "or" at its own depth, after the items read so far
// (`pending`: the connector after the last): its reading as one item, or none where that is not the reading (the
// parenthesis is then read through, as before).
std::optional<Node> Lowering::grouped_alternatives(std::size_t i, std::size_t r, std::size_t depth,
                                                   const std::vector<Item>& items, const std::vector<Conn>& conns,
                                                   Conn pending) {
  const Item* before = !items.empty() && pending == Conn::none ? &items.back() : nullptr;
  // "(i.e. A, B or C)", "(e.g. ...)": what follows restates or gives examples of the thing before (read elsewhere).
  if (restating(i + 1, r) || (i + 1 < r && toks_[i + 1].kind == Tok::examples)) return std::nullopt;
  // "Subject is predominantly breastfeeding (...)": after words the grammar could not read, the parentheses may
  // define them; whichever way they are read through, they stay beside those words.
  // ("predominantly breastfeeding (...)": nor after a condition the unread words right before it qualify, which
  // the two may become one unread phrase with.)
  // ("Use of regular medication, (... are acceptable ...)": after a connector, the parenthesis is no qualifier of
  // the item before; read through, as before.)
  if (!items.empty() && !before) return std::nullopt;
  if (before && (before->text || (items.size() > 1 && items[items.size() - 2].text && conns.back() == Conn::none)))
    return std::nullopt;
  const std::size_t mark = diags_.size();
  auto sub = sequence(i + 1, r, depth + 1);
  bool take = sub && std::holds_alternative<engine::Any>(sub->kind) && engine::partly_typed(*sub);
  // "Use dietary supplements (vitamins, prebiotics, or other bioactive compounds)": events that are kinds of the
  // event before name it, not a second requirement beside it.
  const engine::Concept* head = nullptr;
  if (before && !before->text)
    if (const auto* h = std::get_if<engine::Has>(&before->node.kind)) head = concept_of(h->concept_id);
  if (take && head) {
    take = !some_leaf(*sub, [&](const Node& n) {
      const auto* h = std::get_if<engine::Has>(&n.kind);
      const engine::Concept* c = h ? concept_of(h->concept_id) : nullptr;
      return c && names_kind_of(*head, *c);
    });
  }
  // "Diabetes (HbA1c > 8% or on insulin)": a threshold that only a patient with the condition meets defines it
  // (lower_items.cpp reads the condition as its defining thresholds); whether the other alternatives define it
  // too or ask more of it is read where the threshold is, as before.
  if (take && head && !head->defined_by.empty()) {
    take = !some_leaf(*sub, [&](const Node& n) {
      const auto* c = std::get_if<engine::Cmp>(&n.kind);
      return c && std::find(head->defined_by.begin(), head->defined_by.end(), c->var) != head->defined_by.end() &&
             admits_only_abnormal(*c, lexicon_);
    });
  }
  if (take) return sub;
  diags_.resize(mark);
  return std::nullopt;
}

// "hypertension (by clinical history or hospital BP ≥140/90 on two occasions)": an "or" inside parentheses after
// unread words joins words ("(robotic or laparoscopic)") only where no comparison follows it before the parenthesis
// closes; read as words, it left the comparison after it a requirement of its own (a patient with hypertension on
// record and a blood pressure of 125/80 was ineligible).
bool Lowering::compared_before_close(std::size_t i, std::size_t e) const {
  for (std::size_t x = i + 1, d = 0; x < e; ++x) {
    if (toks_[x].kind == Tok::lparen) ++d;
    if (toks_[x].kind == Tok::rparen && d-- == 0) return false;
    if (toks_[x].kind == Tok::cmp || toks_[x].kind == Tok::cmp_post) return true;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail
