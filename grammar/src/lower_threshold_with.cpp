// A second threshold on the same measure, qualified by "with": "BMI ≥ 40 or ≥ 35 kg/m2 with type 2 diabetes and
// hypertension", "BMI > 40 or > 35 with comorbidities". The "with ..." qualifies the second, lower threshold only
// (the bariatric form: a BMI of 40 alone, or of 35 with a comorbidity). Read by the open reading, the second
// threshold took the words after it as an unlisted variable's name and the conditions after "and" were joined to
// the whole line: `all(any(bmi >= 40, cmp "… type 2 diabetes" >= 35), has hypertension)` failed a patient with a
// BMI of 42 and no hypertension in an inclusion, and excluded one with hypertension alone in an exclusion.
// Now `any(bmi >= 40, all(bmi >= 35, text "with ..."))`: where the qualifier ends, and how its conditions join,
// a person reads (the qualifier stays text, unknown for everyone); the first threshold decides alone.
// Only where the measure opens the piece (past neutral words), the second threshold names no measure of its own,
// and nothing after "with" compares, counts or separates (no number, comma, ';' or ':'): "..., and age > 18" is
// not a qualifier's (left to the other readings).
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

std::optional<Node> Lowering::second_threshold_with(std::size_t b, std::size_t e) {
  // Past neutral words and the people ("Patients with BMI ≥ 40 or ...").
  static constexpr std::string_view lead_words[] = {"with", "a", "an", "the", "of"};
  std::size_t m = b;
  while (m < e && (neutral(m) || toks_[m].kind == Tok::subject ||
                   (toks_[m].kind == Tok::filler && one_of(slice(toks_[m].begin, toks_[m].end), lead_words))))
    ++m;
  if (m >= e || !is_measured(m)) return std::nullopt;
  Threshold first;
  const auto first_end = threshold(m + 1, e, first);
  if (!first_end || first.high || *first_end >= e || toks_[*first_end].kind != Tok::or_) return std::nullopt;
  const std::size_t o = *first_end;
  if (o + 1 >= e || toks_[o + 1].kind != Tok::cmp) return std::nullopt;  // "or ≥ 35": no measure named again
  Threshold second;
  const auto second_end = threshold(o + 1, e, second);
  if (!second_end || second.high || *second_end >= e) return std::nullopt;
  const std::size_t w = *second_end;
  if (!iequals(slice(toks_[w].begin, toks_[w].end), "with")) return std::nullopt;
  std::size_t last = e;  // the qualifier, without a closing period or stray marks
  while (last > w + 1 && neutral(last - 1)) --last;
  if (last <= w + 1) return std::nullopt;
  for (std::size_t x = w + 1; x < last; ++x) {
    const Tok k = toks_[x].kind;
    if (k == Tok::cmp || k == Tok::cmp_post || k == Tok::quantity || k == Tok::comma || k == Tok::semicolon ||
        k == Tok::colon || k == Tok::period || k == Tok::between || k == Tok::range_to || k == Tok::relative)
      return std::nullopt;
  }
  const engine::Concept& var = *toks_[m].entry;
  auto alone = cmp_node(var, first.cmp, first.value, toks_[m].begin, toks_[o - 1].end);
  auto lower = cmp_node(var, second.cmp, second.value, toks_[o + 1].begin, toks_[w - 1].end);
  if (!alone || !lower) return std::nullopt;
  std::vector<Node> qualified;
  qualified.push_back(std::move(*lower));
  qualified.push_back(text_node(toks_[w].begin, toks_[last - 1].end, engine::TextReason::not_understood));
  std::vector<Node> either;
  either.push_back(std::move(*alone));
  either.push_back(engine::make_all(std::move(qualified), {toks_[o + 1].begin, toks_[last - 1].end}));
  return engine::make_any(std::move(either), {toks_[b].begin, toks_[e - 1].end});
}

}  // namespace trialmatch::grammar::detail
