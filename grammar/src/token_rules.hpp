#pragma once
// The grammar rules whose matches become tokens (or parts of tokens): what tokens.cpp records, and the
// PEGTL control that records them.
#include "recorder.hpp"
#include "rules.hpp"

namespace trialmatch::grammar {

using TokenRules = RuleList<
    rules::day_date, rules::month_date, rules::quantity, rules::gestation_days, rules::plus_sign, rules::numeral, rules::number_word, rules::count_word, rules::exponent, rules::uln, rules::lln,
    rules::relative_limit, rules::ratio_to_one, rules::unit_spelling, rules::cmp_le, rules::cmp_ge, rules::cmp_lt, rules::cmp_gt,
    rules::cmp_eq, rules::cmp_post_ge, rules::cmp_post_le, rules::range_to, rules::between, rules::inclusive,
    rules::age_suffix, rules::ahead, rules::within, rules::before, rules::after, rules::and_word, rules::or_word, rules::and_or,
    rules::comma, rules::slash, rules::semicolon, rules::period, rules::colon, rules::lparen, rules::rparen,
    rules::negation, rules::related, rules::exception, rules::guard, rules::subject, rules::sex_any,
    rules::sex_female, rules::sex_male, rules::status_active, rules::status_any, rules::status_history,
    rules::judgement, rules::examples, rules::section_phrase, rules::any_side, rules::measured_by, rules::method_aside, rules::filler, rules::concept_name, rules::other_word,
    rules::other_char>;
// At each token's position the phrase lists `token` may try there are matched in one walk.
using TokenRecording = recording<TokenRules, rules::token>;

}  // namespace trialmatch::grammar
