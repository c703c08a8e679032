#pragma once
// The kind of token each recorded top-level rule is, read from the record alone (tokens.cpp, read_tokens):
// one table lookup per token, where a switch on the rule cost a jump through its table for most of them.
// Six rules are read further from the text or the records under them (`read_further`).
#include <array>

#include "token_rules.hpp"
#include "tokens.hpp"

namespace trialmatch::grammar {

// (Four bytes: an entry's address is the rule scaled by four.)
struct alignas(4) RecordKind {
  Tok kind = Tok::other;
  engine::Comparator cmp = engine::Comparator::eq;  // the blank token's, except for the comparators
  bool read_further = false;  // quantity, lparen (counted), the dates, relative_limit, concept_name
};

template <class R>
constexpr std::uint8_t token_rule_index = TokenRules::index_of<R>();

constexpr std::array<RecordKind, TokenRules::size> record_kinds = [] {
  namespace r = rules;
  using engine::Comparator;
  std::array<RecordKind, TokenRules::size> k;
  k.fill({Tok::other, Comparator::eq, false});  // every other rule (filled: `k{}` left zeros with GCC 12)
  const auto further = [&k](std::uint8_t rule, Tok kind) { k[rule] = {kind, Comparator::eq, true}; };
  further(token_rule_index<r::quantity>, Tok::quantity);
  further(token_rule_index<r::lparen>, Tok::lparen);
  further(token_rule_index<r::day_date>, Tok::date);
  further(token_rule_index<r::month_date>, Tok::date);
  further(token_rule_index<r::relative_limit>, Tok::relative);
  further(token_rule_index<r::concept_name>, Tok::name);
  k[token_rule_index<r::cmp_le>] = {Tok::cmp, Comparator::le, false};
  k[token_rule_index<r::cmp_ge>] = {Tok::cmp, Comparator::ge, false};
  k[token_rule_index<r::cmp_lt>] = {Tok::cmp, Comparator::lt, false};
  k[token_rule_index<r::cmp_gt>] = {Tok::cmp, Comparator::gt, false};
  k[token_rule_index<r::cmp_eq>] = {Tok::cmp, Comparator::eq, false};
  k[token_rule_index<r::cmp_post_ge>] = {Tok::cmp_post, Comparator::ge, false};
  k[token_rule_index<r::cmp_post_le>] = {Tok::cmp_post, Comparator::le, false};
  const auto simple = [&k](std::uint8_t rule, Tok kind) { k[rule] = {kind, Comparator::eq, false}; };
  simple(token_rule_index<r::range_to>, Tok::range_to);
  simple(token_rule_index<r::between>, Tok::between);
  simple(token_rule_index<r::inclusive>, Tok::inclusive);
  simple(token_rule_index<r::age_suffix>, Tok::age_suffix);
  simple(token_rule_index<r::within>, Tok::within);
  simple(token_rule_index<r::ahead>, Tok::ahead);
  simple(token_rule_index<r::before>, Tok::before);
  simple(token_rule_index<r::after>, Tok::after);
  simple(token_rule_index<r::and_word>, Tok::and_);
  simple(token_rule_index<r::or_word>, Tok::or_);
  simple(token_rule_index<r::and_or>, Tok::and_or);
  simple(token_rule_index<r::comma>, Tok::comma);
  simple(token_rule_index<r::slash>, Tok::slash);
  simple(token_rule_index<r::semicolon>, Tok::semicolon);
  simple(token_rule_index<r::period>, Tok::period);
  simple(token_rule_index<r::colon>, Tok::colon);
  simple(token_rule_index<r::rparen>, Tok::rparen);
  simple(token_rule_index<r::negation>, Tok::negation);
  simple(token_rule_index<r::related>, Tok::related);
  simple(token_rule_index<r::exception>, Tok::exception);
  simple(token_rule_index<r::guard>, Tok::guard);
  simple(token_rule_index<r::subject>, Tok::subject);
  simple(token_rule_index<r::sex_any>, Tok::sex_any);
  simple(token_rule_index<r::sex_female>, Tok::sex_female);
  simple(token_rule_index<r::sex_male>, Tok::sex_male);
  simple(token_rule_index<r::status_active>, Tok::status_active);
  simple(token_rule_index<r::status_history>, Tok::status_history);
  simple(token_rule_index<r::judgement>, Tok::judgement);
  simple(token_rule_index<r::examples>, Tok::examples);
  simple(token_rule_index<r::filler>, Tok::filler);
  simple(token_rule_index<r::section_phrase>, Tok::filler);
  simple(token_rule_index<r::any_side>, Tok::filler);
  simple(token_rule_index<r::measured_by>, Tok::filler);
  simple(token_rule_index<r::method_aside>, Tok::filler);
  simple(token_rule_index<r::status_any>, Tok::filler);
  simple(token_rule_index<r::other_word>, Tok::word);
  return k;
}();
static_assert(sizeof(RecordKind) == 4);

}  // namespace trialmatch::grammar
