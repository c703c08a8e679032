// "FEV1 <80% predicted", "FVC ≥ 50% of predicted": a percent of a volume's predicted value is another measure than
// the volume (a patient's FEV1 of 2.1 L says nothing of it until the reference equations are applied). The
// lexicon names it as a measure of its own ("FEV1 % predicted", is_a fev1, unit %); the comparison reads that one,
// or is not read where the lexicon names none ("TLC < 80% predicted" stays text).
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

std::optional<std::pair<const engine::Concept*, std::size_t>> Lowering::percent_predicted_at(
    const engine::Concept& var, std::size_t k, std::size_t e) const {
  std::size_t x = k;
  while (x < e && toks_[x].kind == Tok::filler &&
         (iequals(slice(toks_[x].begin, toks_[x].end), "of") || iequals(slice(toks_[x].begin, toks_[x].end), "the")))
    ++x;
  // "predicted", "of predicted", "predicted normal", "of the predicted normal": one filler phrase (rules.hpp).
  static constexpr std::string_view phrases[] = {"predicted", "of predicted", "predicted normal",
                                                 "of predicted normal", "of the predicted", "of the predicted normal"};
  if (x >= e || !one_of(lower_ascii(slice(toks_[x].begin, toks_[x].end)), phrases)) return std::nullopt;
  const engine::Concept* found = nullptr;
  const auto look = [&](const std::string& name) {
    for (std::string_view form : {" % predicted", " percent predicted"}) {
      const engine::Concept* c = lexicon_.find_name(name + std::string(form));
      if (!found && c && c->unit == "%" && lexicon_.is_a(c->id, var.id)) found = c;
    }
  };
  for (const auto& n : var.names) look(n);
  for (const auto& n : var.abbreviations) look(n);
  return std::make_pair(found, x + 1);
}

}  // namespace trialmatch::grammar::detail
