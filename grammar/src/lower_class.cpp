// Classes of a score written as a set or a span: "ASA I-III", "NYHA class III or IV", "ASA 3 or 4",
// "ASA status 1,2", "NYHA ≥ III". Roman numerals are read only here, after a score's name, where
// they cannot be a pronoun ("I") or a disease type ("type II diabetes").
#include "lower.hpp"
#include "lower_util.hpp"
#include "trialmatch/engine/plausibility.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::grammar::detail {

namespace {

std::optional<int> roman_value(std::string_view w) {
  static constexpr std::pair<std::string_view, int> romans[] = {{"I", 1}, {"II", 2}, {"III", 3}, {"IV", 4},
                                                                {"V", 5}, {"VI", 6}};
  for (auto [r, v] : romans)
    if (w == r) return v;
  return std::nullopt;
}

bool class_word(std::string_view w) {
  static constexpr std::string_view words[] = {"class", "classes", "grade", "grades", "category", "physical",
                                               "status", "functional", "score", "classification", "level",
                                               "stage", "stages"};
  return one_of(w, words);
}

}  // namespace

// A score's name at j: "of Hoehn and Yahr" after a value.
bool Lowering::scale_name_at(std::size_t j, std::size_t e) const {
  return j < e && is_measured(j) && toks_[j].entry->kind == engine::ConceptKind::score && toks_[j].entry->unit == "1";
}

// "Stages of the disease 2-3", "grade 2-3": a class word a few words before the values at i.
bool Lowering::class_word_before(std::size_t i) const {
  for (std::size_t x = i; x > sequence_begin_ && x + 5 > i; --x)
    if (toks_[x - 1].kind == Tok::word && class_word(slice(toks_[x - 1].begin, toks_[x - 1].end))) return true;
  return false;
}

std::optional<int> Lowering::class_value(std::size_t j) const {
  const Token& t = toks_[j];
  if (t.kind == Tok::word) return roman_value(slice(t.begin, t.end));
  // "TICI 2b", "CEAP 4a": a sub-grade is not the grade; refused rather than half read.
  if (glued_letters(j + 1, toks_.size())) return std::nullopt;
  if (t.kind == Tok::quantity && t.quantity.unit.empty() && !t.quantity.unit_unknown && !t.quantity.plus &&
      t.quantity.relative_to == engine::RelativeTo::none && t.quantity.value >= 0 && t.quantity.value <= 1000 &&
      t.quantity.value == static_cast<int>(t.quantity.value))  // in range before the cast: no UB on "ECOG 7777…"
    return static_cast<int>(t.quantity.value);
  return std::nullopt;
}

std::optional<std::size_t> Lowering::class_values(std::size_t j, std::size_t e, const engine::Concept& var, Node& out) {
  if (var.kind != engine::ConceptKind::score || var.unit != "1" || !var.plausible) return std::nullopt;
  while (j < e && (toks_[j].kind == Tok::filler || toks_[j].kind == Tok::colon ||
                   (toks_[j].kind == Tok::word && class_word(slice(toks_[j].begin, toks_[j].end)))))
    ++j;
  std::optional<engine::Comparator> cmp;
  if (j < e && toks_[j].kind == Tok::cmp) cmp = toks_[j++].cmp;
  const std::uint32_t begin = j < e ? toks_[j].begin : 0;
  std::vector<int> values;
  bool span = false;
  for (; j < e; ) {
    const auto v = class_value(j);
    if (!v || *v < var.plausible->low || *v > var.plausible->high) break;
    values.push_back(*v);
    ++j;
    if (cmp || span || j + 1 >= e) break;
    const Tok sep = toks_[j].kind;
    if (sep == Tok::range_to && values.size() == 1) { span = true; ++j; continue; }
    if ((sep == Tok::or_ || sep == Tok::and_ || sep == Tok::and_or || sep == Tok::comma || sep == Tok::slash) &&
        class_value(j + 1)) {
      ++j;
      continue;
    }
    break;
  }
  if (values.empty() || (span && values.size() != 2)) return std::nullopt;
  // A lone class with no comparator is only a class where the name was followed by a class word or a
  // roman numeral; "ASA 2" is already read by the comparison rules, so this adds sets and spans only.
  // "Tanner stage 2", "ASA 2," standing alone is that class; "ECOG 2 or less" is the comparison rules'.
  if (!cmp && !span && values.size() == 1 && toks_[j - 1].kind == Tok::quantity) {
    const std::size_t next = skip_neutral(j, e);
    const bool alone = next >= e || toks_[next].kind == Tok::comma || toks_[next].kind == Tok::semicolon ||
                       toks_[next].kind == Tok::period || toks_[next].kind == Tok::and_ || toks_[next].kind == Tok::word;
    if (!alone) return std::nullopt;
  }
  const std::uint32_t end = toks_[j - 1].end;
  auto make = [&](engine::Comparator c, int v) {
    engine::Cmp n;
    n.var = var.id;
    n.loinc = std::string(var.code("loinc"));
    n.cmp = c;
    n.value = v;
    n.unit = "1";
    return Node{std::move(n), {begin, end}};
  };
  if (cmp) {
    out = make(*cmp, values.front());
  } else if (span) {
    if (values[0] > values[1]) return std::nullopt;
    out = engine::make_all({make(engine::Comparator::ge, values[0]), make(engine::Comparator::le, values[1])},
                           {begin, end});
  } else {
    std::vector<Node> alternatives;
    for (int v : values) alternatives.push_back(make(engine::Comparator::eq, v));
    out = join(std::move(alternatives), true, {begin, end});
  }
  return j;
}

}  // namespace trialmatch::grammar::detail
