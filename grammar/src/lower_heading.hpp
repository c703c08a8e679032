#pragma once
// lower_heading.cpp: a lead-in that names people ("Children:", "Kidney donors:"), and its key for the trial.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "lower_kind_mask.hpp"
#include "tokens.hpp"

namespace trialmatch::grammar::detail {

// The kinds of a lead-in's words (lead_in_names_people refuses a lead-in holding a token of another kind).
inline constexpr std::uint64_t kLeadInWordKinds = kinds_mask(
    {Tok::word, Tok::filler, Tok::subject, Tok::name, Tok::guard, Tok::sex_female, Tok::sex_male});

// True where the tokens [b, c) are words that end with a people word ("Healthy children", "Kidney donors",
// "Inclusion criteria for carers") and do not say "all", "both" or "each".
bool lead_in_names_people(std::string_view text, std::span<const Token> toks, std::size_t b, std::size_t c);

// The line's lead-in before its first colon, where it names people: its key (grammar::people_group); else empty.
std::string people_heading(std::string_view text, std::span<const Token> toks);

// people_heading's key for a lead-in that ends at the colon `toks[c]`, written into `out`; `out` left as it is where
// the lead-in names no people.
void people_heading_at(std::string& out, std::string_view text, std::span<const Token> toks, std::size_t c);
// people_heading written into `out` (empty, as the parse result makes it). Every line asks it and most have no colon
// among their first tokens: that look is made here, with no call and no string made and moved for the answer; the
// rest only where there is one. (people_heading is its oracle: tests/unit/test_grammar_parser_heading.cpp.)
inline void people_heading_into(std::string& out, std::string_view text, std::span<const Token> toks) {
  // The lead-in: at most nine words before the line's first colon (so the colon among its first ten tokens), with
  // something after it.
  // (A line of fewer than three tokens has no word, colon and something after it: no walk.)
  if (toks.size() < 3) return;
  const std::size_t limit = toks.size() < 10 ? toks.size() : 10;
  // The walk stops at the first token that is no word of a lead-in: where that is not the colon, a lead-in up to any
  // later colon holds it, and lead_in_names_people refuses it (its first test, made here: most lines stop at a number,
  // a comma or an "and" before their tenth token).
  std::size_t c = 0;
  while (c < limit && is_one_of(kLeadInWordKinds, toks[c].kind)) ++c;
  if (c == 0 || c == limit || toks[c].kind != Tok::colon || c + 1 >= toks.size()) return;
  people_heading_at(out, text, toks, c);
}

}  // namespace trialmatch::grammar::detail
