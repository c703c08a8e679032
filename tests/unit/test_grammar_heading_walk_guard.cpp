// people_heading_into (grammar/src/lower_heading.hpp) stops its walk for the lead-in's colon at the first token that is
// no word of a lead-in (kLeadInWordKinds), where lead_in_names_people would refuse the lead-in (docs/lowering-guards.md).
// Against people_heading, its oracle (the walk to the colon, then lead_in_names_people), with every token kind in a
// lead-in: this fails where the walk stops at a kind the lead-in takes. (test_grammar_parser_heading.cpp checks the
// two on every span of the golden lines.)
#include <doctest/doctest.h>

#include <string>
#include <vector>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_heading.hpp"
#include "../../grammar/src/tokens.hpp"

namespace g = trialmatch::grammar;

namespace {

// A token of `kind` over text[begin, end).
g::Token token(g::Tok kind, std::uint32_t begin, std::uint32_t end) {
  g::Token t;
  t.kind = kind;
  t.begin = begin;
  t.end = end;
  return t;
}

}  // namespace

TEST_CASE("people_heading_into: a lead-in holding a token of each kind, as people_heading") {
  // "Healthy young children: age": the second word takes each kind in turn, and so does the first.
  const std::string text = "Healthy young children: age";
  int named = 0;
  for (unsigned k = 0; k <= static_cast<unsigned>(g::Tok::date); ++k) {
    const auto kind = static_cast<g::Tok>(k);
    for (std::size_t at = 0; at < 2; ++at) {
      std::vector<g::Token> toks = {token(g::Tok::word, 0, 7), token(g::Tok::word, 8, 13), token(g::Tok::word, 14, 22),
                                    token(g::Tok::colon, 22, 23), token(g::Tok::word, 24, 27)};
      toks[at].kind = kind;
      CAPTURE(k);
      CAPTURE(at);
      const std::string expected = g::detail::people_heading(text, toks);
      std::string heading;
      g::detail::people_heading_into(heading, text, toks);
      CHECK(heading == expected);
      named += !expected.empty();
    }
  }
  // (Seven kinds a lead-in takes, at both places.)
  CHECK(named == 14);
}
