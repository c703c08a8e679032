// One limit for each sex, written side by side: "HDL-C <50/40 mg/dl; F/M", "waist > 88/102 cm (women/men)",
// "≥1.5 and ≥1.4 mg/dL in males and females respectively". Each limit applies to its sex only, in the
// order the key names them (if(female, …) and if(male, …)); a value for one sex never reaches everyone.
// Without a key that pairs them, the two numbers stay as they were (text, or a blood pressure pair).
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_sex_starts.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

// "F", "M": the letters a table of limits by sex is keyed with (capitals only: "m" is a metre).
std::optional<bool> sex_letter(std::string_view w) {
  if (w == "F") return true;
  if (w == "M") return false;
  return std::nullopt;
}

}  // namespace

// The sex a token names (true: female), if it names one.
std::optional<bool> Lowering::sex_at(std::size_t x, std::size_t e) const {
  if (x >= e) return std::nullopt;
  if (toks_[x].kind == Tok::sex_female) return true;
  if (toks_[x].kind == Tok::sex_male) return false;
  if (toks_[x].kind == Tok::word) return sex_letter(slice(toks_[x].begin, toks_[x].end));
  return std::nullopt;
}

// "F/M", "(women/men)", "; M/F": a key of two different sexes over a slash at x, with what it spans.
std::optional<SexKey> Lowering::sex_key_at(std::size_t x, std::size_t e) const {
  if (x < e && (toks_[x].kind == Tok::semicolon || toks_[x].kind == Tok::comma)) ++x;
  const bool paren = x < e && toks_[x].kind == Tok::lparen;
  if (paren) ++x;
  const auto first = sex_at(x, e);
  if (!first || x + 2 >= e || toks_[x + 1].kind != Tok::slash) return std::nullopt;
  const auto second = sex_at(x + 2, e);
  if (!second || *second == *first) return std::nullopt;
  std::size_t end = x + 3;
  if (paren) {
    if (end >= e || toks_[end].kind != Tok::rparen) return std::nullopt;
    ++end;
  }
  return SexKey{*first, end};
}

// "<50/40 mg/dl; F/M": the pair at the threshold (the second number in its unit spelling), the unit after
// it, and the key. k is the token after the threshold.
std::optional<std::pair<Node, std::size_t>> Lowering::sex_pair(std::size_t k, std::size_t e, const engine::Concept& var,
                                                               const Threshold& th, std::uint32_t begin) {
  if (th.high || !sex_pair_may_start(th.value.unit_spelling)) return std::nullopt;
  const auto second = number_after_slash(th.value.unit_spelling);
  if (!second || th.value.unit_spelling.find('.') != std::string::npos) return std::nullopt;
  // The unit written after the pair ("mg/dl", "cm"): the longest run of glued tokens that reads as one.
  std::string_view unit, spelling;  // kept() and the line's
  std::size_t after = k;
  for (std::size_t m = k; m < e && m < k + 5; ++m) {
    if (m > k && toks_[m].begin != toks_[m - 1].end) break;
    if (toks_[m].kind != Tok::word && toks_[m].kind != Tok::slash && toks_[m].kind != Tok::other) break;
    const std::string_view s = slice(toks_[k].begin, toks_[m].end);
    if (const auto u = resolve_unit(s)) {
      unit = *u;
      spelling = s;
      after = m + 1;
    }
  }
  const auto key = sex_key_at(after, e);
  if (!key) return std::nullopt;
  Quantity a = th.value, b = th.value;
  a.unit = b.unit = unit;
  a.unit_spelling = b.unit_spelling = spelling;
  a.unit_begin = b.unit_begin = toks_[k].begin;
  a.unit_end = b.unit_end = after > k ? toks_[after - 1].end : toks_[k].begin;
  b.value = *second;
  const auto end = toks_[key->end - 1].end;
  auto n = per_sex(var, th.cmp, a, th.cmp, b, key->first_female, begin, end);
  if (!n) return std::nullopt;
  return std::make_pair(std::move(*n), key->end);
}

// "and ≥1.4 mg/dL in males and females respectively", "and 30 g for women and men respectively": the second
// limit after a first one ending before k, then whom each is for, in the same order.
std::optional<RespectiveTail> Lowering::respective_tail(std::size_t k, std::size_t e, engine::Comparator first) const {
  if (!respective_tail_may_start(toks_, k, e)) return std::nullopt;
  RespectiveTail out;
  out.cmp = first;
  std::size_t x = k + 1;
  if (toks_[x].kind == Tok::cmp) out.cmp = toks_[x++].cmp;
  if (x >= e || toks_[x].kind != Tok::quantity) return std::nullopt;
  out.second = toks_[x].quantity;
  ++x;
  if (x < e && toks_[x].kind == Tok::guard) ++x;
  while (x < e && toks_[x].kind == Tok::filler) ++x;
  if (x < e && toks_[x].kind == Tok::sex_any) {
    // "males and females" is one token ("male or female" pairs nothing).
    const std::string w = lower_ascii(slice(toks_[x].begin, toks_[x].end));
    if (w.find(" and ") == std::string::npos) return std::nullopt;
    out.first_female = w.starts_with("f") || w.starts_with("w");
    ++x;
  } else {
    const auto first_sex = sex_at(x, e);
    if (!first_sex || x + 2 >= e || toks_[x + 1].kind != Tok::and_) return std::nullopt;
    const auto second_sex = sex_at(x + 2, e);
    if (!second_sex || *second_sex == *first_sex) return std::nullopt;
    out.first_female = *first_sex;
    x += 3;
  }
  if (x >= e || !iequals(slice(toks_[x].begin, toks_[x].end), "respectively")) return std::nullopt;
  out.end = x + 1;
  return out;
}

