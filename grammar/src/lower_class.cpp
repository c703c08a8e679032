// Classes of a score written as a set or a span: "ASA I-III", "NYHA class III or IV", "ASA 3 or 4",
// "ASA status 1,2", "NYHA ≥ III". Roman numerals are read only here, after a score's name, where
// they cannot be a pronoun ("I") or a disease type ("type II diabetes").
#include <algorithm>

#include "lower.hpp"
#include "lower_score_total.hpp"
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

// "NYHA class III" -> cmp nyha_class == 3 (on the score's own scale, unit "1").
Node score_cmp(const engine::Concept& var, engine::Comparator c, double v, engine::Span span) {
  engine::Cmp n;
  n.var = var.id;
  n.loinc = std::string(var.code("loinc"));
  n.cmp = c;
  n.value = v;
  n.unit = "1";
  return Node{std::move(n), span};
}

bool class_word(std::string_view w) {
  static constexpr std::string_view words[] = {"class", "classes", "grade", "grades", "category", "physical",
                                               "status", "functional", "score", "classification", "level",
                                               "stage", "stages"};
  static constexpr WordList list(words);
  return list.contains(w);
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

// "ASAII": a score's abbreviation, in capitals, with a roman class glued to it.
std::optional<std::pair<const engine::Concept*, int>> Lowering::glued_class(std::size_t j) const {
  if (toks_[j].kind != Tok::word) return std::nullopt;
  const std::string_view w = slice(toks_[j].begin, toks_[j].end);
  // Every roman below ends in 'I' or 'V' and needs two letters of head before it: most words are refused
  // here, before the six suffix comparisons.
  if (w.size() < 3 || (w.back() != 'I' && w.back() != 'V')) return std::nullopt;
  for (std::string_view roman : {"III", "II", "IV", "VI", "V", "I"}) {
    if (w.size() < roman.size() + 2 || !w.ends_with(roman)) continue;
    const std::string_view head = w.substr(0, w.size() - roman.size());
    bool capitals = true;
    for (char c : head) capitals = capitals && c >= 'A' && c <= 'Z';
    if (!capitals) continue;
    const auto m = lexicon_.match_name_at(head, 0);
    if (!m || !m->entry || m->length != head.size()) continue;
    const engine::Concept& var = *m->entry;
    const int v = *roman_value(roman);
    if (var.kind != engine::ConceptKind::score || var.unit != "1" || !var.plausible || v < var.plausible->low ||
        v > var.plausible->high)
      continue;
    return std::pair{&var, v};
  }
  return std::nullopt;
}

// "ASAI ,ASAII, ASAIII": a set of glued classes of one score, joined by commas, "or", "and" or slashes, is
// any of them (like "ASA I, II, III"); never a list of requirements each.
std::optional<std::size_t> Lowering::glued_classes(std::size_t i, std::size_t e, Node& out) const {
  const auto first = glued_class(i);
  if (!first) return std::nullopt;
  std::vector<int> values{first->second};
  std::size_t j = i + 1;
  while (j + 1 < e) {
    const Tok sep = toks_[j].kind;
    if (sep != Tok::comma && sep != Tok::or_ && sep != Tok::and_ && sep != Tok::and_or && sep != Tok::slash) break;
    const auto next = glued_class(j + 1);
    if (!next || next->first != first->first) break;
    values.push_back(next->second);
    j += 2;
  }
  const engine::Span span{toks_[i].begin, toks_[j - 1].end};
  std::vector<Node> alternatives;
  for (int v : values) {
    engine::Cmp n;
    n.var = first->first->id;
    n.loinc = std::string(first->first->code("loinc"));
    n.cmp = engine::Comparator::eq;
    n.value = v;
    n.unit = "1";
    alternatives.push_back(Node{std::move(n), span});
  }
  out = join(std::move(alternatives), true, span);
  return j;
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
  if (place_before_value(j)) return std::nullopt;  // "pain on one side" (lower_located.cpp)
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
    if (lone_value_is_cutoff(var)) return std::nullopt;  // "PANSS total score of 60" (lower_score_total.cpp)
  }
  const std::uint32_t end = toks_[j - 1].end;
  auto make = [&](engine::Comparator c, int v) { return score_cmp(var, c, v, {begin, end}); };
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

// "Child-Pugh class B or C", "Child-Pugh A", "Child-Pugh B-C": classes named by letters, each a span of the
// score the lexicon gives; a set of classes is the score in any of their spans (adjacent spans joined).
std::optional<std::size_t> Lowering::letter_class_values(std::size_t j, std::size_t e, const engine::Concept& var, Node& out) {
  if (var.letter_classes.empty()) return std::nullopt;
  while (j < e && ((toks_[j].kind == Tok::filler && slice(toks_[j].begin, toks_[j].end) != "A") || toks_[j].kind == Tok::colon ||
                   (toks_[j].kind == Tok::word && class_word(slice(toks_[j].begin, toks_[j].end)))))
    ++j;
  auto letter_at = [&](std::size_t k) -> const engine::ValueRange* {
    // (A capital "A" is read as the article elsewhere: a filler here.)
    if (k >= e || (toks_[k].kind != Tok::word && toks_[k].kind != Tok::filler) || toks_[k].end - toks_[k].begin != 1)
      return nullptr;
    const std::string_view w = slice(toks_[k].begin, toks_[k].end);
    for (const auto& [letter, range] : var.letter_classes)
      if (w == letter) return &range;
    return nullptr;
  };
  const std::uint32_t begin = j < e ? toks_[j].begin : 0;
  std::vector<std::pair<double, double>> spans;
  bool through = false;  // "B-C": every class from the first to the second
  for (; j < e;) {
    const engine::ValueRange* r = letter_at(j);
    if (!r) break;
    spans.emplace_back(*r->low, *r->high);
    ++j;
    if (through || j + 1 >= e) break;
    const Tok sep = toks_[j].kind;
    if (sep == Tok::range_to && spans.size() == 1 && letter_at(j + 1)) { through = true; ++j; continue; }
    if ((sep == Tok::or_ || sep == Tok::and_or || sep == Tok::comma || sep == Tok::slash || sep == Tok::and_) && letter_at(j + 1)) {
      ++j;
      continue;
    }
    break;
  }
  if (spans.empty()) return std::nullopt;
  // A letter must end the phrase ("Child-Pugh A cirrhosis" is fine; "Child-Pugh B7" is a word, not a letter).
  std::sort(spans.begin(), spans.end());
  if (through) spans = {{spans.front().first, spans.back().second}};
  std::vector<std::pair<double, double>> joined;
  for (const auto& s : spans) {
    if (!joined.empty() && s.first <= joined.back().second + 1) joined.back().second = std::max(joined.back().second, s.second);
    else joined.push_back(s);
  }
  const std::uint32_t end = toks_[j - 1].end;
  auto make = [&](engine::Comparator c, double v) { return score_cmp(var, c, v, {begin, end}); };
  std::vector<Node> alternatives;
  for (const auto& [low, high] : joined)
    alternatives.push_back(engine::make_all({make(engine::Comparator::ge, low), make(engine::Comparator::le, high)}, {begin, end}));
  out = alternatives.size() == 1 ? std::move(alternatives.front()) : engine::make_any(std::move(alternatives), {begin, end});
  return j;
}

}  // namespace trialmatch::grammar::detail
