// The table of token kinds by recorded rule (token_kinds.hpp) against the switch it replaced in tokens.cpp's
// read_token (kept here as the oracle), for every rule the tokenizer records.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/token_kinds.hpp"

namespace g = trialmatch::grammar;
namespace r = trialmatch::grammar::rules;
using g::Tok;
using trialmatch::engine::Comparator;

namespace {

template <class R>
constexpr std::uint8_t kind_of = g::TokenRules::index_of<R>();

// The switch's answer for a record of `rule`, on a blank token: its kind and comparator, and whether the
// switch read more than the record (the text, the records under it, the state) or counted it.
g::RecordKind switch_form(std::uint8_t rule) {
  std::array<Tok, g::TokenRules::size> simple_kinds{};
  simple_kinds.fill(Tok::other);
  simple_kinds[kind_of<r::range_to>] = Tok::range_to;
  simple_kinds[kind_of<r::between>] = Tok::between;
  simple_kinds[kind_of<r::inclusive>] = Tok::inclusive;
  simple_kinds[kind_of<r::age_suffix>] = Tok::age_suffix;
  simple_kinds[kind_of<r::within>] = Tok::within;
  simple_kinds[kind_of<r::ahead>] = Tok::ahead;
  simple_kinds[kind_of<r::before>] = Tok::before;
  simple_kinds[kind_of<r::after>] = Tok::after;
  simple_kinds[kind_of<r::and_word>] = Tok::and_;
  simple_kinds[kind_of<r::or_word>] = Tok::or_;
  simple_kinds[kind_of<r::and_or>] = Tok::and_or;
  simple_kinds[kind_of<r::comma>] = Tok::comma;
  simple_kinds[kind_of<r::slash>] = Tok::slash;
  simple_kinds[kind_of<r::semicolon>] = Tok::semicolon;
  simple_kinds[kind_of<r::period>] = Tok::period;
  simple_kinds[kind_of<r::colon>] = Tok::colon;
  simple_kinds[kind_of<r::lparen>] = Tok::lparen;
  simple_kinds[kind_of<r::rparen>] = Tok::rparen;
  simple_kinds[kind_of<r::negation>] = Tok::negation;
  simple_kinds[kind_of<r::related>] = Tok::related;
  simple_kinds[kind_of<r::exception>] = Tok::exception;
  simple_kinds[kind_of<r::guard>] = Tok::guard;
  simple_kinds[kind_of<r::subject>] = Tok::subject;
  simple_kinds[kind_of<r::sex_any>] = Tok::sex_any;
  simple_kinds[kind_of<r::sex_female>] = Tok::sex_female;
  simple_kinds[kind_of<r::sex_male>] = Tok::sex_male;
  simple_kinds[kind_of<r::status_active>] = Tok::status_active;
  simple_kinds[kind_of<r::status_history>] = Tok::status_history;
  simple_kinds[kind_of<r::judgement>] = Tok::judgement;
  simple_kinds[kind_of<r::examples>] = Tok::examples;
  simple_kinds[kind_of<r::filler>] = Tok::filler;
  simple_kinds[kind_of<r::section_phrase>] = Tok::filler;
  simple_kinds[kind_of<r::any_side>] = Tok::filler;
  simple_kinds[kind_of<r::measured_by>] = Tok::filler;
  simple_kinds[kind_of<r::method_aside>] = Tok::filler;
  simple_kinds[kind_of<r::status_any>] = Tok::filler;
  simple_kinds[kind_of<r::other_word>] = Tok::word;

  g::Token t;  // the blank token
  bool further = false;
  const auto comparator = [&t](Tok kind, Comparator c) {
    t.kind = kind;
    t.cmp = c;
  };
  switch (rule) {
    case kind_of<r::quantity>: t.kind = Tok::quantity; further = true; break;
    case kind_of<r::lparen>: t.kind = Tok::lparen; further = true; break;  // (counted)
    // (A date that does not exist, and a name the state did not keep, become words after reading.)
    case kind_of<r::day_date>: case kind_of<r::month_date>: t.kind = Tok::date; further = true; break;
    case kind_of<r::cmp_le>: comparator(Tok::cmp, Comparator::le); break;
    case kind_of<r::cmp_ge>: comparator(Tok::cmp, Comparator::ge); break;
    case kind_of<r::cmp_lt>: comparator(Tok::cmp, Comparator::lt); break;
    case kind_of<r::cmp_gt>: comparator(Tok::cmp, Comparator::gt); break;
    case kind_of<r::cmp_eq>: comparator(Tok::cmp, Comparator::eq); break;
    case kind_of<r::cmp_post_ge>: comparator(Tok::cmp_post, Comparator::ge); break;
    case kind_of<r::cmp_post_le>: comparator(Tok::cmp_post, Comparator::le); break;
    case kind_of<r::relative_limit>: t.kind = Tok::relative; further = true; break;
    case kind_of<r::concept_name>: t.kind = Tok::name; further = true; break;
    default: t.kind = simple_kinds[rule];
  }
  return {t.kind, t.cmp, further};
}

}  // namespace

TEST_CASE("the table of token kinds by recorded rule says what read_token's switch said, for every rule") {
  for (std::size_t rule = 0; rule < g::TokenRules::size; ++rule) {
    CAPTURE(rule);
    const g::RecordKind expected = switch_form(static_cast<std::uint8_t>(rule));
    const g::RecordKind& table = g::record_kinds[rule];
    CHECK(table.kind == expected.kind);
    CHECK(table.cmp == expected.cmp);
    CHECK(table.read_further == expected.read_further);
  }
  // The blank token's comparator is the table's for every kind that is no comparator.
  CHECK(g::record_kinds[kind_of<r::other_char>].cmp == g::Token{}.cmp);
  CHECK(g::record_kinds[kind_of<r::other_char>].kind == g::Token{}.kind);
}
