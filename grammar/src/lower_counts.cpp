// Counts of things, read as a whole piece where the rest of the grammar left it as text:
//   "At least one measurable lesion as per RECIST v1.1"     -> cmp "… measurable lesion as per RECIST v1.1" >= 1
//   "two or more of the following SIRS criteria:"           -> cmp "… of the following SIRS criteria" >= 2
//   "Patient previously treated with only one cytokine"     -> cmp "previously treated … cytokine" == 1
//   "one or more symptoms (cough, fever) for ≥3 months"     -> all(cmp "… symptoms (cough, fever)" >= 1,
//                                                                  cmp "… symptoms (cough, fever)" >= 3 mo)
// A count is a comparison on how many of the things its words name: an unlisted variable named by those
// words ("…" where the count stood), which evaluates unknown, so a person counts; the number and its
// direction are read exactly ("only one" is == 1, "minimum three" >= 3, a bare "one of the following" >= 1).
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <span>

#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

using engine::Comparator;
using engine::Node;

namespace {

constexpr std::size_t kMaxCountedWords = 28;  // a longer text is no one thing a count could name

bool unitless_whole(const Quantity& q) {
  return q.unit.empty() && !q.unit_unknown && q.relative_to == engine::RelativeTo::none && !q.plus && q.value >= 0 &&
         q.value <= 1000 && q.value == std::floor(q.value);
}

// Whether [b, e) holds a whole number with no unit, the number every count has (count_at): most pieces asked for a
// count have only measured numbers, and are refused by this walk before the one that asks count_at at each token.
bool holds_whole_number(std::span<const Token> toks, std::size_t b, std::size_t e) {
  for (std::size_t x = b; x < e; ++x)
    if (toks[x].kind == Tok::quantity && unitless_whole(toks[x].quantity)) return true;
  return false;
}

// What count_at(x, e) asks first of token x: only a comparator, a number, "only" (4 letters) or "minimum"/"exactly" (7)
// starts a count, and each but the number has the count's number right after it, inside [x, e) (count_at reads the
// number at x + 1 after any of them, and a number at x alone otherwise). Tested before the call, which was made at
// most words of four or seven letters of a piece. (docs/lowering-guards.md)
bool may_start_count(std::span<const Token> toks, std::size_t x, std::size_t e) {
  const Token& t = toks[x];
  if (t.kind == Tok::quantity) return true;
  if (x + 1 >= e || toks[x + 1].kind != Tok::quantity) return false;
  const std::uint32_t bytes = t.end - t.begin;
  return t.kind == Tok::cmp || bytes == 4 || bytes == 7;
}

}  // namespace

