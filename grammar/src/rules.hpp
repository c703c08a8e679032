#pragma once
// The island grammar: small named rules that find structured islands (numbers, units, comparators,
// lexicon names, key words) in free criterion text. Everything else is an `other_word` or
// `other_char` token, so the line always parses and no byte is lost. Meaning is built elsewhere
// (tokens.cpp selects the nodes, lower.cpp builds the predicate tree).
//
// Longest alternative first (phrase lists pick their longest match; `token` puts longer phrases
// that share a first word before shorter ones), words end on a word boundary, and every alternative
// of `token` consumes input. Word lists are data (phrase_rule.hpp), so a spelling is one line.
#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string_view>

#include <tao/pegtl.hpp>

#include "custom_rules.hpp"
#include "first_set.hpp"
#include "phrase_rule.hpp"

namespace trialmatch::grammar::rules {

namespace pegtl = tao::pegtl;
using pegtl::digit;
using pegtl::not_at;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::rep;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using sv = std::string_view;

// --- spacing and words -------------------------------------------------------------------------
struct blank : one<' ', '\t', '\n', '\r'> {};
struct sp : plus<blank> {};
struct osp : star<blank> {};
struct word_char : pegtl::ranges<'a', 'z', 'A', 'Z', '0', '9'> {};

// --- numbers -----------------------------------------------------------------------------------
struct digits : plus<digit> {};
struct thousands : seq<one<','>, rep<3, digit>, not_at<digit>> {};
struct decimals : seq<one<'.'>, digits> {};
// "7,8 mmol/l": a decimal comma, read only where a unit follows (a list "ASA 1,2" has none, and
// "1,500" has three digits after its comma).
struct decimal_comma : seq<one<','>, pegtl::rep_min_max<1, 2, digit>, not_at<digit>, pegtl::at<osp, unit_spelling>> {};
struct numeral : seq<digits, sor<decimal_comma, seq<star<thousands>, opt<decimals>>>> {};
inline constexpr sv number_words[] = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                      "ten", "eleven", "twelve", "twice", "half"};
struct number_word : one_of_phrases<number_words> {};
// "once a week", "thrice daily": counts only where a period follows ("at least once" stays a word).
inline constexpr sv count_words[] = {"once", "thrice"};
struct count_word : seq<one_of_phrases<count_words>, pegtl::at<osp, unit_spelling>> {};
struct number : sor<numeral, number_word, count_word> {};

inline constexpr sv times_signs[] = {"×", "✕", "x", "X", "*"};
struct times_sign : one_of_phrases<times_signs> {};
inline constexpr sv superscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
struct superscript_digit : one_of_phrases<superscripts> {};
struct exponent : sor<seq<one<'^'>, opt<one<'('>>, digits, opt<one<')'>>>, plus<superscript_digit>,
                      seq<one<'E', 'e'>, digits>> {};
// "× 10^9", "x10⁹", "*10E9": the power of ten in front of a count unit.
struct ten_power : seq<opt<times_sign, osp>, one<'1'>, one<'0'>, exponent> {
  // Tried after every number ("12 months", "100 mg"), and it matches at few: before a byte outside its FIRST set
  // (a times sign's first byte or '1') its steps could only fail, and are not taken (docs/lowering-guards.md).
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class ParseInput, class... States>
  static bool match(ParseInput& in, States&&... st) {
    static_assert(!first::of<ten_power>.nullable);
    if (in.empty() || !first::of<ten_power>.has(static_cast<unsigned char>(*in.current()))) return false;
    return rule_t::template match<A, M, Action, Control>(in, st...);
  }
};

// --- multiples of the limits of normal ---------------------------------------------------------
inline constexpr sv times_words[] = {"×", "✕", "x", "X", "*", "times", "-fold", "fold", "- fold"};
struct times_word : one_of_phrases<times_words> {};
// "3 times above the upper limit of normal": the comparison said again inside the multiple.
inline constexpr sv limit_qualifiers[] = {"the", "institutional", "institution's", "laboratory", "local", "site",
                                          "normal", "higher than", "greater than", "above"};
struct limit_qualifier : one_of_phrases<limit_qualifiers> {};
inline constexpr sv uln_names[] = {"ULN", "uln", "upper limit of normal", "upper limit of the normal",
                                   "upper limits of normal", "upper limit normal", "upper normal limit",
                                   "upper-limit of normal", "upper limit of the normal range",
                                   "upper limit of normal range", "normal upper limit", "upper normal value",
                                   "upper normal values", "upper limit of the normal value",
                                   "upper limit of normal value", "upper limit of normal values", "upper limit"};
inline constexpr sv lln_names[] = {"LLN", "lln", "lower limit of normal", "lower limit of the normal",
                                   "lower normal limit", "lower limit of normal range", "normal lower limit"};
struct uln_name : one_of_phrases<uln_names> {};
struct lln_name : one_of_phrases<lln_names> {};
inline constexpr sv limit_tails[] = {"reference values", "reference value", "reference range", "range", "value",
                                     "values", "(ULN)", "( ULN )", "(LLN)", "(uln)"};
struct limit_tail : one_of_phrases<limit_tails> {};
struct uln : seq<uln_name, star<osp, limit_tail>> {};
struct lln : seq<lln_name, star<osp, limit_tail>> {};
// "3 times normal", "2.5 x normal values", "3 times the normal value": a multiple of "normal" is one of its
// upper limit, as registries write it; "3 times normal dose" is another thing.
inline constexpr sv normal_names[] = {"normal values", "normal value", "normal range", "normal limits", "normal"};
inline constexpr sv not_limits[] = {"dose", "dosage", "size", "saline", "diet", "weight", "activity", "intake",
                                    "upper", "lower"};
