// The steps after reading the tokens look first at the tokens read_tokens noted (tokens.cpp, TokenCounts): the
// readings of what parentheses hold ("palsy (PSP)": initials; "2 hours (hr)": a unit's abbreviation) visit the
// '(' tokens noted, and the joins of quantities ("1 year and 6 months", "< -3") run only where the quantities
// noted may stand as a join needs them (guards: docs/lowering-guards.md). Where more were found than are noted,
// each step scans every token, its old form: that is the oracle. The same line with more parentheses and
// quantities after it is read by the scans, and its own tokens must come out the same.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

namespace g = trialmatch::grammar;
using trialmatch::engine::Lexicon;

namespace {

// Nine more parentheses that neither reading takes (no letters inside) and nine more quantities that join nothing
// (a ';' between any two), after a ';' that ends the line's last token.
constexpr std::string_view kMoreParentheses = " ; (1) (2) (3) (4) (5) (6) (7) (8) (9) ; 1 ; 2 ; 3 ; 4 ; 5 ; 6 ; 7 ; 8 ; 9";

std::vector<g::Token> tokens_of(const std::string& line, const Lexicon& lexicon, const g::TokenizerTables& tables) {
  std::vector<g::Token> toks;
  g::tokenize(line, lexicon, toks, &tables);
  return toks;
}

bool same_kinds_and_bytes(const std::vector<g::Token>& a, const std::vector<g::Token>& b, std::size_t count) {
  if (a.size() < count || b.size() < count) return false;
  for (std::size_t i = 0; i < count; ++i) {
    if (a[i].kind != b[i].kind || a[i].begin != b[i].begin || a[i].end != b[i].end) return false;
    if (a[i].kind == g::Tok::quantity &&
        (a[i].quantity.value != b[i].quantity.value || a[i].quantity.unit != b[i].quantity.unit ||
         a[i].quantity.unit_spelling != b[i].quantity.unit_spelling || a[i].quantity.unit_end != b[i].quantity.unit_end))
      return false;
  }
  return true;
}

// The line's tokens as read alone (the noted '(' tokens, where there are few) and with the parentheses after it
// (the scan of every token): the same.
void check_as_scanned(const std::string& line, const Lexicon& lexicon, const g::TokenizerTables& tables) {
  const auto alone = tokens_of(line, lexicon, tables);
  const std::string longer = line + std::string(kMoreParentheses);  // (alive while its tokens' views are read)
  const auto scanned = tokens_of(longer, lexicon, tables);
  CAPTURE(line);
  CHECK(same_kinds_and_bytes(alone, scanned, alone.size()));
}

std::size_t fillers_after_lparen(const std::vector<g::Token>& toks) {
  std::size_t n = 0;
  for (std::size_t i = 1; i < toks.size(); ++i) n += toks[i - 1].kind == g::Tok::lparen && toks[i].kind == g::Tok::filler;
  return n;
}

}  // namespace

TEST_CASE("what parentheses hold is read at the '(' tokens noted as by a scan of every token") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  // Lines where a reading takes what the parentheses hold, among others where it does not, at the first, the last
  // and the eighth '(' (the last one noted), after joins that move tokens ("1 year and 6 months", "< -3"), and
  // with more '(' tokens than are noted.
  const std::vector<std::string> lines = {
      "progressive supranuclear palsy (PSP)",
      "heart failure (HF) or (x) and (y)",
      "(a) (b) (c) (d) (e) (f) (g) heart failure (HF)",
      "(a) (b) (c) (d) (e) (f) (g) (h) heart failure (HF)",
      "> 90 beats/minute (min) for 2 hours (hr)",
      "weight loss of 5 kg (kg) in 1 year and 6 months (mo)",
      "T-score < -2.5 (SD) after 2 hours (hr) and asthma (A)",
      "(AD) (HF) heart failure (HF)",
      "2 hours (hr) (hr) (h)",
  };
  std::size_t taken = 0;
  for (const auto& line : lines) {
    check_as_scanned(line, lexicon, *tables);
    taken += fillers_after_lparen(tokens_of(line, lexicon, *tables));
  }
  CHECK(taken >= 6);  // (the readings take something here: the comparison is not of nothing)
  // Every golden line that has a '(', with as many as it has (and those with quantities: the case below).
  std::size_t compared = 0;
  for (const auto& line : golden_support::all_criterion_lines()) {
    if (line.find('(') == std::string::npos) continue;
    check_as_scanned(line, lexicon, *tables);
    ++compared;
  }
  CHECK(compared > 100);
}

TEST_CASE("the joins of quantities run where the quantities noted may stand as a join needs them, as the scans join") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  // Lines with each kind of join (two units of one duration by "and", "+" or nothing; a sign after a comparator, a
  // word, a range's word), at the first and the eighth quantity (the last one noted), a join of each kind in one
  // line, and quantities that stand close but do not join.
  const std::vector<std::string> lines = {
      "gestational age of 23 weeks 6 days",
      "duration of 1 year and 6 months",
      "2 hours + 30 minutes",
      "\u2264-3SD on the scale",
      "score < -1 on the RASS",
      "score < \u22121 on the RASS",  // (a U+2212 minus sign: an `other` token, not a range's dash)
      "T-score of \u22122.5 or lower",
      "T-score of -2.5 or lower",
      "refraction between -6.00 and -0.50 diopters",
      "a shift of -1 to -10",
      "1, 2, 3, 4, 5, 6, 7 and 1 year 6 months",
      "1, 2, 3, 4, 5, 6, 7 and < -3",
      "1 year and 6 months after a T-score < -2.5",
      "aged 18 -65 years",
      "between 1 year and 6 months",
      "2 or 3 doses, 5 mg or 10 mg",
  };
  std::size_t joined = 0;
  for (const auto& line : lines) {
    check_as_scanned(line, lexicon, *tables);
    for (const auto& t : tokens_of(line, lexicon, *tables))
      joined += t.kind == g::Tok::quantity && (t.quantity.value < 0 || t.quantity.unit == "d" || t.quantity.unit == "min" || t.quantity.unit == "mo");
  }
  CHECK(joined >= 9);  // (the joins join something here: the comparison is not of nothing)
  // Every golden line with a digit, and each in upper case.
  std::size_t compared = 0;
  for (const auto& line : golden_support::all_criterion_lines()) {
    if (line.find_first_of("0123456789") == std::string::npos) continue;
    check_as_scanned(line, lexicon, *tables);
    std::string upper = line;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    check_as_scanned(upper, lexicon, *tables);
    ++compared;
  }
  CHECK(compared > 500);
}
