// A requirement with a guarded alternative in parentheses after it:
//   "Total bilirubin ≤ 1.5 × ULN (≤ 3 × ULN for patients with Gilbert's syndrome)"
//   "AST and ALT ≤ 2.5 × ULN (≤ 5 × ULN if liver metastases are present)"
// The alternative threshold applies to the same variables inside the guard, the first one outside it:
// all(if(not(G), main), if(G, alternative)) — the same tree as the guard written in a piece of its own.
// A guard the grammar cannot read ("for Asians") is a text a person decides; left out, the main limit
// would apply to everyone. An alternative for some people that cannot be read at all leaves the piece
// to a person rather than stand as a second requirement for everyone ("BMI ≥ 30 (BMI = 25 for Asians)").
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

bool upper_bound(engine::Comparator c) { return c == engine::Comparator::lt || c == engine::Comparator::le; }
bool lower_bound(engine::Comparator c) { return c == engine::Comparator::gt || c == engine::Comparator::ge; }

}  // namespace

// `main` with each comparison's threshold replaced by `th`, or none where one cannot take it.
std::optional<Node> Lowering::with_threshold(const Node& main, const Threshold& th, engine::Span span) {
  if (const auto* c = std::get_if<engine::Cmp>(&main.kind)) {
    if (upper_bound(c->cmp) != upper_bound(th.cmp) || lower_bound(c->cmp) != lower_bound(th.cmp) || !c->name.empty())
      return std::nullopt;
    if (th.value.relative_to != engine::RelativeTo::none) {
      if (c->relative_to != th.value.relative_to) return std::nullopt;
      Node out = main;
      auto& o = std::get<engine::Cmp>(out.kind);
      o.cmp = th.cmp;
      o.value = th.value.value;
      out.span = span;
      return out;
    }
    if (c->relative_to != engine::RelativeTo::none) return std::nullopt;
    return shared_cmp(main, th, span.begin, span.end);
  }
  const std::vector<Node>* args = nullptr;
  if (const auto* all = std::get_if<engine::All>(&main.kind)) args = &all->args;
  if (const auto* any = std::get_if<engine::Any>(&main.kind)) args = &any->args;
  if (!args || args->empty()) return std::nullopt;
  std::vector<Node> each;
  for (const auto& a : *args) {
    auto n = with_threshold(a, th, span);
    if (!n) return std::nullopt;
    each.push_back(std::move(*n));
  }
  return std::holds_alternative<engine::All>(main.kind) ? engine::make_all(std::move(each), span)
                                                         : engine::make_any(std::move(each), span);
}

// The guarded alternative [from, to): "[or] <threshold> <guard>" or "<guard>[,:] <threshold>".
std::optional<std::pair<Threshold, Node>> Lowering::alternative_at(std::size_t from, std::size_t to) {
  std::size_t i = skip_neutral(from, to);
  if (i < to && toks_[i].kind == Tok::or_) i = skip_neutral(i + 1, to);
  Threshold th;
  Node cond;
  bool read = false;
  if (const auto t = bare_threshold(i, to, th)) {
    const std::size_t g = skip_neutral(*t, to);
    if (const auto k = guard(g, to, cond)) read = skip_neutral(*k, to) == to;
    // "(≥ 27.5 kg/m2 for Asians)": whom the guard names is the person's to decide.
    if (g < to && toks_[g].kind == Tok::guard && (!read || engine::has_unlisted(cond))) {
      cond = text_node(toks_[g].begin, toks_[to - 1].end, engine::TextReason::not_understood);
      read = true;
    }
  } else if (const auto k = guard(i, to, cond)) {
    std::size_t j = skip_neutral(*k, to);
    if (j < to && (toks_[j].kind == Tok::comma || toks_[j].kind == Tok::colon)) j = skip_neutral(j + 1, to);
    if (const auto t = bare_threshold(j, to, th)) read = skip_neutral(*t, to) == to;
  }
  if (!read || th.high || engine::has_unlisted(cond)) return std::nullopt;
  return std::pair{th, std::move(cond)};
}