inline constexpr sv the_word[] = {"the "};
// "2 times higher than normal", "twice higher than normal": the comparison said again before "normal".
inline constexpr sv higher_words[] = {"higher than", "greater than", "above"};
struct higher_word : one_of_phrases<higher_words> {};
// The bytes of the phrase of a list's rule at `p` (before `end`), 0 for none. Most words start no phrase of
// the list: the test of the first byte's bucket stays inline, before the call.
template <class List>
std::size_t phrase_at(const char* p, const char* const end) noexcept {
  if (p == end) return 0;
  const unsigned k = first_key(*p);
  if (List::index.begin[k] == List::index.begin[k + 1]) return 0;
  return longest_phrase(List::phrases, List::index, sv(p, static_cast<std::size_t>(end - p)));
}
// Where the blanks from `p` end.
inline const char* after_blanks(const char* p, const char* const end) noexcept {
  while (p != end && is_blank(*p)) ++p;
  return p;
}
// The rule's match at the input's start through its control, as a sequence tries it: where the token recorder
// starts a token, it answers a list from its phrase walk there.
template <class Rule, pegtl::apply_mode A, template <typename...> class Action, template <typename...> class Control,
          class ParseInput, class... States>
bool match_here(ParseInput& in, States&&... st) {
  return Control<Rule>::template match<A, pegtl::rewind_mode::required, Action, Control>(in, st...);
}
template <class ParseInput>
void take_blanks(ParseInput& in) noexcept {
  const char* const p = in.current();
  in.bump(static_cast<std::size_t>(after_blanks(p, p + in.size(0)) - p));
}

// relative_limit is tried at every "the" (a qualifier) and after many numbers, and fails at most. Its two leads
// below match as their rules do, in one pass: the words where they start through the rules' controls (the
// token recorder's walk has found those), the words after them by their lists, and no rule call per run of
// blanks. (The rules stay what analysis and the phrase index see.)
//
// What leads a multiple of "normal": a times word, a comparison said again, or both.
struct multiple_lead : seq<sor<seq<times_word, osp, opt<higher_word, osp>>, seq<higher_word, osp>>> {
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class ParseInput, class... States>
  static bool match(ParseInput& in, States&&... st) {
    if (match_here<times_word, A, Action, Control>(in, st...)) {
      take_blanks(in);
      const char* const p = in.current();
      const char* const end = p + in.size(0);
      if (const std::size_t n = phrase_at<higher_word>(p, end)) in.bump(static_cast<std::size_t>(after_blanks(p + n, end) - p));
      return true;
    }
    if (!match_here<higher_word, A, Action, Control>(in, st...)) return false;
    take_blanks(in);
    return true;
  }
};
struct normal_multiple : seq<multiple_lead, opt<one_of_phrases<the_word>, osp>, one_of_phrases<normal_names>, not_at<word_char>,
                             not_at<osp, one_of_phrases<not_limits>>> {};
// The qualifiers and the limits' names as one list, grouped by first byte as a phrase list is (phrase_rule.hpp):
// at a word after the first, one look at its bucket answers the three lists (most words after "the" start
// none of their phrases).
inline constexpr auto limit_words = [] {
  std::array<sv, std::size(limit_qualifiers) + std::size(uln_names) + std::size(lln_names)> all{};
  std::size_t i = 0;
  for (const sv p : limit_qualifiers) all[i++] = p;
  for (const sv p : uln_names) all[i++] = p;
  for (const sv p : lln_names) all[i++] = p;
  return all;
}();
inline constexpr auto limit_words_index = make_first_byte_index(limit_words);
// At `p`: the bytes of the longest qualifier there (0: none), and whether a limit's name starts there.
struct LimitWordsAt {
  std::size_t qualifier = 0;
  bool name = false;
};
inline LimitWordsAt limit_words_at(const char* p, const char* const end) noexcept {
  LimitWordsAt out;
  if (p == end) return out;
  const unsigned k = first_key(*p);
  if (limit_words_index.begin[k] == limit_words_index.begin[k + 1]) return out;
  const sv text(p, static_cast<std::size_t>(end - p));
  const std::uint32_t head = text_prefix(text);
  for (std::size_t i = limit_words_index.begin[k]; i < limit_words_index.begin[k + 1]; ++i) {
    if ((head & limit_words_index.prefix[i].mask) != limit_words_index.prefix[i].bytes) continue;
    const std::size_t phrase = limit_words_index.order[i];
    const std::size_t n = phrase_length(limit_words[phrase], text);
    if (n == 0) continue;
    if (phrase < std::size(limit_qualifiers)) out.qualifier = std::max(out.qualifier, n);
    else out.name = true;
  }
  return out;
}
// What leads a limit's name, where one follows: a times word, then qualifiers, each with the blanks after it.
struct limit_lead : seq<opt<times_word, osp>, star<limit_qualifier, osp>, pegtl::at<sor<uln_name, lln_name>>> {
  // (Out of line: inlined into the token's choice, it cost GCC's inlining of the recorder's insert there.)
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class ParseInput, class... States>
  [[gnu::noinline]] static bool match(ParseInput& in, States&&... st) {
    auto m = in.template mark<M>();
    if (match_here<times_word, A, Action, Control>(in, st...)) take_blanks(in);
    const bool qualified = match_here<limit_qualifier, A, Action, Control>(in, st...);
    if (qualified) take_blanks(in);
    const char* const begin = in.current();
    const char* const end = begin + in.size(0);
    const char* p = begin;
    for (LimitWordsAt words = limit_words_at(p, end);; words = limit_words_at(p, end)) {
      // (Where no qualifier led, the star asked for one where it starts, and found none.)
      if (qualified && words.qualifier != 0) {
        p = after_blanks(p + words.qualifier, end);
        continue;
      }
      if (!words.name) return false;
      break;
    }
    in.bump(static_cast<std::size_t>(p - begin));
    return m(true);
  }
};
// "3 × ULN", "2.5 x institutional upper limit of normal", "3 times the upper limit of the normal range"
struct relative_limit : sor<seq<limit_lead, sor<uln, lln>>, normal_multiple> {};

