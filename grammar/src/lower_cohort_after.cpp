// "Age ≥ 30 years (Healthy control group)": a parenthesis at the end of a piece naming an arm of the trial says whom
// the piece is for, as the lead-in "Healthy controls: age ≥ 30 years" does. Read as one more item beside the age
// (all(age >= 30, text)), a patient of 25 in the trial's patient groups failed the controls' age limit and was
// called ineligible. The parenthesis guards the rest (if(text, ...)): a person decides who is in the group.
// (A parenthesis naming no arm, "Age ≥ 30 years (inclusive)", stays as it was; so does a piece whose rest reads
// nothing.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

std::optional<engine::Node> Lowering::cohort_after(std::size_t b, std::size_t e) {
  std::size_t z = e;
  while (z > b && (toks_[z - 1].kind == Tok::period || toks_[z - 1].kind == Tok::comma || toks_[z - 1].kind == Tok::semicolon))
    --z;
  if (z < b + 4 || toks_[z - 1].kind != Tok::rparen) return std::nullopt;
  // The parenthesis' opening, and nothing but words in it ("Healthy control group", "Patient groups 1+2").
  std::size_t o = z - 1;
  while (o > b && toks_[o - 1].kind != Tok::lparen) {
    const Tok k = toks_[o - 1].kind;
    if (k == Tok::rparen || k == Tok::cmp || k == Tok::cmp_post || k == Tok::or_ || k == Tok::comma) return std::nullopt;
    --o;
  }
  if (o <= b + 1 || o + 1 >= z - 1) return std::nullopt;
  const std::size_t open = o - 1;
  if (!names_cohort(o, z - 1)) return std::nullopt;
  auto rest = piece(b, open);
  if (!rest || !engine::partly_typed(*rest)) return std::nullopt;
  Node cohort = text_node(toks_[o].begin, toks_[z - 2].end, engine::TextReason::not_understood);
  return engine::make_if(std::move(cohort), std::move(*rest), {toks_[b].begin, toks_[z - 1].end});
}

}  // namespace trialmatch::grammar::detail
