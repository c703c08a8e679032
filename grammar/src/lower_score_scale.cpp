// A score's value followed by words that only say what kind of scale it is read on: the words restate the score.
//   "Pain > 4 on a visual numerical scale"              -> cmp pain_score > 4   (was all(..., text "visual numerical scale"))
//   "NRS leg pain of 6 or more on a 10-point NRS scale" -> cmp pain_score >= 6
//   "ECOG score is 0-2 points"                          -> cmp ecog >= 0, cmp ecog <= 2   ("points": the score's unit)
// Only right after a comparison on a score of the lexicon, nothing between them, and only the words of a scale's
// kind ("visual", "numerical", "rating", "Likert", "NRS", ...) around "scale" or "system". A span written with it
// must be the score's own ("10-point", "11-point", "0-10" for a 0-10 score): "> 40 on a 100-point scale" is a value
// on another scale and keeps its text. Any other word ("at rest", "in the knee", "for 3 months") keeps it too.
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
// The words a scale's kind is told by (and the prepositions and articles before them).
bool scale_kind_word(std::string_view w) {
  static constexpr std::string_view words[] = {
      "on", "in", "using", "by", "per", "a", "an", "the", "of", "visual", "analog", "analogue", "numeric", "numerical",
      "rating", "verbal", "graphic", "categorical", "point", "points", "severity", "intensity", "nrs", "vas", "vns",
      "nprs", "nps", "vrs", "likert", "likert-type", "type", "standard", "standardized", "validated"};
  return one_of(w, words);
}
// "scale", "system", or a scale's own initials ("Knee pain ≥ 4 on NRS", "pain > 3 on the VAS").
bool scale_head(std::string_view w) {
  static constexpr std::string_view heads[] = {"scale", "system", "nrs", "vas", "vns", "nprs", "vrs"};
  return one_of(w, heads);
}
// The var of a comparison or of a range's two comparisons (the same var throughout), else empty.
std::string_view compared_var(const Node& n) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) return c->var;
  const auto* a = std::get_if<engine::All>(&n.kind);
  if (!a || a->args.empty()) return {};
  std::string_view var;
  for (const auto& x : a->args) {
    const auto* c = std::get_if<engine::Cmp>(&x.kind);
    if (!c || (!var.empty() && c->var != var)) return {};
    var = c->var;
  }
  return var;
}
}  // namespace

void Lowering::score_scale_restated(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                                    std::vector<bool>& text_has_or) {
  for (std::size_t k = 1; k < items.size(); ++k) {
    if (!items[k].text || items[k - 1].text || conns[k - 1] != Conn::none || text_has_or[k]) continue;
    const std::string_view var = compared_var(items[k - 1].node);
    const engine::Concept* score = var.empty() ? nullptr : lexicon_.find(var);
    if (!score || score->kind != engine::ConceptKind::score) continue;
    // (A score with a known top: the span written must be its own.)
    const double top = score->plausible && score->plausible->high ? *score->plausible->high : -1;  // -1: none known
    bool head = false, other = false, points = false;
    std::size_t x = token_at(items[k - 1].end, b, e);
    for (; x < e && toks_[x].begin < items[k].end && !other; ++x) {
      const Token& t = toks_[x];
      const std::string_view w = slice(t.begin, t.end);
      if (t.kind == Tok::lparen || t.kind == Tok::rparen || t.kind == Tok::range_to) continue;
      if (t.kind == Tok::name && t.entry && t.entry->id == var) continue;  // "on a 10-point pain scale"
      if (t.kind == Tok::quantity) {
        // "10-point", "11-point" (0 to 10), "0-10": a span, never a second value.
        const double v = t.quantity.value;
        const bool span_start = v == 0 && x + 2 < e && toks_[x + 1].kind == Tok::range_to;
        other = !(span_start || (top > 0 && (v == top || v == top + 1) && t.quantity.unit.empty() &&
                                  (x == 0 || toks_[x - 1].kind != Tok::cmp)));
        continue;
      }
      if (scale_head(w)) { head = true; continue; }
      if (iequals(w, "points") || iequals(w, "pts")) { points = true; continue; }
      other = !scale_kind_word(w);
    }
    // (A scale's words without "scale" or "system" ("on a visual"), or "points" with more words, stay.)
    const std::string_view unread = trim_view(slice(items[k].begin, items[k].end));
    const bool points_alone = points && !head && (iequals(unread, "points") || iequals(unread, "pts"));
    if (other || !(head || points_alone)) continue;
    // (The span's high end after "0-": the score's own top.)
    bool span_ok = true;
    for (std::size_t y = token_at(items[k - 1].end, b, e); y + 2 < e && toks_[y].begin < items[k].end; ++y)
      if (toks_[y].kind == Tok::quantity && toks_[y].quantity.value == 0 && toks_[y + 1].kind == Tok::range_to)
        span_ok = span_ok && toks_[y + 2].kind == Tok::quantity && top > 0 && toks_[y + 2].quantity.value == top;
    if (!span_ok) continue;
    warn(fmt::format("'{}' names the scale the score is read on", trim(slice(items[k].begin, items[k].end))),
         items[k].begin, items[k].end);
    join_items(items, conns, text_has_or, k - 1, k);  // (a read item: never an orphan)
    --k;
  }
}

}  // namespace trialmatch::grammar::detail
