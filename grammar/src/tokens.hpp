#pragma once
// The islands the grammar found in one line, in text order, as plain values (no PEGTL types).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar {

enum class Tok : std::uint8_t {
  quantity, cmp, cmp_post, relative,  // relative: "ULN" with no number (one times the limit)
  range_to, between, inclusive, age_suffix,
  within, ahead, before, after,  // ahead: a window after the reference date ("in the next 12 months")
  and_, or_, and_or, comma, slash, semicolon, period, colon, lparen, rparen,
  negation, related, exception, guard, subject, sex_any, sex_female, sex_male, status_active, status_history,
  judgement, examples, filler, name, word, other,  // name: a lexicon concept
  date  // a calendar day or month of a year ("1 January 2014", "June 2016")
};

// A Quantity's unit or spelling, owning nothing (a Token is made for every word: no string to make and
// free): a view into the line, a literal, the lexicon's strings or kept() ones (units_read.hpp). Never
// into a std::string that may die first: taking one does not compile (std::string_view(s) says it lives).
struct UnitText : std::string_view {
  using std::string_view::string_view;
  constexpr UnitText() noexcept = default;
  constexpr UnitText(std::string_view v) noexcept : std::string_view(v) {}
  UnitText(const std::string&) = delete;
  UnitText(std::string&&) = delete;
};

// (The one-byte members side by side, so that a Token is 96 bytes, not 104: one is copied for every word.)
struct Quantity {
  double value = 0;
  UnitText unit;                    // UCUM, empty when none was written
  UnitText unit_spelling;           // as written ("(mol/L)"): the line's bytes, or a literal or kept() one
  engine::RelativeTo relative_to = engine::RelativeTo::none;
  bool unit_unknown = false;        // a spelling was there but could not be read
  bool plus = false;                // "18+": this value or more
  bool above = false;               // "2 times higher than normal": more than this value
  int ten_power = 0;
  std::uint32_t unit_begin = 0, unit_end = 0;
};

struct Token {
  Tok kind = Tok::other;
  engine::Comparator cmp = engine::Comparator::eq;  // cmp, cmp_post
  std::uint32_t begin = 0, end = 0;
  Quantity quantity;                                // quantity
  const engine::Concept* entry = nullptr;         // concept
  engine::Date first_day{}, last_day{};             // date: the days it covers ("June 2016": all of June)
};

// Reads the islands of `text` (the matches of the token rules, recorder.hpp). Never fails: what is not an
// island is a `word` or `other` token.
std::vector<Token> tokenize(std::string_view text, const engine::Lexicon& lexicon);
// The same into `out` (cleared first), whose capacity the caller may keep for the next line.
void tokenize(std::string_view text, const engine::Lexicon& lexicon, std::vector<Token>& out);

// What the tokenizer builds once for a lexicon: the phrase walk's trie with the first word of every name
// of the lexicon in it, so that the walk made at each token tells where no name can start.
struct TokenizerTables;
std::shared_ptr<const TokenizerTables> make_tokenizer_tables(const engine::Lexicon& lexicon);
// tokenize() with the tables made for `lexicon` (the same tokens, found with fewer name lookups).
void tokenize(std::string_view text, const engine::Lexicon& lexicon, std::vector<Token>& out, const TokenizerTables* tables);
// The same for a line held in a std::string, whose bytes a NUL follows: the phrase walk then tests no end.
void tokenize(const std::string& line, const engine::Lexicon& lexicon, std::vector<Token>& out, const TokenizerTables* tables);

// The grammar rules that the given lines never exercise (PEGTL coverage), by rule name.
std::vector<std::string> grammar_rules_not_covered(const std::vector<std::string>& lines, const engine::Lexicon& lexicon);

}  // namespace trialmatch::grammar
