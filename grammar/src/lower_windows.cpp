// Windows and guards: "within 6 weeks prior to screening", "in the past 2 years", "for subjects ≥16 years
// of age", "(for age <16 years)", "if combined with X"; and the reference event a window names.
#include <cctype>
#include <string>

#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

std::size_t Lowering::reference_event(std::size_t i, std::size_t e, std::string& before) const {
  std::string out;
  std::size_t j = i;
  for (int n = 0; j < e && n < 6; ++j, ++n) {
    const Token& t = toks_[j];
    // "Day 1", "Visit 2", "cycle 3": a number after a word names the event, it is no threshold.
    const bool ordinal = t.kind == Tok::quantity && j > i && toks_[j - 1].kind == Tok::word && t.quantity.unit.empty() &&
                         !t.quantity.unit_unknown && t.quantity.relative_to == engine::RelativeTo::none &&
                         t.quantity.value >= 0 && t.quantity.value < 1000 &&
                         t.quantity.value == static_cast<int>(t.quantity.value);
    if (t.kind != Tok::word && t.kind != Tok::name && t.kind != Tok::filler && t.kind != Tok::subject && !ordinal) break;
    std::string w(slice(t.begin, t.end));
    for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (w == "the" || w == "a" || w == "an" || w == "their" || w == "his" || w == "her") continue;
    for (auto& c : w)
      if (c == ' ' || c == '-') c = '_';
    if (!out.empty()) out += '_';
    out += w;
  }
  before = out;
  return out.empty() ? i : j;
}

// "within 6 weeks prior to screening", "in the past 2 years", "within 30 days of enrolment".
std::optional<std::size_t> Lowering::window(std::size_t i, std::size_t e, engine::Amount& within, std::string& before) const {
  std::size_t j = skip_neutral(i + 1, e);
  if (j >= e || toks_[j].kind != Tok::quantity || !is_time_unit(toks_[j].quantity.unit)) return std::nullopt;
  within = engine::Amount{toks_[j].quantity.value, toks_[j].quantity.unit};
  ++j;
  before.clear();
  const std::size_t k = skip_neutral(j, e);
  if (k < e && toks_[k].kind == Tok::before) return reference_event(k + 1, e, before);
  if (j + 1 < e && toks_[j].kind == Tok::filler && slice(toks_[j].begin, toks_[j].end) == "of" &&
      toks_[j + 1].kind == Tok::word)
    return reference_event(j + 1, e, before);
  return j;
}

// "for subjects ≥16 years of age", "(for age <16 years)", "in patients older than 60", "if combined with X".
std::optional<std::size_t> Lowering::guard(std::size_t i, std::size_t e, Node& cond) {
  std::size_t j = i;
  const bool paren = toks_[j].kind == Tok::lparen;
  if (paren) ++j;
  if (j >= e || toks_[j].kind != Tok::guard) return std::nullopt;
  ++j;
  while (j < e && (toks_[j].kind == Tok::subject || toks_[j].kind == Tok::filler)) ++j;
  if (j >= e) return std::nullopt;
  Node c;
  if (auto k = comparison(j, e, c)) {
    j = *k;
  } else if (is_event(j)) {
    c = has(*toks_[j].entry, toks_[j].begin, toks_[j].end);
    ++j;
  } else if (toks_[j].kind == Tok::sex_female || toks_[j].kind == Tok::sex_male) {
    // "Body fat >25% for men": a requirement on one sex only.
    c = Node{engine::Sex{toks_[j].kind == Tok::sex_female ? "female" : "male"}, {toks_[j].begin, toks_[j].end}};
    ++j;
  } else {
    return std::nullopt;
  }
  if (paren) {
    if (j >= e || toks_[j].kind != Tok::rparen) return std::nullopt;
    ++j;
  }
  cond = std::move(c);
  return j;
}

}  // namespace trialmatch::grammar::detail
