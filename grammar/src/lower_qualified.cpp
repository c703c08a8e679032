// Which quantity a comparison reads, and of whom and when: a word before a measure's name that makes it another
// quantity ("urine glucose", "maternal heart rate"), an age at another moment ("at diagnosis") or of other people,
// a chain around the name ("18 ≤ age ≤ 70"), and what a limit does not hold for ("unless Gilbert's syndrome").
#include <fmt/format.h>

#include <array>

#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

// A word right before a measure's name that makes it another quantity: another person's ("maternal heart
// rate", "fetal weight"), another moment's ("pre-stroke mRS", "pregravid BMI"), another specimen's ("urine
// glucose"), another kind of reading ("mean 24-h systolic BP", "post-load glucose", "ionized calcium",
// "verbal IQ", "corrected age"). The patient's own plain value is no evidence on it.
bool other_quantity_word(std::string_view word) {
  static constexpr std::string_view words[] = {
      // another person
      "maternal", "paternal", "fetal", "foetal", "mother's", "father's", "parental", "parent's", "partner's",
      "partner", "donor", "donor's", "spouse's", "sibling's", "caregiver's", "carer's",
      // another moment
      "pre-stroke", "prestroke", "premorbid", "pre-morbid", "pre-arrest", "pre-injury", "preinjury", "pre-illness",
      "pregravid", "pre-gravid", "pre-pregnancy", "prepregnancy", "pregestational", "pre-gestational",
      "historical", "lifetime", "peak", "nadir", "lowest", "highest", "worst", "maximal", "minimal",
      // another specimen
      "urine", "urinary", "csf", "cerebrospinal", "pleural", "ascitic", "peritoneal", "synovial", "salivary",
      "saliva", "sweat", "stool", "fecal", "faecal", "sputum", "vitreous", "aqueous", "amniotic", "cord",
      "dialysate", "tear",
      // another kind of reading
      "mean", "average", "median", "cumulative", "ambulatory", "nocturnal", "nighttime", "night-time", "daytime",
      "central", "ankle", "pulmonary", "portal", "post-load", "postload", "postprandial", "post-prandial",
      "post-exercise", "orthostatic", "ionized", "ionised", "free", "unbound", "bioavailable", "direct", "indirect",
      "conjugated", "unconjugated", "corrected", "adjusted", "predicted", "verbal", "nonverbal", "non-verbal",
      "target", "goal"};
  static constexpr WordList list{words};
  return list.contains(word);
}

}  // namespace

// "(unless Gilbert's syndrome)", "unless on anticoagulant therapy" at token x: what the limit before it does not
// hold for, read whole as typed events (else nothing), and the token after it.
std::optional<std::pair<Node, std::size_t>> Lowering::unless_after(std::size_t x, std::size_t e) {
  const bool paren = x < e && toks_[x].kind == Tok::lparen;
  if (paren) ++x;
  if (x + 1 >= e || toks_[x].kind != Tok::exception || !iequals(slice(toks_[x].begin, toks_[x].end), "unless"))
    return std::nullopt;
  std::size_t end = x + 1;
  if (paren) {
    while (end < e && toks_[end].kind != Tok::rparen && toks_[end].kind != Tok::lparen) ++end;
    if (end >= e || toks_[end].kind != Tok::rparen) return std::nullopt;
  } else {
    while (end < e && toks_[end].kind != Tok::comma && toks_[end].kind != Tok::semicolon && toks_[end].kind != Tok::period)
      ++end;
  }
  const std::size_t mark = diags_.size();
  auto cond = sequence(x + 1, end, 1);
  if (!cond || !engine::fully_resolved(*cond) || !contains_has(*cond)) {
    diags_.resize(mark);
    return std::nullopt;
  }
  return std::make_pair(std::move(*cond), paren ? end + 1 : end);
}