namespace {
// "1.5 and 1.4 mg/dL": the unit written once, after the second, is the first's too.
bool share_unit(Quantity& a, const Quantity& b) {
  if (a.unit.empty() && !a.unit_unknown && a.relative_to == engine::RelativeTo::none) {
    a.unit = b.unit;
    a.unit_spelling = b.unit_spelling;
    a.relative_to = b.relative_to;
    a.unit_unknown = b.unit_unknown;
  }
  return a.unit == b.unit && a.relative_to == b.relative_to && !a.unit_unknown && !b.unit_unknown;
}
}  // namespace

// "serum creatinine ≥1.5 and ≥1.4 mg/dL in males and females respectively": two limits of a lexicon measure.
std::optional<std::pair<Node, std::size_t>> Lowering::respective_limits(std::size_t k, std::size_t e,
                                                                        const engine::Concept& var, const Threshold& th,
                                                                        std::uint32_t begin) {
  if (th.high) return std::nullopt;
  const auto tail = respective_tail(k, e, th.cmp);
  if (!tail) return std::nullopt;
  Quantity a = th.value;
  if (!share_unit(a, tail->second)) return std::nullopt;
  auto n = per_sex(var, th.cmp, a, tail->cmp, tail->second, tail->first_female, begin, toks_[tail->end - 1].end);
  if (!n) return std::nullopt;
  return std::make_pair(std::move(*n), tail->end);
}

// "Daily alcohol intake above 20 g and 30 g for women and men respectively": the same of a thing the lexicon
// does not list, named by the words before the first limit; the whole of [b, e) or nothing.
std::optional<Node> Lowering::respective_open(std::size_t b, std::size_t e) {
  std::size_t first = b;
  while (first < e && toks_[first].kind != Tok::cmp && toks_[first].kind != Tok::quantity) ++first;
  if (first >= e) return std::nullopt;
  const auto island = island_at(first, e);
  if (!island || island->within || island->th.high || !island->one_of.empty()) return std::nullopt;
  const auto tail = respective_tail(island->e, e, island->th.cmp);
  // "... respectively OR": a connector to the next line closes it.
  std::size_t rest = tail ? skip_neutral(tail->end, e) : e;
  while (rest < e && (toks_[rest].kind == Tok::or_ || toks_[rest].kind == Tok::and_)) rest = skip_neutral(rest + 1, e);
  if (!tail || rest != e) return std::nullopt;
  const auto [nb, ne] = name_words(b, first);
  if (nb >= ne) return std::nullopt;
  for (std::size_t x = nb; x < ne; ++x)
    if (toks_[x].kind != Tok::word && toks_[x].kind != Tok::filler && (toks_[x].kind != Tok::name || is_measured(x)))
      return std::nullopt;
  Quantity a = island->th.value;
  if (!share_unit(a, tail->second)) return std::nullopt;
  const std::string name = std::string(trim(slice(toks_[nb].begin, toks_[ne - 1].end)));
  const engine::Span span{toks_[b].begin, toks_[tail->end - 1].end};
  warn(fmt::format("'{}' is not in the lexicon: read as an unlisted variable", name), span.begin, span.end);
  Island one = *island, two = *island;
  one.th.value = a;
  two.th.cmp = tail->cmp;
  two.th.value = tail->second;
  auto sex = [&](bool female) { return Node{engine::Sex{female ? "female" : "male"}, span}; };
  std::vector<Node> both;
  both.push_back(engine::make_if(sex(tail->first_female), open_node(one, name, span), span));
  both.push_back(engine::make_if(sex(!tail->first_female), open_node(two, name, span), span));
  return engine::make_all(std::move(both), span);
}

// if(sex, first limit) and if(other sex, second limit).
std::optional<Node> Lowering::per_sex(const engine::Concept& var, engine::Comparator ca, const Quantity& a,
                                      engine::Comparator cb, const Quantity& b, bool first_female, std::uint32_t begin,
                                      std::uint32_t end) {
  auto first = cmp_node(var, ca, a, begin, end);
  auto second = cmp_node(var, cb, b, begin, end);
  if (!first || !second) return std::nullopt;
  auto sex = [&](bool female) { return Node{engine::Sex{female ? "female" : "male"}, {begin, end}}; };
  std::vector<Node> both;
  both.push_back(engine::make_if(sex(first_female), std::move(*first), {begin, end}));
  both.push_back(engine::make_if(sex(!first_female), std::move(*second), {begin, end}));
  return engine::make_all(std::move(both), {begin, end});
}

}  // namespace trialmatch::grammar::detail
