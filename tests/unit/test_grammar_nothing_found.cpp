// The token choice where the walk found no list (recorder.hpp, the memo root): the alternatives possible there are
// a table by the next byte and by whether a name's first word was found, and where the first of them is the plain
// word's one-pass scan it is tried at once (first::dispatched_choice::match_possible, `scanning_first`). The oracle
// is the form they replace: what the root allowed there taken with the next byte's FIRST sets at each position
// (dispatched_choice::match_allowed), and its lowest bit. The tokens themselves are compared with and without the tokenizer's tables (without them nothing is
// ever "nothing found") at every suffix of the golden lines by test_grammar_tokenizer.cpp; here, the tables, and
// lines of plain words next to every kind of byte.
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/token_rules.hpp"
#include "../../grammar/src/tokens.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "golden_support.hpp"

namespace pegtl = tao::pegtl;
namespace g = trialmatch::grammar;
namespace r = trialmatch::grammar::rules;
using trialmatch::engine::Lexicon;

namespace {

using choice = g::first::dispatched_t<r::token>;
using root = g::TokenRecording::root_alternatives;

bool same_tokens(std::string_view text, const Lexicon& lexicon, const g::TokenizerTables& tables) {
  std::vector<g::Token> plain, with_tables;
  g::tokenize(text, lexicon, plain);
  g::tokenize(std::string(text), lexicon, with_tables, &tables);
  if (plain.size() != with_tables.size()) return false;
  for (std::size_t i = 0; i < plain.size(); ++i)
    if (plain[i].kind != with_tables[i].kind || plain[i].begin != with_tables[i].begin || plain[i].end != with_tables[i].end)
      return false;
  return true;
}

}  // namespace

TEST_CASE("where the walk found no list, the alternatives possible by next byte are what the choice took of them") {
  const std::size_t other_word = static_cast<std::size_t>(
      std::countr_zero(choice::alternatives_where([](auto a) { return std::is_same_v<typename decltype(a)::type, r::other_word>; })[0]));
  const std::size_t concept_name = static_cast<std::size_t>(
      std::countr_zero(choice::alternatives_where([](auto a) { return std::is_same_v<typename decltype(a)::type, r::concept_name>; })[0]));
  CHECK(choice::scanning_index<pegtl::memory_input<pegtl::tracking_mode::lazy>>() == other_word);
  int plain_word_bytes = 0;
  for (const bool first_word : {false, true}) {
    for (unsigned b = 0; b < 256; ++b) {
      CAPTURE(first_word);
      CAPTURE(b);
      const char byte = static_cast<char>(b);
      pegtl::memory_input<pegtl::tracking_mode::lazy> in(&byte, 1, "byte");
      // The old form, the memo root's steps with no list's bit set: those always tried, those led by lists in part
      // that may begin at the byte, no concept name unless the name's first word was found; then match_allowed's
      // `next_byte(in) & allowed`.
      choice::Mask allowed = root::always;
      for (std::size_t w = 0; w < allowed.size(); ++w) allowed[w] |= root::unlisted_at[b][w];
      if (!first_word)
        for (std::size_t w = 0; w < allowed.size(); ++w) allowed[w] &= ~root::by_first_word[w];
      if (!first_word) CHECK(allowed == root::nothing_found_at[b]);
      choice::Mask possible = choice::next_byte(in);
      for (std::size_t w = 0; w < possible.size(); ++w) possible[w] &= allowed[w];
      const std::size_t at = b + (first_word ? 256U : 0U);
      CHECK(root::possible_where_no_list[at] == possible);
      // match_possible's test of the first possible one against the scan's index.
      const std::uint64_t lowest = possible[0] & (~possible[0] + 1);
      CHECK(root::scanned_first_where_no_list[at] == (lowest == std::uint64_t{1} << other_word));
      plain_word_bytes += root::scanned_first_where_no_list[at] ? 1 : 0;
      // A letter begins a plain word where nothing was found, a name where its first word was; a digit may begin a
      // quantity, punctuation its own token.
      const bool letter = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
      if (letter && !first_word) CHECK(root::scanned_first_where_no_list[at]);
      if (letter && first_word) CHECK(lowest == std::uint64_t{1} << concept_name);
      if ((byte >= '0' && byte <= '9') || byte == ',' || byte == '(' || byte == ' ') CHECK_FALSE(root::scanned_first_where_no_list[at]);
    }
  }
  CHECK(plain_word_bytes == 52);
}

TEST_CASE("plain words next to every kind of byte read the same with the tables as without") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  int texts = 0;
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  for (unsigned b = 1; b < 128; ++b) {
    const std::string c(1, static_cast<char>(b));
    for (const std::string& form : {"zq" + c + "xw", c + "zq xw", "zq " + c + "5 mg", "zq" + c, "5" + c + "zq", "qz's" + c + "wx'"})
      lines.push_back(form);
  }
  for (const std::string& line : lines)
    for (std::size_t from = 0; from < line.size(); ++from) {
      const std::string_view text = std::string_view(line).substr(from);
      ++texts;
      if (!same_tokens(text, lexicon, *tables)) {
        CAPTURE(text);
        FAIL("the tokens differ with the tables");
      }
    }
  CHECK(texts > 100000);
}
