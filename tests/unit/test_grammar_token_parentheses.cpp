// The readings of what parentheses hold ("palsy (PSP)": initials; "2 hours (hr)": a unit's abbreviation) visit
// the '(' tokens read_tokens noted (tokens.cpp, read_parentheses), and scan every token where it noted not all of
// them (more than its room) or a join moved tokens. The scan is the readings' old form and serves as the oracle:
// the same line with more parentheses after it is read by the scan, and its own tokens must come out the same.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

namespace g = trialmatch::grammar;
using trialmatch::engine::Lexicon;

namespace {

// Nine more parentheses that neither reading takes (no letters inside), after a ';' that ends the line's last token.
constexpr std::string_view kMoreParentheses = " ; (1) (2) (3) (4) (5) (6) (7) (8) (9)";

std::vector<g::Token> tokens_of(const std::string& line, const Lexicon& lexicon, const g::TokenizerTables& tables) {
  std::vector<g::Token> toks;
  g::tokenize(line, lexicon, toks, &tables);
  return toks;
}

bool same_kinds_and_bytes(const std::vector<g::Token>& a, const std::vector<g::Token>& b, std::size_t count) {
  if (a.size() < count || b.size() < count) return false;
  for (std::size_t i = 0; i < count; ++i)
    if (a[i].kind != b[i].kind || a[i].begin != b[i].begin || a[i].end != b[i].end) return false;
  return true;
}

// The line's tokens as read alone (the noted '(' tokens, where there are few) and with the parentheses after it
// (the scan of every token): the same.
void check_as_scanned(const std::string& line, const Lexicon& lexicon, const g::TokenizerTables& tables) {
  const auto alone = tokens_of(line, lexicon, tables);
  const auto scanned = tokens_of(line + std::string(kMoreParentheses), lexicon, tables);
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
  // Every golden line that has a '(', with as many as it has.
  std::size_t compared = 0;
  for (const auto& line : golden_support::all_criterion_lines()) {
    if (line.find('(') == std::string::npos) continue;
    check_as_scanned(line, lexicon, *tables);
    ++compared;
  }
  CHECK(compared > 100);
}