// "RECIST v1.1", "RECIST 1.1", "CTCAE version 5.0": the version of a named standard is a word of the name.
bool Lowering::version_number(std::size_t x) const {
  if (x == 0 || toks_[x].kind != Tok::quantity) return false;
  const Quantity& q = toks_[x].quantity;
  if (!q.unit.empty() || q.unit_unknown || q.relative_to != engine::RelativeTo::none) return false;
  const Token& p = toks_[x - 1];
  const std::string_view w = slice(p.begin, p.end);
  // "v1.1": the word, its point and the number glued together.
  if (p.end == toks_[x].begin && w == "." && x >= 2 && toks_[x - 2].end == p.begin && toks_[x - 2].kind == Tok::word)
    return true;
  if (iequals(w, "version") || iequals(w, "v") || iequals(w, "ver")) return true;
  // An acronym in capitals before a number with a decimal point: "RECIST 1.1".
  if (p.kind != Tok::word || w.size() < 3 || q.value == std::floor(q.value)) return false;
  for (const char c : w)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

// The count that starts at token i: a comparator ("at least", "≥", "minimum", "only") or a list it
// counts in ("of the following"), and a whole number with no unit.
std::optional<Count> Lowering::count_at(std::size_t i, std::size_t e) const {
  auto word = [&](std::size_t x) { return x < e ? slice(toks_[x].begin, toks_[x].end) : std::string_view(); };
  // Asked at every token: only a comparator, a number, "only" (4 letters) or "minimum"/"exactly" (7) starts one.
  if (toks_[i].kind != Tok::cmp && toks_[i].kind != Tok::quantity && word(i).size() != 4 && word(i).size() != 7)
    return std::nullopt;
  Count out;
  out.b = i;
  std::size_t j = i;
  std::optional<Comparator> cmp;
  if (toks_[j].kind == Tok::cmp) {
    cmp = toks_[j++].cmp;
  } else if (iequals(word(j), "minimum")) {  // "minimum three" ("minimum of" is a comparator phrase)
    cmp = Comparator::ge;
    ++j;
  } else if (iequals(word(j), "only") || iequals(word(j), "exactly")) {
    // "must have at only 20 teeth": "at" before it garbles another comparator; not read.
    if (j > 0 && iequals(word(j - 1), "at")) return std::nullopt;
    cmp = Comparator::eq;
    ++j;
  }
  if (j >= e || toks_[j].kind != Tok::quantity || !unitless_whole(toks_[j].quantity)) return std::nullopt;
  // "DSM-5 criteria", "(PCWG )3": a number glued to the word before it names that word's version.
  if (j == i && j > 0 && toks_[j - 1].end == toks_[j].begin && toks_[j - 1].kind != Tok::lparen) return std::nullopt;
  const auto first = static_cast<unsigned char>(text_[toks_[j].begin]);
  const bool spelled = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  out.value = toks_[j].quantity.value;
  ++j;
  // "≥ 4a", "2-wall": a number glued to a letter or a hyphen is a sub-grade or a word, no count.
  if (j < e && toks_[j].begin == toks_[j - 1].end && toks_[j].kind != Tok::comma && toks_[j].kind != Tok::rparen)
    return std::nullopt;
  if (j < e && toks_[j].kind == Tok::cmp_post) {
    if (cmp && *cmp != toks_[j].cmp) return std::nullopt;
    cmp = toks_[j++].cmp;
  }
  out.e = out.listed_e = j;
  if (j >= e) return std::nullopt;
  if (toks_[j].kind == Tok::filler && word(j) == "of") {
    // "of the following", "of these three", "≥2 of 6": a count of the items listed.
    std::size_t k = j + 1;
    if (k < e && iequals(word(k), "the")) ++k;
    if (k < e && (iequals(word(k), "following") || iequals(word(k), "these") || iequals(word(k), "those"))) {
      ++k;
      if (k < e && toks_[k].kind == Tok::quantity && unitless_whole(toks_[k].quantity)) ++k;  // "these three"
    } else if (k == j + 1 && k < e && toks_[k].kind == Tok::quantity && unitless_whole(toks_[k].quantity) &&
               toks_[k].quantity.value >= out.value) {
      ++k;
    } else if (!cmp || k == j + 1) {
      // "one of his parents", "two of them": whose count, of what, is not said plainly. With a comparator,
      // "one or more of the eye examinations" counts the things named after "the".
      return std::nullopt;
    }
    out.listed_e = k;
    if (!cmp) cmp = Comparator::ge;  // "one of the following": at least one of them
  } else if (!cmp) {
    // "Meets two additional criteria": a bare number of criteria met, spelled out, is at least that many
    // ("DSM 5 criteria" names a version); any other bare number ("Having one isolated defect") is a word
    // of its name.
    if (!spelled) return std::nullopt;
    bool criteria = false;
    for (std::size_t k = j; k < e && k < j + 3 && !criteria; ++k)
      criteria = iequals(word(k), "criteria") || iequals(word(k), "criterion");
    if (!criteria) return std::nullopt;
    cmp = Comparator::ge;
  }
  // What is counted is words ("of the following" aside): "at least 2 weeks" has its unit, "at least 2 of"
  // something else is no count of this kind.
  if (out.listed_e == out.e && toks_[j].kind != Tok::word && toks_[j].kind != Tok::name && toks_[j].kind != Tok::filler &&
      toks_[j].kind != Tok::status_history && toks_[j].kind != Tok::status_active && toks_[j].kind != Tok::subject)
    return std::nullopt;
  // "Only one type of imaging is required": what suffices, at least one, not exactly one; not read.
  if (*cmp == Comparator::eq) {
    static constexpr std::string_view suffices[] = {"required", "needed", "necessary", "sufficient", "enough"};
    for (std::size_t k = j; k < e && k < j + 8; ++k)
      if (one_of(word(k), suffices)) return std::nullopt;
  }
  out.cmp = *cmp;
  return out;
}

// "α2a", "IL2": a number glued to the letters before it is a word of the name.
bool Lowering::glued_to_word(std::size_t x) const {
  if (x == 0 || toks_[x].kind != Tok::quantity || toks_[x - 1].end != toks_[x].begin) return false;
  const Token& p = toks_[x - 1];
  const auto last = static_cast<unsigned char>(text_[p.end - 1]);
  return (p.kind == Tok::word || p.kind == Tok::name || p.kind == Tok::other) &&
         (last >= 0x80 || (last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z'));
}

// "one or more clinical symptoms (persistent cough, weight loss, fever)": the kinds of the counted thing,
// listed in parentheses right after it, are what is counted; read as a list they would be required
// together (an inclusion's "all"), which the count contradicts.
bool Lowering::count_lists_kinds(std::size_t b, std::size_t e) const {
  // A count (its number) and the kinds listed in parentheses.
  const TokKinds kinds = kinds_in(b, e);
  if (!kinds.has(Tok::lparen) || !kinds.has(Tok::quantity) || !holds_whole_number(toks_, b, e)) return false;
  for (std::size_t x = b; kinds.has(Tok::judgement) && x < e; ++x)  // (judges asks for a judgement token)
    if (judges(x)) return false;  // the judgement reading decides
  for (std::size_t x = b, depth = 0; x < e; ++x) {
    if (toks_[x].kind == Tok::lparen) ++depth;
    if (toks_[x].kind == Tok::rparen && depth > 0) --depth;
    if (depth > 0 || !may_start_count(toks_, x, e)) continue;
    const auto c = count_at(x, e);
    if (!c || c->listed_e != c->e) continue;
    std::size_t y = c->e;
    while (y < e && y < c->e + 4 && (toks_[y].kind == Tok::word || toks_[y].kind == Tok::name || toks_[y].kind == Tok::filler))
      ++y;
    if (y == c->e || y >= e || toks_[y].kind != Tok::lparen) return false;
    for (std::size_t z = y + 1; z < e && toks_[z].kind != Tok::rparen; ++z)
      if (toks_[z].kind == Tok::comma || toks_[z].kind == Tok::or_ || toks_[z].kind == Tok::and_or) return true;
    return false;
  }
  return false;
}

std::optional<Node> Lowering::counted(std::size_t b, std::size_t e) {
  if (b >= e) return std::nullopt;
  const TokKinds kinds = kinds_in(b, e);
  if (!kinds.has(Tok::quantity) || !holds_whole_number(toks_, b, e)) return std::nullopt;  // no number, no count
  const std::size_t piece_e = e;
  // "one or more clinical symptoms (...) for ≥3 months": how long what is counted has lasted, closing the
  // piece, on the same name ("for 3 months" is at least that long, as a comparison held for a time is).
  // (On the heap where read, as few are: an optional<Island> made at every call was zero-filled, all 408 bytes.)
  std::unique_ptr<Island> lasted;
  // (Read at a guard token only: the walk is made where the piece holds one, as its kinds, known, tell.)
  for (std::size_t f = b; kinds.has(Tok::guard) && f + 1 < e && !lasted; ++f) {
    if (toks_[f].kind != Tok::guard || !iequals(slice(toks_[f].begin, toks_[f].end), "for")) continue;
    std::size_t k = f + 1;
    Island is;
    is.th.cmp = Comparator::ge;
    if (toks_[k].kind == Tok::cmp) is.th.cmp = toks_[k++].cmp;
    if (k >= e || toks_[k].kind != Tok::quantity || !is_time_unit(toks_[k].quantity.unit) ||
        toks_[k].quantity.value <= 0 || skip_neutral(k + 1, e) != e)
      continue;
    is.th.value = toks_[k].quantity;
    lasted = std::make_unique<Island>(std::move(is));
    e = f;
  }
  std::optional<Count> count;
  for (std::size_t x = b, depth = 0; x < e; ++x) {
    const Tok k = toks_[x].kind;
    if (k == Tok::lparen) ++depth;
    if (k == Tok::rparen && depth > 0) --depth;
    if ((k == Tok::cmp || k == Tok::quantity || k == Tok::word || k == Tok::guard) && may_start_count(toks_, x, e)) {
      if (auto c = count_at(x, e)) {
        // Two counts, or one inside parentheses: which words each counts is not plain.
        if (count || depth > 0) return std::nullopt;
        count = c;
        x = c->listed_e - 1;
        continue;
      }
    }
    // Another condition the grammar reads elsewhere, or a judgement: not one count.
    if (judges(x) || is_measured(x) || k == Tok::cmp || k == Tok::cmp_post || k == Tok::relative ||
        k == Tok::exception || k == Tok::semicolon)
      return std::nullopt;
    if (k == Tok::quantity && !incidental_number(x) && !version_number(x) && !glued_to_word(x)) return std::nullopt;
    // "harvested from a donor": a word, unless it opens a range.
    if (k == Tok::between) {
      Threshold th;
      if (threshold(x, e, th)) return std::nullopt;
    }
    // "during the study screening period": words, unless they are a window.
    if (k == Tok::within || k == Tok::ahead) {
      engine::Amount a;
      std::string before;
      if (window(x, e, a, before)) return std::nullopt;
    }
  }
  if (!count) return std::nullopt;
  // A negation after the count is a word of what is counted ("at least one lesion, not previously
  // irradiated"), unless an "and" or "or" may start another condition ("at least one X and no Y"). Before
  // it, its reach is not plain: "Not participating in one or more of the assessments" misses at least one
  // of them, "not having at least two X" has fewer than two; a person reads it.
  std::size_t lead = skip_neutral(b, count->b);
  for (std::size_t x = lead; x < count->b; ++x)
    if (toks_[x].kind == Tok::negation) return std::nullopt;
  for (std::size_t x = count->listed_e; x < e; ++x) {
    const Tok k = toks_[x].kind;
    if ((k == Tok::and_ || k == Tok::or_ || k == Tok::and_or) && skip_neutral(x + 1, e) < e &&
        toks_[skip_neutral(x + 1, e)].kind == Tok::negation)
      return std::nullopt;
  }
  // "For patients in the emergency center only, two or more of ...": a guard heading the piece, closed by a
  // comma, says whom the count is for; the grammar cannot read whom, a person decides.
  std::optional<Node> cohort;
  if (lead < count->b && toks_[lead].kind == Tok::guard) {
    std::size_t comma = count->b;
    for (std::size_t x = count->b; x-- > lead;)
      if (toks_[x].kind == Tok::comma) { comma = x; break; }
    if (comma == count->b || comma == lead) return std::nullopt;
    cohort = text_node(toks_[lead].begin, toks_[comma - 1].end, engine::TextReason::not_understood);
    lead = comma + 1;
  }
  // "Patient previously treated with only one cytokine": the lead-in the lowering passed over as neutral
  // names the thing too (a status word in it stays: "previously treated").
  auto lead_in = [&](std::size_t x) {
    const Tok k = toks_[x].kind;
    return k == Tok::filler || k == Tok::subject || k == Tok::status_history || k == Tok::status_active;
  };
  if (!cohort) {
    lead = b;
    while (lead > 0 && lead_in(lead - 1)) --lead;
  }
  auto [pb, pe] = name_words(lead, count->b);
  while (pb > lead && pb < pe && (toks_[pb - 1].kind == Tok::status_history || toks_[pb - 1].kind == Tok::status_active))
    --pb;
  // What is counted keeps all its words ("at least 1 prior treatment"); "of the following SIRS criteria"
  // keeps its "of": the name says the count is of the items listed.
  const std::size_t qb = count->e;
  std::size_t qe = name_words(count->e, e).second;
  // "(persistent cough, fever)": a parenthesis the counted words open closes with them.
  int open = 0;
  for (std::size_t x = qb; x < qe; ++x) open += toks_[x].kind == Tok::lparen ? 1 : toks_[x].kind == Tok::rparen ? -1 : 0;
  if (open > 0 && qe < e && toks_[qe].kind == Tok::rparen) ++qe;
  if (qb >= qe) return std::nullopt;
  std::size_t words = 0;
  for (std::size_t x = pb; x < qe; ++x) {
    if (x >= pe && x < qb) continue;
    const Tok k = toks_[x].kind;
    words += k == Tok::word || k == Tok::name || k == Tok::filler || k == Tok::subject || k == Tok::quantity ? 1 : 0;
  }
  if (words > kMaxCountedWords) return std::nullopt;
  const std::string counted_words = balanced(trim_view(slice(toks_[qb].begin, toks_[qe - 1].end)));
  const std::string name =
      pb < pe ? balanced(trim_view(slice(toks_[pb].begin, toks_[pe - 1].end))) + " … " + counted_words : "… " + counted_words;
  const engine::Span span{toks_[b].begin, toks_[piece_e - 1].end};
  warn(fmt::format("'{}' is not in the lexicon: read as an unlisted count{}", name,
                   lasted ? " and how long it has lasted" : ""),
       span.begin, span.end);
  Island is;
  is.th.cmp = count->cmp;
  is.th.value.value = count->value;
  Node read = open_node(is, name, {toks_[count->b].begin, toks_[qe - 1].end});
  if (lasted) read = engine::make_all({std::move(read), open_node(*lasted, name, span)}, span);
  if (cohort) read = engine::make_if(std::move(*cohort), std::move(read), span);
  read.span = span;
  return read;
}

}  // namespace trialmatch::grammar::detail