// "BMI ≥ 30 (BMI = 25 for Asians)", "Hb ≥ 9 g/dL (≥ 8 g/dL allowed in case of transfusion)": a comparison
// before the parenthesis, and inside it a comparator and its number, then a guard ("for", "if", "in") or a
// word allowing it for some ("allowed", "acceptable", "permitted").
bool Lowering::limit_for_some(std::size_t b, std::size_t main_end, std::size_t alt_b, std::size_t alt_e) const {
  static constexpr std::string_view allowing[] = {"allowed", "acceptable", "permitted", "accepted", "eligible"};
  bool main_compares = false;
  for (std::size_t x = b; x < main_end; ++x) main_compares = main_compares || toks_[x].kind == Tok::cmp;
  if (!main_compares) return false;
  bool limit = false;
  for (std::size_t x = alt_b; x < alt_e; ++x) {
    if (toks_[x].kind == Tok::cmp && x + 1 < alt_e && toks_[x + 1].kind == Tok::quantity) limit = true;
    if (!limit) continue;
    const auto w = slice(toks_[x].begin, toks_[x].end);
    if (toks_[x].kind == Tok::guard && (iequals(w, "for") || iequals(w, "if") || iequals(w, "in"))) return true;
    if (one_of(w, allowing)) return true;
  }
  return false;
}

std::optional<Node> Lowering::guarded_alternative(std::size_t b, std::size_t e) {
  // The alternative is in parentheses or after ", or".
  if (const TokKinds kinds = kinds_in(b, e); !kinds.has(Tok::rparen) && !(kinds.has(Tok::comma) && kinds.has(Tok::or_)))
    return std::nullopt;
  // Where the requirement ends and its alternative starts: a parenthesis closing the piece, or ", or"
  // before the last part ("AST and ALT ≤ 3 × ULN, or ≤ 5 × ULN for patients with liver metastases").
  std::size_t main_end = e, alt_b = e, alt_e = e;
  std::size_t last = e - 1;  // the piece's last token read: the closing parenthesis, or the end
  std::size_t close = e;
  while (close > b && toks_[close - 1].kind != Tok::rparen && neutral(close - 1)) --close;
  const bool in_parentheses = close > b && toks_[close - 1].kind == Tok::rparen;
  if (in_parentheses) {
    const std::size_t r = close - 1;
    std::size_t p = r;
    while (p > b && toks_[p - 1].kind != Tok::lparen && toks_[p - 1].kind != Tok::rparen) --p;
    if (p <= b + 1 || toks_[p - 1].kind != Tok::lparen) return std::nullopt;
    main_end = p - 1;
    alt_b = p;
    alt_e = r;
    last = r;
  } else {
    for (std::size_t x = b + 1; x + 1 < e; ++x) {
      if (toks_[x].kind == Tok::comma && toks_[x + 1].kind == Tok::or_) {
        main_end = x;
        alt_b = x + 1;
        alt_e = e;
        break;
      }
    }
    if (alt_b == e) return std::nullopt;
  }
  const std::size_t mark = diags_.size();
  auto alternative_read = alternative_at(alt_b, alt_e);
  if (!alternative_read) {
    diags_.resize(mark);
    return in_parentheses && limit_for_some(b, main_end, alt_b, alt_e)
               ? std::optional<Node>(text_node(toks_[b].begin, toks_[last].end, engine::TextReason::not_understood))
               : std::nullopt;
  }
  auto& [th, cond] = *alternative_read;
  auto main = sequence(b, main_end, 0);
  if (!main || !engine::fully_resolved(*main) || contains_has(*main)) {
    diags_.resize(mark);
    return std::nullopt;
  }
  const engine::Span alt_span{toks_[main_end].begin, toks_[alt_e - 1].end};
  auto alternative = with_threshold(*main, th, alt_span);
  if (!alternative) {
    diags_.resize(mark);
    return std::nullopt;
  }
  std::vector<Node> pieces;
  pieces.push_back(std::move(*main));
  pieces.push_back(engine::make_if(std::move(cond), std::move(*alternative), alt_span));
  refine_by_guards(pieces);
  return engine::make_all(std::move(pieces), {toks_[b].begin, toks_[last].end});
}

}  // namespace trialmatch::grammar::detail