// --- completed weeks and days ------------------------------------------------------------------
// "34 6/7 weeks", "33+6 weeks", "16 0/7 to 22 0/7 weeks": weeks and days over seven, the obstetric
// notation of a gestational age. Read only where weeks follow, right after it or after the other end of
// its range, so that "Gleason 3+4" and "1+2" stay what they were.
inline constexpr sv week_words[] = {"weeks", "week", "wks", "wk"};
struct week_word : one_of_phrases<week_words> {};
struct day_of_week : pegtl::range<'0', '6'> {};
struct sevenths : seq<sp, day_of_week, one<'/'>, one<'7'>, not_at<digit>> {};
struct plus_days : seq<one<'+'>, day_of_week, not_at<digit>> {};
struct week_days : sor<sevenths, plus_days> {};
// The connectors of a range of such ages ("24+0 to 33+6 weeks", "between 24+0 and 33+6 weeks").
inline constexpr sv week_range_words[] = {"–", "-", "to", "through", "and"};
struct week_range_word : one_of_phrases<week_range_words> {};
struct range_partner : seq<osp, week_range_word, osp, digits, week_days> {};
struct gestation_days : seq<week_days, pegtl::at<opt<range_partner>, osp, week_word>> {};

// --- calendar dates --------------------------------------------------------------------------------
// "2019-01-01", "1 January 2014", "1st of january 2000", "January 1, 2014", "June 2016": a day or a month of
// a year (a year alone is a number; the lowering reads it as a year after "since", "between" and the like).
// A month name is a date only with its year ("may" is a word).
inline constexpr sv month_names[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                                     "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"};
struct year_digits : seq<sor<seq<one<'1'>, one<'9'>>, seq<one<'2'>, one<'0'>>>, digit, digit, not_at<word_char>> {};
inline constexpr sv ordinal_suffixes[] = {"st", "nd", "rd", "th"};
struct day_of_month : seq<digit, opt<digit>, opt<one_of_phrases<ordinal_suffixes>>, not_at<word_char>> {};
inline constexpr sv of_words[] = {"of"};
struct iso_date : seq<one<'1', '2'>, digit, digit, digit, one<'-'>, digit, digit, one<'-'>, digit, digit, not_at<word_char>> {};
struct day_month_year : seq<day_of_month, sp, opt<one_of_phrases<of_words>, sp>, one_of_phrases<month_names>, opt<one<'.'>>,
                            opt<one<','>>, sp, year_digits> {
  // The same match in one pass: `token` tries it at every number ("12 months", "2019", "100 mg") and it matches
  // at few, where the rule's steps cost a control call each and a call per word list. No rule inside is recorded,
  // and none of its lists starts where the token does (the walk's answers), so the lists' own scans (phrase_at)
  // answer as their rules do. (The rule above stays what analysis and first sets see. Marked noinline, it moved
  // the inlining around the token's choice and cost +0.77 M.)
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class ParseInput, class... States>
  static bool match(ParseInput& in, States&&... /*st*/) {
    const char* const begin = in.current();
    const char* const end = begin + in.size(0);
    const auto digit_at = [end](const char* p) { return p != end && *p >= '0' && *p <= '9'; };
    // day_of_month: a digit, another if there is one, an ordinal suffix if there is one, then no letter or digit.
    if (!digit_at(begin)) return false;
    const char* p = digit_at(begin + 1) ? begin + 2 : begin + 1;
    p += phrase_at<one_of_phrases<ordinal_suffixes>>(p, end);
    if (p != end && is_word_byte(*p)) return false;
    // sp, and "of" with the blanks after it where both are there.
    const char* q = after_blanks(p, end);
    if (q == p) return false;
    if (const std::size_t of = phrase_at<one_of_phrases<of_words>>(q, end)) {
      if (const char* const r = after_blanks(q + of, end); r != q + of) q = r;
    }
    const std::size_t month = phrase_at<one_of_phrases<month_names>>(q, end);
    if (month == 0) return false;
    q += month;
    if (q != end && *q == '.') ++q;
    if (q != end && *q == ',') ++q;
    p = after_blanks(q, end);
    if (p == q) return false;
    // year_digits: "19" or "20", two digits, then no letter or digit.
    if (end - p < 4 || !((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')) || !digit_at(p + 2) || !digit_at(p + 3))
      return false;
    p += 4;
    if (p != end && is_word_byte(*p)) return false;
    in.bump(static_cast<std::size_t>(p - begin));
    return true;
  }
};
// Two rules, so that the one led by a month's name is tried only where the phrase walk found one.
struct day_date : sor<iso_date, day_month_year> {};
struct month_date : seq<one_of_phrases<month_names>, opt<one<'.'>>,
                        sor<seq<sp, day_of_month, opt<one<','>>, sp, year_digits>, seq<opt<one<','>>, sp, year_digits>>> {};

// --- quantities: a number with what follows it ---------------------------------------------------
// "Qp/Qs < 1.5:1": a ratio to one, a plain number ("11:00" is a time, "1:10" or "1:1.5" no ratio to one;
// "≥1.5:1." ends a sentence).
struct ratio_to_one : seq<one<':'>, osp, one<'1'>, not_at<sor<digit, seq<one<'.', ','>, digit>, word_char>>> {};
struct quantity_unit : sor<relative_limit, ratio_to_one, unit_spelling> {};
// "18+ years": the value or more (not "1+2" nor a sum).
struct plus_sign : seq<one<'+'>, not_at<osp, digit>> {};
struct quantity : seq<number, opt<gestation_days>, opt<plus_sign>, opt<osp, ten_power>, opt<osp, quantity_unit>> {};

// --- comparators -------------------------------------------------------------------------------
inline constexpr sv le_phrases[] = {
    "≤", "≦", "⩽", "< or =", "<or =", "≤ or =", "=<", "<=", "</=", "< =", "<or=", "=/<", "less than or equal to", "lower than or equal to",
    "equal to or less than", "equal or less than", "equal or below", "equal to or below", "< or = to", "less or equal to", "less or equal than",
    "lower or equal to", "inferior or equal to", "<or = to", "≤ or = to", "equal or lower than",
    "equal to or lower than", "equal to or younger than", "no more than", "not more than", "no greater than",
    "not greater than", "not higher than", "no higher than", "not exceeding", "not to exceed", "does not exceed",
    "up to", "at most", "a maximum of", "maximum of", "max", "less than/equal to", "not above", "at or below",
    "not exceed", "born at or before"};
inline constexpr sv ge_phrases[] = {
    "≥", "≧", "⩾", "> or =", ">or =", "≥ or =", ">/=", ">=", "=>", "> =", ">or=", "greater than or equal to", "more than or equal to",
    "higher than or equal to", "older than or equal to", "equal to or greater than", "equal to or more than",
    "equal or greater than", "greater than/equal to", "equal or above", "equal to or above", "equal or over",
    "equal or more than", "equal or higher than", "> or = to", "greater or equal to", "greater or equal than",
    "more or equal to", "higher or equal to", "superior or equal to", ">or = to", "≥ or = to", "equal to or higher than", "equal to or older than", "at least", "not less than", "no less than",
    "not lower than", "no lower than", "not below", "a minimum of", "minimum of", "min", "no fewer than", "at or above", "born at or after"};
inline constexpr sv lt_phrases[] = {"<", "＜", "˂", "less than", "lower than", "fewer than", "smaller than",
                                    "younger than", "shorter than", "inferior to", "under", "below",
                                    "born before", "born prior to"};
inline constexpr sv gt_phrases[] = {">", "＞", "˃", "over than", "more than", "greater than", "higher than", "older than",
                                    "larger than", "bigger than", "longer than", "superior to", "in excess of",
                                    "exceeding", "exceeds", "exceed", "beyond", "over", "above", "born after"};
inline constexpr sv eq_phrases[] = {"=", "equal to"};
// "minimum three dislocations", "maximum 56 years": the bare word is a comparator only before a number
// ("minimum age", "maximum dose" name things).
inline constexpr sv minimum_words[] = {"minimum"};
inline constexpr sv maximum_words[] = {"maximum"};
struct bare_minimum : seq<one_of_phrases<minimum_words>, pegtl::at<sp, number>> {};
struct bare_maximum : seq<one_of_phrases<maximum_words>, pegtl::at<sp, number>> {};
// "greater than or equal to (>=) 18 years", "less than (<) 30 kg/m2": the symbol restated in parentheses
// after the words is part of the one comparator.
inline constexpr sv restated_symbols[] = {">=", "<=", "=>", "=<", ">", "<", "≥", "≤", "＞", "＜"};
struct restated_cmp : seq<osp, one<'('>, osp, one_of_phrases<restated_symbols>, osp, one<')'>> {};
struct cmp_le : seq<sor<one_of_phrases<le_phrases>, bare_maximum>, opt<restated_cmp>> {};
struct cmp_ge : seq<sor<one_of_phrases<ge_phrases>, bare_minimum>, opt<restated_cmp>> {};
struct cmp_lt : seq<one_of_phrases<lt_phrases>, opt<restated_cmp>> {};
struct cmp_gt : seq<one_of_phrases<gt_phrases>, opt<restated_cmp>> {};
struct cmp_eq : seq<one_of_phrases<eq_phrases>, not_at<one<'<', '>'>>> {};
// After the number: "18 years or older", "92% or higher".
inline constexpr sv post_ge_phrases[] = {"or more", "or higher", "or above", "or greater", "or older", "or over",
                                         "and above", "and over", "and older", "or longer", "or later"};
inline constexpr sv post_le_phrases[] = {"or less", "or lower", "or below", "or younger", "or fewer", "or under",
                                         "and below", "and under", "and younger"};
inline constexpr sv than_words[] = {"than"};
struct than_word : one_of_phrases<than_words> {};
// "older than 6 months and younger than 80 years": "and younger" followed by "than" is the next comparison.
// "below 18 years or above 80 years": "or above" before a number is the next comparison too.
struct cmp_post_ge : seq<one_of_phrases<post_ge_phrases>, not_at<osp, sor<than_word, number>>> {};
struct cmp_post_le : seq<one_of_phrases<post_le_phrases>, not_at<osp, sor<than_word, number>>> {};

// --- ranges ------------------------------------------------------------------------------------
inline constexpr sv range_words[] = {"–", "—", "~", "～", "-", "to", "through"};
struct range_to : one_of_phrases<range_words> {};
inline constexpr sv between_words[] = {"between", "from"};
struct between : one_of_phrases<between_words> {};
inline constexpr sv inclusive_words[] = {"(inclusive)", "( inclusive )", "(both inclusive)", "(inclusively)",
                                         "inclusive", "inclusively", "(included)", "(inclusive of limits)",
                                         "(limits included)", "(both included)", "(inclusive of both)"};
struct inclusive : one_of_phrases<inclusive_words> {};
// "14-16 year olds", "10- to 13-year- olds": the plural noun says the same as "old".
inline constexpr sv age_suffixes[] = {"of age", "old", "of life", "olds", "- olds", "-olds", "-old"};
struct age_suffix : one_of_phrases<age_suffixes> {};

// --- time ----------------------------------------------------------------------------------------
inline constexpr sv within_words[] = {
    "within the past", "within the last", "within the previous", "within the preceding", "within", "in the past",
    "in the last", "in the previous", "in the preceding", "during the past", "during the last",
    "during the previous", "over the past", "over the last", "over the previous", "within the prior", "within prior",
    "within last", "in the prior", "in prior", "in last", "during the prior", "during last", "during the preceding", "during the",
    "within previous", "within preceding", "within past", "within the recent", "in the recent"};
// "past 12 months", "the last 6 months", "prior 4 months": these words open a window only before a number
// ("previous chemotherapy" is a history, "last dose" a dose).
inline constexpr sv bare_within_words[] = {"the past", "the last", "the previous", "the preceding", "for the past",
                                           "for the last", "for the previous", "over past", "during past", "in past",
                                           "past", "last", "previous", "preceding", "prior", "the most recent",
                                           "most recent", "recent", "the pervious", "pervious"};
inline constexpr sv time_words[] = {"years", "year", "yrs", "yr", "months", "month", "mos", "mo", "weeks", "week",
                                    "wks", "wk", "days", "day", "hours", "hour", "hrs", "h"};
struct time_word : seq<one_of_phrases<time_words>, not_at<word_char>> {};
struct bare_within : seq<one_of_phrases<bare_within_words>,
                         pegtl::at<sp, number, opt<one<'-'>>, osp, opt<one<'('>, digits, one<')'>, osp>, time_word>> {};
struct within : sor<one_of_phrases<within_words>, bare_within> {};
// "within the next 12 months", "in the coming 6 months": a window after the reference date, not before it.
inline constexpr sv ahead_words[] = {"within the next", "within the coming", "within the upcoming", "within next",
                                     "in the next", "in the coming", "in the upcoming", "in next", "over the next",
                                     "over the coming", "during the next", "during the coming", "during next"};
// "next 12 months", "the coming 6 weeks": these words open a window only before a number ("the next visit").
inline constexpr sv bare_ahead_words[] = {"the next", "the coming", "the upcoming", "next", "coming", "upcoming"};
struct bare_ahead : seq<one_of_phrases<bare_ahead_words>,
                        pegtl::at<sp, number, opt<one<'-'>>, osp, opt<one<'('>, digits, one<')'>, osp>, time_word>> {};
struct ahead : sor<one_of_phrases<ahead_words>, bare_ahead> {};
inline constexpr sv before_words[] = {"prior to", "previous to", "before", "preceding", "ahead of"};
struct before : one_of_phrases<before_words> {};
inline constexpr sv after_words[] = {"after", "following", "since"};
struct after : one_of_phrases<after_words> {};

// --- logic words ---------------------------------------------------------------------------------
inline constexpr sv and_or_words[] = {"and/or", "and / or", "and /or", "and/ or", "or/and"};
struct and_or : one_of_phrases<and_or_words> {};
inline constexpr sv and_words[] = {"and", "&", "as well as", "plus"};
struct and_word : one_of_phrases<and_words> {};
inline constexpr sv or_words[] = {"or", "either"};
struct or_word : one_of_phrases<or_words> {};
// "do not receive", "did not have": the auxiliary is no word of what is negated.
inline constexpr sv negation_words[] = {"negative for", "negative test results for", "negative test result for",
                                        "negative results for", "negative result for", "negative test for",
                                        "negative tests for", "tested negative for", "test negative for", "seronegative for", "absence of", "free of", "lack of", "naive to", "naïve to", "do not", "does not", "did not",
                                        "no", "not", "without", "never", "none"};
struct negation : one_of_phrases<negation_words> {};
inline constexpr sv related_words[] = {"related to", "due to", "caused by", "secondary to", "attributable to",
                                       "because of"};
struct related : one_of_phrases<related_words> {};
inline constexpr sv exception_words[] = {"with the exception of", "apart from", "other than", "except for", "except",
                                         "excluding", "unless", "but not", "exclusive of"};
struct exception : one_of_phrases<exception_words> {};
// Examples rather than a closed list.
inline constexpr sv example_words[] = {"including but not limited to", "such as", "for example", "for instance",
                                       "e.g.", "e.g", "etc.", "etc", "including", "include", "includes"};
struct examples : one_of_phrases<example_words> {};
// Introduces a condition on who a requirement applies to: "for subjects ≥16 years", "if ...".
inline constexpr sv guard_words[] = {"in case of", "in cases of", "in the case of", "in the presence of",
                                     "in presence of", "for", "in", "if", "when", "among", "where", "only"};
struct guard : one_of_phrases<guard_words> {};
inline constexpr sv subject_words[] = {"participants", "participant", "subjects", "subject", "patients", "patient",
                                       "children", "child", "adults", "adult", "individuals", "persons", "people",
                                       "those", "cases", "volunteers"};
struct subject : one_of_phrases<subject_words> {};
inline constexpr sv sex_any_words[] = {"male or female", "female or male", "males or females", "males and females",
                                       "females and males", "male and female", "men and women", "men or women",
                                       "women and men", "both sexes", "either sex", "any gender", "all genders",
                                       "both genders", "either gender",
                                       // no restriction said outright ("The age＞18 and no gender limitation")
                                       "both gender", "no gender limitation", "no gender restriction",
                                       "no sex restriction", "regardless of gender", "regardless of sex",
                                       "irrespective of gender", "irrespective of sex"};
struct sex_any : one_of_phrases<sex_any_words> {};
inline constexpr sv female_words[] = {"females", "female", "women", "woman"};
struct sex_female : one_of_phrases<female_words> {};
inline constexpr sv male_words[] = {"males", "male", "men", "man"};
struct sex_male : one_of_phrases<male_words> {};
inline constexpr sv active_words[] = {"active", "current", "currently", "ongoing"};
struct status_active : one_of_phrases<active_words> {};
// "pre-existing diabetes": had before the study, as "history of" says (either status).
inline constexpr sv history_words[] = {"history of", "prior", "previous", "previously", "pre-existing", "preexisting",
                                      "pre existing"};
struct status_history : one_of_phrases<history_words> {};

// "prior or current malignancy": either status, so no status at all (not "active").
inline constexpr sv status_any_words[] = {
    "prior or current", "current or prior", "previous or current", "current or previous", "past or current",
    "current or past", "past or present", "present or past", "history of or current", "current or history of",
    "active or prior", "prior or active", "active or history of", "history of or active", "active or past",
    "past or active", "active or previous", "previous or active", "prior or ongoing", "ongoing or prior",
    // "Any concurrent or prior pregnancy within previous twelve months": concurrent is current.
    "concurrent or prior", "prior or concurrent", "concurrent or previous", "previous or concurrent",
    "concurrent or past", "past or concurrent"};
struct status_any : one_of_phrases<status_any_words> {};

// Only a person can judge these: consent, willingness, ability, opinion.
inline constexpr sv judgement_words[] = {
    "in the opinion of", "willing", "willingness", "unwilling", "able", "unable", "ability", "abilities",
    "inability", "consent", "opinion", "judgment", "judgement", "judged", "investigator", "investigators",
    "researchers", "physician", "comply", "compliance", "understand", "capable", "voluntarily", "agree", "agrees",
    "suitable", "unsuitable", "appropriate", "discretion", "deemed", "considered", "believe", "clinically significant",
    "significant", "significantly"};
struct judgement : one_of_phrases<judgement_words> {};

// The line restating its own section ("may not participate") adds nothing to the criterion's truth.
inline constexpr sv section_phrases[] = {
    "may not participate", "are to be excluded", "is to be excluded", "will be excluded", "should be excluded",
    "are excluded", "is excluded", "at screening", "at the time of screening", "during screening",
    // The moment of matching itself, named after an age or a value ("≥ 19 years at the time of signing
    // informed consent"); "at the time of diagnosis" is another moment and is not here.
    "at the time of signing the informed consent form", "at the time of signing informed consent form",
    "at the time of signing the informed consent", "at the time of signing informed consent",
    "at the time of signing the consent form", "at the time of signing consent", "at the time of informed consent",
    "at the time of consent", "at time of consent", "at the time of consenting", "at the time of enrollment",
    "at the time of enrolment", "at time of enrollment", "at time of enrolment", "at the time of study entry",
    "at the time of study enrollment", "at the time of study enrolment", "at the time of participation",
    "at the time of randomization", "at the time of randomisation", "at time of randomization",
    "at the time of inclusion", "at the time of registration", "at the time of recruitment", "at time of screening",
    "at the screening visit", "at study entry", "at the time of entry", "at enrollment", "at enrolment",
    "at entry", "at inclusion", "at randomization", "at randomisation", "at consent", "at the time of the study",
    "at study start", "at baseline", "at the baseline visit", "at the time of study start",
    "during the screening period", "during the screening phase", "during the screening visit",
    "during screening period", "during screening phase", "at screening visit", "at the screening",
    "at the screening period", "at visit 1", "at screening or baseline", "at screening and baseline",
    "at the date of consent", "at the date of informed consent", "at the date of signing informed consent",
    "at the date of signing the informed consent", "on the day of consent", "on the day of informed consent",
    "on the day of signing informed consent", "on the day of signing the informed consent",
    "on the date of consent", "on the date of signing informed consent", "at the day of consent",
    // The informed consent form by its initials, the study's start and the day of randomization, each the
    // moment of matching ("age ≥ 18 years at the time of signing ICF", "under the age of 18 at the start of
    // the study", "ACQ-6 score ≥1.5 at screening and on day of randomization"). Admission, operation and
    // discharge are other moments (an age or a value then may differ from the one now) and are not here.
    "at the time of signing ICF", "at the time of signing the ICF", "at the time of signing of the ICF",
    "at the time of ICF signature", "at the time of signing of informed consent",
    "at the time of signing of the informed consent", "at the start of the study", "at the start of study",
    "at start of study", "at the beginning of the study", "during inclusion",
    "on the day of randomization", "on the day of randomisation", "on day of randomization",
    "on day of randomisation",
    // "dementia for all subjects", "In all subjects, ...": the criterion holds for everyone, as any line does.
    "for all subjects", "for all participants", "for all patients", "in all subjects", "in all participants",
    "in all patients",
    "at screening and on the day of randomization", "at screening and on day of randomization",
    "at screening and at randomization", "at screening and at baseline", "at baseline visit",
    // The line restating that it includes: "... will be considered for enrolment".
    "will be considered for enrolment", "will be considered for enrollment", "will be considered for inclusion",
    "will be considered for the study", "will be considered eligible", "are considered eligible",
    "will be included", "will be included in the study", "will be enrolled", "will be eligible", "are eligible",
    "is eligible", "are included", "is included", "can be included", "may be included", "can participate",
    "may participate", "are eligible for inclusion", "are eligible to participate", "will be recruited"};
struct section_phrase : one_of_phrases<section_phrases> {};

// "cataract in one or both eyes", "IOP > 21 mmHg in either eye": wherever it is, no narrower condition
// ("in the study eye" and "in both eyes" are, and stay words). Before the guards, which begin with "in".
inline constexpr sv any_side_phrases[] = {"in one or both eyes", "in either or both eyes", "in either eye",
                                          "in at least one eye"};
struct any_side : one_of_phrases<any_side_phrases> {};

// "LVEF ≥ 50% by ECHO or MUGA", "as assessed by echocardiogram", "on echocardiography": how a value is measured,
// which the value's own record says; the methods joined by "or" are one way of measuring, not alternatives.
inline constexpr sv method_names[] = {
    "echocardiography", "echocardiogram", "echo", "multigated acquisition (MUGA) scan", "multigated acquisition scan",
    "multiple gated acquisition (MUGA) scan", "multiple gated acquisition scan", "MUGA scan", "MUGA",
    "echocardiogram (ECHO)", "echocardiography (ECHO)", "transthoracic echocardiography", "transthoracic echocardiogram",
    "TTE", "cardiac MRI", "cardiac magnetic resonance imaging", "cardiac magnetic resonance", "CMR",
    "radionuclide ventriculography",
    // Formulas of a kidney function estimate ("CrCl ≥ 60 mL/min calculated by Cockcroft-Gault formula").
    "Cockcroft-Gault formula", "Cockcroft-Gault equation", "Cockcroft-Gault", "Cockcroft Gault formula",
    "Cockcroft Gault", "Cockroft-Gault formula", "Cockroft-Gault equation", "Cockroft-Gault", "CKD-EPI(Cr) equation",
    "CKD-EPI (Cr) equation", "CKD-EPI creatinine equation", "CKD-EPI equation", "CKD-EPI formula", "CKD-EPI",
    "MDRD equation", "MDRD formula", "MDRD"};
struct method_name : seq<one_of_phrases<method_names>, not_at<word_char>> {};
inline constexpr sv method_joiners[] = {"and/or", "or", "and"};
inline constexpr sv method_articles[] = {"the", "an", "a"};
struct method_list : seq<opt<one_of_phrases<method_articles>, sp>, method_name,
                         star<sor<seq<osp, one<'/'>, osp>, seq<sp, one_of_phrases<method_joiners>, sp>>,
                              opt<one_of_phrases<method_articles>, sp>, method_name>> {
  // The same match in one pass: it is tried after every "by", "on", "using" and the like, and a method's name
  // follows few, where the rule's steps cost a control call each and a call per word list. No rule inside is
  // recorded, so the lists' own scans (phrase_at) answer as their rules do (the walk's answers, where one starts
  // at the token's position, are the same). (The rule above stays what analysis and first sets see.)
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class ParseInput, class... States>
  [[gnu::noinline]] static bool match(ParseInput& in, States&&... /*st*/) {
    const char* const begin = in.current();
    const char* const end = begin + in.size(0);
    // opt<article, sp>: an article with the blanks after it, where both are there.
    const auto after_article = [end](const char* p) {
      if (const std::size_t n = phrase_at<one_of_phrases<method_articles>>(p, end)) {
        if (const char* const q = after_blanks(p + n, end); q != p + n) return q;
      }
      return p;
    };
    // method_name: a name of the list, then no letter or digit.
    const auto name_end = [end](const char* p) -> const char* {
      const std::size_t n = phrase_at<one_of_phrases<method_names>>(p, end);
      if (n == 0 || (p + n != end && is_word_byte(p[n]))) return nullptr;
      return p + n;
    };
    const char* p = name_end(after_article(begin));
    if (p == nullptr) return false;
    // The star: a slash between optional blanks, or a joiner between blanks; an article; a name. A turn that
    // fails takes nothing.
    for (;;) {
      const char* q = after_blanks(p, end);
      if (q != end && *q == '/') {
        q = after_blanks(q + 1, end);
      } else {
        if (q == p) break;
        const std::size_t joiner = phrase_at<one_of_phrases<method_joiners>>(q, end);
        if (joiner == 0) break;
        const char* const after = after_blanks(q + joiner, end);
        if (after == q + joiner) break;
        q = after;
      }
      const char* const next = name_end(after_article(q));
      if (next == nullptr) break;
      p = next;
    }
    in.bump(static_cast<std::size_t>(p - begin));
    return true;
  }
};
inline constexpr sv measured_as_words[] = {"as measured by", "as assessed by", "as determined by", "measured by",
                                           "assessed by", "determined by", "as measured on", "as assessed on",
                                           "calculated by", "calculated using", "calculated with", "calculated according to",
                                           "as calculated by", "estimated by", "estimated using", "based on"};
inline constexpr sv measured_by_words[] = {"by", "on", "using", "via", "per"};
struct measured_by : sor<seq<one_of_phrases<measured_as_words>, sp, method_list>,
                         seq<one_of_phrases<measured_by_words>, sp, method_list>> {};
// "(CKD-EPI)", "(by ECHO or MUGA)": the method alone in parentheses (tried only at a parenthesis).
struct method_aside : seq<one<'('>, osp, opt<sor<one_of_phrases<measured_as_words>, one_of_phrases<measured_by_words>>, sp>,
                          method_list, osp, one<')'>> {};
// Words that carry no condition of their own around an island ("serum", "level", "documented").
inline constexpr sv filler_words[] = {
    // "DSM-IV diagnosis of major depressive disorder", "schizophrenia (DSM-5)": the manual a diagnosis follows.
    "DSM-IV-TR", "DSM-IV", "DSM-5-TR", "DSM-5", "DSM-V", "DSM IV", "DSM 5", "DSM-III-R", "ICD-10", "ICD-11", "ICD-9",
    "ICD10", "ICD 10", "Diagnostic and Statistical Manual of Mental Disorders",
    // "eGFR ≥ 45 mL/min/1.73 m2 (CKD-EPI)": the formula named alone.
    "CKD-EPI", "Cockcroft-Gault", "Cockroft-Gault", "MDRD",
    "Diagnostic and Statistical Manual of Mental Disorders, Fifth Edition",
    "Diagnostic and Statistical Manual of Mental Disorders, 5th Edition",
    "Diagnostic and Statistical Manual of Mental Disorders, Fourth Edition",
    "the", "a", "an", "of", "is", "are", "was", "were", "be", "been", "has", "have", "had", "with", "level",
    "levels", "concentration", "concentrations", "value", "values", "count", "counts", "serum", "plasma", "blood", "baseline", "documented",
    "confirmed", "known", "diagnosis", "diagnosed", "diagnosed with", "test", "function", "showed", "shows",
    "suggest", "suggests", "score", "status", "performance", "evidence", "presence", "any", "rate", "expression",
    "percentage", "ranging", "estimated", "calculated", "measured", "must", "should", "infection", "infections", "virus",
    "positive", "pretransfusion", "receipt", "received", "receive", "receiving", "having received", "having had", "having",
    "participation in", "participated in", "participating in", "participate in", "taking", "clinical diagnosis", "clinically diagnosed",
    // "Coded diagnoses of type 1 diabetes": a diagnosis the record holds.
    "coded diagnosis", "coded diagnoses",
    // "histologically confirmed breast cancer", "biopsy-proven sarcoidosis": how the diagnosis was made, which
    // the diagnosis on record stands for (as "confirmed" and "clinically diagnosed" do, and as "by
    // echocardiography" does for a value).
    "histologically confirmed", "histologically proven", "histologically documented", "histologically diagnosed",
    "histologically verified", "histologically or cytologically confirmed", "histologically or cytologically proven",
    "histologically or cytologically documented", "histologically and/or cytologically confirmed",
    "histologically and/or cytologically proven", "cytologically confirmed", "cytologically proven",
    "pathologically confirmed", "pathologically proven", "pathologically documented", "histological proven",
    "histologically-confirmed", "histologically-proven", "biopsy proven", "biopsy-proven", "biopsy confirmed",
    "biopsy-confirmed", "histological diagnosis of", "histologic diagnosis of", "pathological diagnosis of",
    // "Pathologically confirmed prostate cancer on previous biopsy": the biopsy the diagnosis was made on, no
    // further event the record must hold.
    "on biopsy", "on previous biopsy", "on prior biopsy", "by biopsy", "at biopsy", "intake of", "consumption of", "administration of", "application of", "usage of",
    "exposure to", "use", "used", "treated",
    "treatment", "therapy", "undergone", "underwent", "inoculated", "suffering from", "suffer from", "results",
    "result", "who", "that", "their", "his", "her", "at", "by", "on", "as", "combined with", "also", "i.e.", "i.e", "that is", "namely",
    "refers to", "confirmation of", "confirmation", "by flow cytometry", "by flow", "by FCM", "by morphology",
    "by immunohistochemistry", "by IHC", "by immuno-histochemical staining", "on AML blasts", "on blasts",
    "on leukemic blasts", "on leukemia cells", "in blast AML", "of prediction", "of predicted", "predicted",
    // "FEV1 <80% predicted normal": the percentage of the predicted normal value, as "predicted" alone.
    "predicted normal", "of predicted normal", "of the predicted normal",
    // "diabetic (regardless of aetiology)", "Liver cirrhosis of any aetiology": every kind, as the name alone says.
    "regardless of aetiology", "regardless of etiology", "regardless of the aetiology", "regardless of the etiology",
    "regardless of underlying aetiology", "regardless of underlying etiology", "regardless of cause",
    "irrespective of aetiology", "irrespective of etiology", "irrespective of cause", "of any aetiology",
    "of any etiology", "of any cause"};
struct filler : one_of_phrases<filler_words> {};

// --- punctuation ---------------------------------------------------------------------------------
inline constexpr sv semicolons[] = {";", "；"};
struct semicolon : one_of_phrases<semicolons> {};
struct period : seq<one<'.'>, not_at<digit>> {};
struct colon : one<':'> {};
struct comma : one<','> {};
struct slash : one<'/'> {};
struct lparen : one<'(', '['> {};
struct rparen : one<')', ']'> {};
struct other_word : seq<plus<word_char>, star<one<'\''>, plus<word_char>>> {
  // The same match in one pass over the bytes, without a rule call per byte: the token recorder
  // (recorder.hpp) uses it where a rule has one; the rule above stays what coverage and analysis see.
  template <class ParseInput>
  static bool scan(ParseInput& in) noexcept {
    const char* const begin = in.current();
    const char* const p = run_end(begin, begin + in.size(0));
    if (p == begin) return false;
    scan_after(in, p);
    return true;
  }
  // The same where the word's first run of word bytes is known to end at `first_run_end` (past one word byte
  // at least): the token recorder's walk measured it as a name's first word (recorder.hpp, known).
  template <class ParseInput>
  static void scan_after(ParseInput& in, const char* first_run_end) noexcept {
    const char* const begin = in.current();
    const char* const end = begin + in.size(0);
    const char* p = first_run_end;
    while (end - p >= 2 && *p == '\'' && is_word_byte(p[1])) p = run_end(p + 2, end);
    in.bump(static_cast<std::size_t>(p - begin));
  }

 private:
  // The end of a run of word bytes: four a step while four are left (one test of the end for four
  // bytes), then one by one.
  static const char* run_end(const char* p, const char* end) noexcept {
    for (; end - p >= 4; p += 4) {
      if (!is_word_byte(p[0])) return p;
      if (!is_word_byte(p[1])) return p + 1;
      if (!is_word_byte(p[2])) return p + 2;
      if (!is_word_byte(p[3])) return p + 3;
    }
    while (p != end && is_word_byte(*p)) ++p;
    return p;
  }
};
struct other_char : sor<pegtl::utf8::any, pegtl::any> {};

// Order matters where phrases share a first word: quantities first, "or more" before "or",
// "no more than" before "no", "in the past" before "in", "for example" before "for".
// "5-fluorouracil", "2-hour glucose", "6-minute walk distance": a lexicon name that begins with a number is
// the name, not a quantity followed by words.
struct name_with_number : seq<pegtl::at<digit>, concept_name> {
  static constexpr bool needs_first_word = true;  // as concept_name, at the same position
};
struct token : sor<day_date, name_with_number, quantity, sex_any, section_phrase, any_side, month_date, measured_by, examples, ahead, within, cmp_post_ge, cmp_post_le, and_or, cmp_le,
                   cmp_ge, cmp_lt, cmp_gt, cmp_eq, relative_limit, inclusive, age_suffix, judgement, concept_name,
                   between, range_to, before, after, related, exception, negation, status_any, status_history, status_active,
                   guard, subject, sex_female, sex_male, and_word, or_word, filler, semicolon, period, colon, comma,
                   slash, method_aside, lparen, rparen, other_word, other_char> {};
struct line : seq<star<sor<sp, token>>, pegtl::eof> {};

}  // namespace trialmatch::grammar::rules