// "18 ≤ age ≤ 70", "18 years≤ Age ≤70 years", "18 < BMI < 30 kg/m2": a lower bound written before the measure's
// name, the upper one after it. (The upper comparison is read as any other; the lower bound borrows its unit
// where it writes none.)
std::optional<std::size_t> Lowering::chained_comparison(std::size_t i, std::size_t e, Node& out) {
  using engine::Comparator;
  if (toks_[i].kind != Tok::quantity || i + 2 >= e || toks_[i + 1].kind != Tok::cmp || !is_measured(i + 2)) return std::nullopt;
  const Comparator low_cmp = toks_[i + 1].cmp;
  if (low_cmp != Comparator::lt && low_cmp != Comparator::le) return std::nullopt;
  const Quantity& low_q = toks_[i].quantity;
  if (low_q.unit_unknown || low_q.relative_to != engine::RelativeTo::none) return std::nullopt;
  Node upper;
  const std::size_t mark = diags_.size();
  const auto k = comparison(i + 2, e, upper);
  const auto* high = k ? std::get_if<engine::Cmp>(&upper.kind) : nullptr;
  if (!high || !high->name.empty() || high->var != toks_[i + 2].entry->id || (high->cmp != Comparator::lt && high->cmp != Comparator::le) ||
      high->relative_to != engine::RelativeTo::none) {
    diags_.resize(mark);
    return std::nullopt;
  }
  const engine::Concept& var = *toks_[i + 2].entry;
  Quantity q = low_q;
  if (q.unit.empty()) q.unit = kept(high->unit);  // "18 < BMI < 30 kg/m2"
  auto lower = cmp_node(var, engine::mirror(low_cmp), q, toks_[i].begin, toks_[i + 1].end);
  const auto* low = lower ? std::get_if<engine::Cmp>(&lower->kind) : nullptr;
  // "3 months < age < 18 years": two units of time, compared in days.
  const bool two_times = low && low->unit != high->unit && is_time_unit(low->unit) && is_time_unit(high->unit);
  if (!low || (low->unit != high->unit && !two_times) ||
      (two_times ? low->value * days_in(low->unit) > high->value * days_in(high->unit) : low->value > high->value)) {
    diags_.resize(mark);
    return std::nullopt;
  }
  out = engine::make_all({std::move(*lower), std::move(upper)}, {toks_[i].begin, toks_[*k - 1].end});
  return k;
}

// The measure named at token m with a word or a timed quantity right before its name that makes it another
// quantity ("urine glucose", "24-h systolic BP"; only spaces or a hyphen between).
bool Lowering::qualified_as_other_quantity(std::size_t m) const {
  if (m == 0) return false;
  const Token& before = toks_[m - 1];
  for (std::uint32_t x = before.end; x < toks_[m].begin; ++x)
    if (text_[x] != ' ' && text_[x] != '-') return false;
  if (before.kind == Tok::quantity)  // "24-h systolic BP", "2-hour post-load glucose"
    return is_time_unit(before.quantity.unit) && text_.substr(before.begin, before.end - before.begin).find('-') != std::string_view::npos;
  // The whole hyphenated word, which the tokens may have split ("pre-stroke" is "pre" and the condition "stroke").
  std::size_t word_end = toks_[m].begin;
  while (word_end > 0 && (text_[word_end - 1] == ' ' || text_[word_end - 1] == '-')) --word_end;
  std::size_t word_begin = word_end;
  // (The word's bytes by a table: one load a byte where four ranges were tested.)
  static constexpr std::array<bool, 256> word_byte = [] {
    std::array<bool, 256> t{};
    for (unsigned b = 0; b < 256; ++b) {
      const char c = static_cast<char>(b);
      t[b] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '\'';
    }
    return t;
  }();
  while (word_begin > 0 && word_byte[static_cast<unsigned char>(text_[word_begin - 1])]) --word_begin;
  return word_begin < word_end && other_quantity_word(text_.substr(word_begin, word_end - word_begin));
}

// An age read at [i, k) that is the one at another moment: "less than 35 years old at the diagnosis",
// "Diagnosis between the ages of 0 - 17.99 years", "onset before 40 years of age".
bool Lowering::age_of_another_moment(std::size_t i, std::size_t k, std::size_t e) const {
  static constexpr std::string_view moments[] = {"diagnosis", "diagnosed", "onset", "presentation", "symptom",
                                                 "symptoms", "injury", "infection", "surgery", "transplant",
                                                 "transplantation", "death", "delivery", "birth", "menarche",
                                                 "menopause", "first"};
  // After it: "at (the) diagnosis", "at the time of onset", "at first symptoms".
  std::size_t x = k;
  if (x < e && (toks_[x].kind == Tok::filler || toks_[x].kind == Tok::word || toks_[x].kind == Tok::guard) &&
      iequals(slice(toks_[x].begin, toks_[x].end), "at")) {
    for (std::size_t y = x + 1; y < e && y < x + 5; ++y) {
      if (toks_[y].kind != Tok::filler && toks_[y].kind != Tok::word && toks_[y].kind != Tok::name) break;
      if (one_of(slice(toks_[y].begin, toks_[y].end), moments)) return true;
    }
  }
  // Right before it: "Diagnosis between the ages of", "onset < 40 years".
  if (i > 0 && (toks_[i - 1].kind == Tok::word || toks_[i - 1].kind == Tok::filler) &&
      one_of(slice(toks_[i - 1].begin, toks_[i - 1].end), moments) && toks_[i - 1].end + 1 >= toks_[i].begin)
    return true;
  return false;
}

}  // namespace trialmatch::grammar::detail
