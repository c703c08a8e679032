// How the items of a piece combine, and how a line splits into pieces.
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar {
namespace detail {

Node Lowering::combine(std::vector<Item>& items, std::vector<Conn>& conns) const {
  // A comma takes the meaning of the list's last connector ("A, B or C"); a list of events with no
  // last connector is a list of alternatives, a list of thresholds is a list of requirements.
  for (std::size_t k = 0; k < conns.size(); ++k) {
    if (conns[k] == Conn::slash) conns[k] = Conn::or_;
    if (conns[k] != Conn::comma) continue;
    Conn next = Conn::none;
    for (std::size_t m = k + 1; m < conns.size(); ++m)
      if (conns[m] == Conn::and_ || conns[m] == Conn::or_) { next = conns[m]; break; }
      else if (conns[m] != Conn::comma) break;
    if (next == Conn::none) {
      // A comma list with conditions in it is a list of alternatives; one of thresholds, of requirements.
      std::size_t first = k, last = k + 1;
      while (first > 0 && conns[first - 1] == Conn::comma) --first;
      while (last < conns.size() && conns[last] == Conn::comma) ++last;
      bool has_event = false, has_cmp = false;
      for (std::size_t x = first; x <= last && x < items.size(); ++x) {
        if (items[x].text) continue;
        if (contains_has(items[x].node)) has_event = true;
        else has_cmp = true;
      }
      next = (has_event && !has_cmp) ? Conn::or_ : Conn::and_;
    }
    conns[k] = next;
  }
  // Precedence: adjacency, then "or", then "and".
  std::vector<Node> conjuncts;
  std::vector<Node> alternatives;
  std::vector<Node> adjacent;
  auto close_adjacent = [&]() {
    if (!adjacent.empty()) alternatives.push_back(join(std::move(adjacent), false, {}));
    adjacent.clear();
  };
  auto close_alternatives = [&]() {
    close_adjacent();
    if (alternatives.empty()) return;
    // Alternatives that each carry their own guard ("Karnofsky (age ≥16) ≥70 or Lansky (age <16) ≥50")
    // are requirements for different people: all of them hold.
    bool all_guarded = alternatives.size() > 1;
    for (const auto& a : alternatives) all_guarded = all_guarded && std::holds_alternative<engine::If>(a.kind);
    conjuncts.push_back(join(std::move(alternatives), !all_guarded, {}));
    alternatives.clear();
  };
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k > 0) {
      if (conns[k - 1] == Conn::and_) close_alternatives();
      else if (conns[k - 1] == Conn::or_) close_adjacent();
    }
    adjacent.push_back(std::move(items[k].node));
  }
  close_alternatives();
  Node out = join(std::move(conjuncts), false, {});
  if (!items.empty()) out.span = {items.front().begin, items.back().end};
  return out;
}

std::optional<Node> Lowering::piece(std::size_t b, std::size_t e) {
  // "History of major organ damage including: AST or ALT >3× ULN": a lead-in with no logic of its own
  // before a colon is a heading for what follows it.
  for (std::size_t c = b; c < e; ++c) {
    if (toks_[c].kind != Tok::colon) continue;
    bool lead_typed = false;
    for (std::size_t k = b; k < c; ++k)
      lead_typed = lead_typed || toks_[k].kind == Tok::cmp ||
                   (toks_[k].kind == Tok::quantity && (!toks_[k].quantity.unit.empty() || toks_[k].quantity.unit_unknown ||
                                                       toks_[k].quantity.relative_to != engine::RelativeTo::none)) ||
                   toks_[k].kind == Tok::sex_male || toks_[k].kind == Tok::sex_female || toks_[k].kind == Tok::guard;
    if (lead_typed || c + 1 >= e) break;
    const std::size_t diagnostics_before = diags_.size();
    auto rest = piece(c + 1, e);
    if (rest && engine::partly_typed(*rest)) {
      warn(fmt::format("lead-in '{}' read as a heading", trim(slice(toks_[b].begin, toks_[c].begin))), toks_[b].begin,
           toks_[c].begin);
      return rest;
    }
    diags_.resize(diagnostics_before);
    break;
  }
  for (std::size_t i = b; i < e; ++i)
    if (toks_[i].kind == Tok::judgement)
      return text_node(toks_[b].begin, toks_[e - 1].end, engine::TextReason::judgement);
  return sequence(b, e, 0);
}

Node Lowering::line() {
  std::size_t b = 0;
  const std::size_t n = toks_.size();
  // A list marker at the start ("1.", "2)", "c.", "•") is layout, not meaning.
  {
    std::size_t i = 0;
    while (i < n && (neutral(i) || toks_[i].kind == Tok::range_to)) ++i;  // "-  1. Age ≥ 18"
    b = i;
    const bool marker = i + 1 < n &&
                        ((toks_[i].kind == Tok::quantity && toks_[i].quantity.unit.empty() && !toks_[i].quantity.unit_unknown) ||
                         (toks_[i].kind == Tok::word && toks_[i].end - toks_[i].begin == 1)) &&
                        (toks_[i + 1].kind == Tok::period || toks_[i + 1].kind == Tok::rparen);
    if (marker) b = i + 2;
  }
  std::vector<Node> pieces;
  int depth = 0;  // a period inside parentheses ("(2020. v1)") does not end a sentence
  for (std::size_t i = b; i <= n; ++i) {
    if (i < n && toks_[i].kind == Tok::lparen) ++depth;
    if (i < n && toks_[i].kind == Tok::rparen && depth > 0) --depth;
    if (i == n || toks_[i].kind == Tok::semicolon || (toks_[i].kind == Tok::period && depth == 0)) {
      if (auto p = piece(b, i)) pieces.push_back(std::move(*p));
      b = i + 1;
    }
  }
  if (pieces.empty()) {
    const auto end = static_cast<std::uint32_t>(text_.size());
    return engine::make_text(trim(text_), engine::TextReason::not_understood, {0, end});
  }
  Node out = join(std::move(pieces), false, {});
  out.span = {0, static_cast<std::uint32_t>(text_.size())};
  return out;
}

}  // namespace detail

engine::Node lower(std::string_view text, const std::vector<Token>& tokens, const engine::Lexicon& lexicon,
                   std::size_t max_depth, engine::Diagnostics& diagnostics) {
  return detail::Lowering(text, tokens, lexicon, max_depth, diagnostics).line();
}

}  // namespace trialmatch::grammar
