// The combined phrase index (grammar/src/phrase_index.hpp) against the lists it replaces: at every
// position of the golden criterion lines and of generated text, the one walk through the trie finds for
// each list what a scan of that list's phrases finds, and the token recorder records the same matches
// with the index as without it.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tao/pegtl.hpp>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/token_rules.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "golden_support.hpp"
#include "phrase_walk_support.hpp"

namespace pegtl = tao::pegtl;
namespace g = trialmatch::grammar;
namespace r = trialmatch::grammar::rules;
namespace ph = trialmatch::grammar::phrases;
using trialmatch::engine::Lexicon;

namespace {

using TokenIndex = ph::index_for<r::token>;

template <class Tags>
struct all_lists;
template <class... Tags>
struct all_lists<pegtl::type_list<Tags...>> {
  static std::vector<std::span<const std::string_view>> get() { return {Tags::phrases()...}; }
};
template <class Tags>
struct list_count;
template <class... Tags>
struct list_count<pegtl::type_list<Tags...>> : std::integral_constant<std::size_t, sizeof...(Tags)> {};
using TokenLists = ph::leading_t<pegtl::type_list<>, r::token, 24>;

std::vector<std::string> golden_lines() { return golden_support::criterion_lines({"constructions", "lct_registry", "seeds", "unlisted"}); }

// Phrases of the indexed lists (and cut-off pieces of them) glued by blanks, tabs, newlines, word bytes,
// punctuation or nothing, in random case: phrases that share a path, end inside a word, run into each other.
std::vector<std::string> generated_lines() {
  std::vector<std::string_view> phrases;
  for (const auto list : all_lists<TokenLists>::get()) phrases.insert(phrases.end(), list.begin(), list.end());
  static constexpr std::string_view glue[] = {" ", "", "  ", "\t", "\n", " \r\n ", "s", "x", "-", ",", "(", "é", "9"};
  std::mt19937 rng(20261204);
  std::vector<std::string> out;
  for (int n = 0; n < 3000; ++n) {
    std::string line;
    const int count = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < count; ++k) {
      std::string p(phrases[rng() % phrases.size()]);
      if (rng() % 5 == 0) p.resize(rng() % (p.size() + 1));  // a phrase cut short
      for (auto& c : p) {
        if (c == ' ' && rng() % 4 == 0) c = "\t\n\r"[rng() % 3];
        else if (rng() % 3 == 0) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      line += p;
      line += glue[rng() % std::size(glue)];
    }
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> all_lines() {
  std::vector<std::string> lines = golden_lines();
  const auto generated = generated_lines();
  lines.insert(lines.end(), generated.begin(), generated.end());
  lines.push_back("thereafter Thenceforth THEREBY andes ORegon notable Withinness at   the\ttime\nof consent");
  return lines;
}

using phrase_walk_support::longest_by_scan;

// Each list's answer from one walk of the token's index (0 where the list matches nothing). The lengths
// start as garbage: the walk must not depend on them.
// `text`: a suffix of a std::string's bytes (a NUL follows it), walked also by match_terminated, which must
// agree.
std::vector<std::uint32_t> walk(std::string_view text) {
  std::vector<std::uint32_t> length(TokenIndex::count, 0xDEADBEEFU), terminated(TokenIndex::count, 0xDEADBEEFU);
  g::PhraseMemo memo, memo_terminated;
  TokenIndex::trie().match(text, length.data(), memo.found.data());
  REQUIRE(TokenIndex::trie().nul_free());
  TokenIndex::trie().match_terminated(text, terminated.data(), memo_terminated.found.data());
  for (std::size_t l = 0; l < TokenIndex::count; ++l) {
    if (!memo.matched(l)) length[l] = 0;
    if (!memo_terminated.matched(l)) terminated[l] = 0;
  }
  CHECK(length == terminated);
  return length;
}

template <class Control>
std::vector<g::Record> records(const std::string& line, const Lexicon& lexicon) {
  g::GrammarState state{line, &lexicon};
  g::Recorder rec;
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(line.data(), line.size(), "criterion");
  if (!pegtl::parse<r::line, pegtl::nothing, Control::template control>(in, rec, state)) return {};
  const auto recorded = rec.recorded();  // the records; the vector's further elements are room
  return {recorded.begin(), recorded.end()};
}

bool same(const std::vector<g::Record>& a, const std::vector<g::Record>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const g::Record& x, const g::Record& y) {
    return x.rule == y.rule && x.depth == y.depth && x.begin == y.begin && x.end == y.end;
  });
}

}  // namespace

TEST_CASE("the token's phrase lists are those it may try where it starts") {
  CHECK(list_count<TokenLists>::value == TokenIndex::count);
  CHECK(TokenIndex::count <= g::PhraseMemo::capacity);
  // Alternatives of `token`, and lists that begin its composite alternatives (past nullable elements).
  CHECK(TokenIndex::index_of<ph::list_tag<r::filler_words>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::le_phrases>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::within_words>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::bare_within_words>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::post_ge_phrases>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::eq_phrases>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::number_words>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::times_words>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::limit_qualifiers>>() < TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::uln_names>>() < TokenIndex::count);
  // Lists read only after something else are not.
  CHECK(TokenIndex::index_of<ph::list_tag<r::limit_tails>>() == TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::not_limits>>() == TokenIndex::count);
  CHECK(TokenIndex::index_of<ph::list_tag<r::time_words>>() == TokenIndex::count);
}

TEST_CASE("one walk of the combined index finds each list's longest phrase, as a scan of the list does") {
  const auto lists = all_lists<TokenLists>::get();
  const auto& trie = TokenIndex::trie();
  REQUIRE(trie.lists() == lists.size());
  std::size_t found = 0;
  for (const auto& line : all_lines())
    for (std::size_t pos = 0; pos <= line.size(); ++pos) {
      const std::string_view rest = std::string_view(line).substr(pos);
      const auto length = walk(rest);
      for (std::size_t l = 0; l < lists.size(); ++l) {
        found += length[l] != 0;
        if (length[l] != longest_by_scan(lists[l], rest)) {
          CAPTURE(line);
          CAPTURE(pos);
          CAPTURE(l);
          CHECK(length[l] == longest_by_scan(lists[l], rest));
          return;
        }
      }
    }
  CHECK(found > 10000);
}

TEST_CASE("the combined index: case, runs of blanks, word boundaries") {
  const auto lists = all_lists<TokenLists>::get();
  const auto at = [&](std::string_view text, const auto tag) {
    return walk(text)[TokenIndex::index_of<std::remove_cv_t<decltype(tag)>>()];
  };
  CHECK(at("SERUM creatinine", ph::list_tag<r::filler_words>{}) == 5);
  CHECK(at("Diagnosed \t\n with x", ph::list_tag<r::filler_words>{}) == 17);  // "diagnosed with": a run of blanks
  CHECK(at("serums", ph::list_tag<r::filler_words>{}) == 0);                  // not inside a word
  CHECK(at("", ph::list_tag<r::filler_words>{}) == 0);
  CHECK(at("≤5", ph::list_tag<r::le_phrases>{}) == 3);                        // ends in no letter: no boundary needed
  CHECK(at("within the past 6 months", ph::list_tag<r::within_words>{}) == 15);
  CHECK(at("within the past 6 months", ph::list_tag<r::guard_words>{}) == 0);
  CHECK(at("in the past", ph::list_tag<r::guard_words>{}) == 2);  // each list its own longest
  CHECK(at("in the past", ph::list_tag<r::within_words>{}) == 11);
}

TEST_CASE("the walk takes a run of blanks by a node's edge back to itself, whatever the node's other edges") {
  // Lists whose blanks lead to nodes with no further edge ("the "), one ("at the time of"), a few ("x a",
  // "x b") and enough for a table by byte ("y a" .. "y g"); a phrase that goes on past a run ("a  b" is
  // not one: a phrase holds one blank for a run).
  static constexpr std::string_view ends_in_blank[] = {"the ", "so "};
  static constexpr std::string_view one_edge[] = {"at the time of", "at the", "at"};
  static constexpr std::string_view few_edges[] = {"x a", "x b", "x bc", "x"};
  static constexpr std::string_view many_edges[] = {"y a", "y b", "y c", "y d", "y e", "y f", "y g", "y"};
  const std::array<std::span<const std::string_view>, 4> lists{ends_in_blank, one_edge, few_edges, many_edges};
  const ph::PhraseTrie trie(lists);
  const auto scan_and_walk_agree = [&](std::string_view text) {
    std::vector<std::uint32_t> length(lists.size(), 0xDEADBEEFU);
    g::PhraseMemo memo;
    trie.match(text, length.data(), memo.found.data());
    for (std::size_t l = 0; l < lists.size(); ++l) {
      const std::size_t walked = memo.matched(l) ? length[l] : 0;
      if (walked != longest_by_scan(lists[l], text)) {
        CAPTURE(text);
        CAPTURE(l);
        CHECK(walked == longest_by_scan(lists[l], text));
        return false;
      }
    }
    return true;
  };
  for (const std::string_view blanks : {" ", "  ", " \t", "\n\r\n", "   \t "})
    for (const std::string_view head : {"the", "So", "at", "at the", "AT THE time", "x", "y", "Y"})
      for (const std::string_view tail : {"", "a", "bc", "b", "g", "time of", "of", "q", " a"}) {
        const std::string text = std::string(head) + std::string(blanks) + std::string(tail);
        if (!scan_and_walk_agree(text)) return;
      }
  std::vector<std::uint32_t> length(lists.size(), 0);
  g::PhraseMemo memo;
  trie.match("the \t\n  x", length.data(), memo.found.data());
  CHECK(memo.matched(0));
  CHECK(length[0] == 8);  // "the " takes the whole run
  memo.found = {};
  trie.match("y \t g", length.data(), memo.found.data());
  CHECK(length[3] == 5);
  // Two blanks in a row in a phrase could never match (the first takes the run): refused.
  static constexpr std::string_view doubled[] = {"a  b"};
  const std::array<std::span<const std::string_view>, 1> bad{doubled};
  CHECK_THROWS_AS(ph::PhraseTrie{bad}, std::invalid_argument);
  static_assert(!ph::walkable(doubled));
}

TEST_CASE("the walk's first two steps by one table agree with the step by step walk, ends at the first node too") {
  // First nodes that end a phrase needing a boundary ("a", "b", "1": before a letter or digit they end none,
  // before a blank they do), one that ends none ("x"), one whose end needs none (" "), punctuation ("-"),
  // and bytes the table leaves out ("é", "#"); second steps by a letter, a digit, a blank (the blank node's
  // loop), punctuation or nothing.
  static constexpr std::string_view a_words[] = {"a", "ab", "a b", "abc"};
  static constexpr std::string_view b_words[] = {"b", "ba", "b c", "bcd", "b1"};
  static constexpr std::string_view x_words[] = {"x-", "xy", "x y z", "x 1"};
  static constexpr std::string_view blank_words[] = {" ", " a"};
  static constexpr std::string_view digit_words[] = {"1", "12", "1 2", "2x"};
  static constexpr std::string_view other_words[] = {"\xC3\xA9", "\xC3\xA9" "a", "-a", "-", "#1", "a#"};
  const std::array<std::span<const std::string_view>, 6> lists{a_words, b_words, x_words, blank_words, digit_words, other_words};
  const ph::PhraseTrie trie(lists);
  static constexpr std::string_view pieces[] = {"a", "b", "c", "x", "y", "z", "A", "B", "X", "1", "2", " ", "\t", "-", "\xC3\xA9", ".", "#"};
  std::size_t texts = 0;
  REQUIRE(trie.nul_free());
  const auto agree = [&](const std::string& text) {
    ++texts;
    std::vector<std::uint32_t> length(lists.size(), 0xDEADBEEFU), terminated(lists.size(), 0xDEADBEEFU);
    g::PhraseMemo memo, memo_terminated;
    trie.match(text, length.data(), memo.found.data());
    trie.match_terminated(text, terminated.data(), memo_terminated.found.data());  // (a NUL follows a std::string)
    for (std::size_t l = 0; l < lists.size(); ++l) {
      const std::size_t walked = memo.matched(l) ? length[l] : 0;
      const std::size_t walked_to_nul = memo_terminated.matched(l) ? terminated[l] : 0;
      if (walked != longest_by_scan(lists[l], text) || walked_to_nul != walked) {
        CAPTURE(walked_to_nul);
        CAPTURE(text);
        CAPTURE(l);
        CHECK(walked == longest_by_scan(lists[l], text));
        return false;
      }
    }
    return true;
  };
  for (const std::string_view p1 : pieces) {
    if (!agree(std::string(p1))) return;
    for (const std::string_view p2 : pieces) {
      if (!agree(std::string(p1) + std::string(p2))) return;
      for (const std::string_view p3 : pieces)
        if (!agree(std::string(p1) + std::string(p2) + std::string(p3))) return;
    }
  }
  CHECK(texts == 17 + 17 * 17 + 17 * 17 * 17);
  // A phrase with a NUL byte (a lexicon's name may hold one): the walk to the NUL after a text is not for it.
  static constexpr std::string_view with_nul[] = {std::string_view("a\0b", 3)};
  const std::array<std::span<const std::string_view>, 1> nul_lists{with_nul};
  CHECK_FALSE(ph::PhraseTrie(nul_lists).nul_free());
}

TEST_CASE("a node's ends that need a word boundary count where the walk leaves it before a byte that is none") {
  // The walk writes such ends where it leaves their node: at the text's end, at a byte with no edge there, or
  // on arrival at the child by a byte that is no letter or digit (the child's copy of them). Nodes here end
  // several lists at once, the item list among them; they go on by letters, digits, blanks and punctuation,
  // to children with ends of their own that need a boundary ("ab c"), none ("ab-", "ab c ") or that end
  // nothing ("ab c d" at "ab c").
  static constexpr std::string_view items[] = {"ab", "ab-c", "ab c", "ab/", "ab1", "abc", "a"};
  static constexpr std::string_view shared[] = {"ab", "ab c d", "ab-", "ab c "};
  static constexpr std::string_view others[] = {"b", "b-", "b c", "-b", "c", "/"};
  static constexpr std::string_view longer[] = {"ab c", "x", "a-b", "ab-c-d"};
  const std::array<std::span<const std::string_view>, 4> lists{items, shared, others, longer};
  const ph::PhraseTrie trie(lists, 0);
  REQUIRE(trie.nul_free());
  static constexpr std::string_view pieces[] = {"a", "b", "c", "d", "ab", "AB", "-", " ", " \t ", "/", "1", "x", "\xC3\xA9", "."};
  const auto agree = [&](const std::string& text) { return phrase_walk_support::walk_agrees(trie, lists, 0, text); };
  std::size_t texts = 0;
  for (const std::string_view p1 : pieces)
    for (const std::string_view p2 : pieces)
      for (const std::string_view p3 : pieces)
        for (const std::string_view p4 : {std::string_view{}, std::string_view{"d"}, std::string_view{" "}}) {
          ++texts;
          if (!agree(std::string(p1) + std::string(p2) + std::string(p3) + std::string(p4))) return;
        }
  CHECK(texts == 14 * 14 * 14 * 3);
  // By hand: the end before a blank that leads on ("ab" in "ab c d"), at the text's end, and none before a letter.
  std::vector<std::uint32_t> length(lists.size(), 0);
  std::uint32_t item = 0;
  g::PhraseMemo memo;
  trie.match("ab  c d", length.data(), memo.found.data(), &item);
  CHECK((memo.matched(0) && memo.matched(1) && memo.matched(3)));
  CHECK(length[0] == 5);  // "ab c"
  CHECK(item == 2);
  CHECK(length[1] == 7);  // "ab c d"
  memo.found = {};
  trie.match("ab-", length.data(), memo.found.data(), &item);
  CHECK((memo.matched(0) && memo.matched(1)));
  CHECK(length[0] == 2);  // "ab", before the '-'
  CHECK(item == 0);
  CHECK(length[1] == 3);  // "ab-" needs no boundary
  memo.found = {};
  trie.match("abd", length.data(), memo.found.data(), &item);
  CHECK_FALSE(memo.matched(0));
  CHECK_FALSE(memo.matched(1));
}

TEST_CASE("the token recorder records the same with the combined index as without it") {
  const Lexicon& lexicon = Lexicon::builtin();
  using without = g::recording<g::TokenRules>;
  std::size_t n = 0;
  for (const auto& line : all_lines()) {
    const auto indexed = records<g::TokenRecording>(line, lexicon);
    const auto plain = records<without>(line, lexicon);
    n += indexed.size();
    if (!same(indexed, plain)) {
      CAPTURE(line);
      CHECK(indexed.size() == plain.size());
      FAIL("the records differ");
    }
  }
  CHECK(n > 10000);
}

TEST_CASE("the token's alternatives that start only with indexed lists are tried only where the walk found one") {
  using alternatives = g::TokenRecording::root_alternatives;
  // token: day_date, name_with_number, quantity, sex_any, section_phrase, any_side, month_date, measured_by,
  // examples, ahead, within, ... (rules.hpp)
  CHECK((alternatives::not_lists[0] & 0b0111U) == 0b0111U);  // day_date, name_with_number, quantity: always tried
  CHECK((alternatives::not_lists[0] & 0b1000U) == 0U);       // sex_any: a list
  constexpr auto sex_any = TokenIndex::index_of<ph::list_tag<r::sex_any_words>>();
  CHECK(alternatives::of_list[sex_any][0] == 0b1000U);
  // month_date starts with its list of month names: tried only where the walk found one (alternative 6).
  CHECK((alternatives::not_lists[0] & 0b1000000U) == 0U);
  // ahead and within are sor<list, seq<list, at<...>>>: they too start only with their lists
  // (alternatives 9 and 10 of token).
  constexpr auto ahead = TokenIndex::index_of<ph::list_tag<r::ahead_words>>();
  constexpr auto bare_ahead = TokenIndex::index_of<ph::list_tag<r::bare_ahead_words>>();
  CHECK(alternatives::of_list[ahead][0] == 0b1000000000U);
  CHECK(alternatives::of_list[bare_ahead][0] == 0b1000000000U);
  constexpr auto within = TokenIndex::index_of<ph::list_tag<r::within_words>>();
  constexpr auto bare_within = TokenIndex::index_of<ph::list_tag<r::bare_within_words>>();
  CHECK(alternatives::of_list[within][0] == 0b10000000000U);
  CHECK(alternatives::of_list[bare_within][0] == 0b10000000000U);
  CHECK((alternatives::not_lists[0] & 0b11000000000U) == 0U);
  CHECK((alternatives::not_lists[0] & 0b10000000U) == 0U);  // measured_by: its lists
  // "3 x ULN" without its number: relative_limit starts with times_word, a qualifier, or a limit's name.
  CHECK(ph::gated<r::relative_limit, 24>);
  CHECK(ph::gated<r::cmp_eq, 24>);
  // A quantity may start with digits, a concept name with anything: always tried.
  CHECK_FALSE(ph::gated<r::quantity, 24>);
  CHECK_FALSE(ph::gated<r::concept_name, 24>);
  CHECK_FALSE(ph::gated<r::other_word, 24>);
}

TEST_CASE("a quantity is tried only at a digit or where the walk found a number word") {
  using alternatives = g::TokenRecording::root_alternatives;
  // quantity: sor<numeral, number_word, count_word> first; without its two lists only a digit begins it.
  CHECK(alternatives::partly_gated<r::quantity>);
  CHECK(ph::unlisted<r::quantity, 24>.has('7'));
  CHECK_FALSE(ph::unlisted<r::quantity, 24>.has('t'));  // "two", "twice": found by the walk
  constexpr auto number_words = TokenIndex::index_of<ph::list_tag<r::number_words>>();
  constexpr auto count_words = TokenIndex::index_of<ph::list_tag<r::count_words>>();
  CHECK(number_words < TokenIndex::count);
  CHECK(count_words < TokenIndex::count);
  // Nothing narrows a concept name, a period or a name led by a digit: tried wherever their first byte allows.
  CHECK_FALSE(alternatives::partly_gated<r::concept_name>);
  CHECK_FALSE(alternatives::partly_gated<r::period>);
  CHECK_FALSE(alternatives::partly_gated<r::name_with_number>);
}

TEST_CASE("other_word's one-pass scan matches what its rule matches, four bytes a step or one") {
  // Runs of word bytes of every length around the four-byte step, with apostrophes inside and at the ends,
  // ending at the input's end or before a blank, a hyphen, a byte above 0x7F.
  const auto by_rule = [](const std::string& text) -> long {
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "t");
    return pegtl::parse<r::other_word>(in) ? in.current() - text.data() : -1;
  };
  const auto by_scan = [](const std::string& text) -> long {
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "t");
    return r::other_word::scan(in) ? in.current() - text.data() : -1;
  };
  std::size_t tried = 0;
  for (std::size_t n = 0; n <= 13; ++n)
    for (const std::string_view inner : {"", "'", "'s", "'9x", "''", "'abcdefghi"})
      for (const std::string_view after : {"", " x", "-y", "\xC3\xA9", "'", ".5"}) {
        std::string text;
        for (std::size_t i = 0; i < n; ++i) text += "aZ09bq7kM"[i % 9];
        text += inner;
        text += after;
        CAPTURE(text);
        CHECK(by_scan(text) == by_rule(text));
        ++tried;
      }
  CHECK(tried == 14 * 6 * 6);
}

namespace {

// The first words of the lexicon's names, as the tokenizer lists them (tokens.cpp, make_tokenizer_tables): a
// name's leading run of letters and digits in lower case, or its first byte where that is no letter or digit.

}  // namespace

TEST_CASE("the tokenizer's trie, the lists and the lexicon's first words, finds each list's longest phrase and names the first word") {
  // The double array of ~23,000 nodes (every node with children has a base of its own; slots that many
  // nodes failed to fill are left free): each list's answer against a scan, the item list's against a
  // lookup of every prefix of the text (its phrases hold no blank), and the index of the word found.
  const auto words = phrase_walk_support::lexicon_first_words(Lexicon::builtin());
  REQUIRE(words.size() > 3000);
  const std::vector<std::string_view> views(words.begin(), words.end());
  const ph::PhraseTrie trie = TokenIndex::trie_with(views);
  const auto lists = all_lists<TokenLists>::get();
  const std::size_t item_list = lists.size();
  REQUIRE(trie.lists() == lists.size() + 1);
  REQUIRE(trie.nul_free());
  std::unordered_map<std::string_view, std::uint32_t> index_of_word;
  std::size_t longest_word = 0;
  for (std::size_t i = 0; i < views.size(); ++i) {
    REQUIRE(views[i].find(' ') == std::string_view::npos);
    index_of_word.emplace(views[i], static_cast<std::uint32_t>(i));
    longest_word = std::max(longest_word, views[i].size());
  }
  std::vector<std::string> lines = all_lines();
  // Lines of first words too, glued as the generated lines glue phrases, in random case.
  static constexpr std::string_view glue[] = {" ", "", "-", ",", "s", "9", "(", "\t"};
  for (auto& line : phrase_walk_support::glued_lines(words, glue, 2000, 20261206)) lines.push_back(std::move(line));
  std::size_t named = 0;
  for (const auto& line : lines)
    for (std::size_t pos = 0; pos <= line.size(); ++pos) {
      const std::string_view rest = std::string_view(line).substr(pos);
      std::vector<std::uint32_t> length(trie.lists(), 0xDEADBEEFU), terminated(trie.lists(), 0xDEADBEEFU);
      g::PhraseMemo memo, memo_terminated;
      std::uint32_t item = 0xDEADBEEFU, item_terminated = 0xDEADBEEFU;
      trie.match(rest, length.data(), memo.found.data(), &item);
      trie.match_terminated(rest, terminated.data(), memo_terminated.found.data(), &item_terminated);
      // The item list by lookup: the longest prefix that is a word and matches there (a word boundary after
      // a word that ends in a letter or digit).
      std::size_t word_length = 0;
      std::uint32_t word = 0;
      std::string lowered;
      for (std::size_t k = 1; k <= std::min(longest_word, rest.size()); ++k) {
        lowered += r::ascii_lower(rest[k - 1]);
        if (const auto it = index_of_word.find(lowered); it != index_of_word.end() && r::phrase_length(it->first, rest) == k) {
          word_length = k;
          word = it->second;
        }
      }
      for (std::size_t l = 0; l <= item_list; ++l) {
        const std::size_t expected = l == item_list ? word_length : longest_by_scan(lists[l], rest);
        const std::size_t walked = memo.matched(l) ? length[l] : 0;
        const std::size_t walked_to_nul = memo_terminated.matched(l) ? terminated[l] : 0;
        if (walked != expected || walked_to_nul != expected) {
          CAPTURE(line);
          CAPTURE(pos);
          CAPTURE(l);
          CHECK(walked == expected);
          CHECK(walked_to_nul == expected);
          return;
        }
      }
      if (word_length != 0) {
        ++named;
        if (item != word || item_terminated != word) {
          CAPTURE(line);
          CAPTURE(pos);
          CHECK(views[item] == views[word]);
          CHECK(item_terminated == word);
          return;
        }
      }
    }
  CHECK(named > 10000);
}

TEST_CASE("the walk over phrases that hold bytes of every value (a class for each)") {
  // Phrases of two and three bytes, each byte value but the blanks a phrase may not hold (tab, CR, LF), in
  // every position: the double array's steps by classes up to 226, and the table of the first two bytes.
  std::vector<std::string> phrases;
  for (unsigned b = 1; b < 256; ++b) {
    const char c = static_cast<char>(b);
    if (c == '\t' || c == '\n' || c == '\r' || c == ' ') continue;
    phrases.push_back(std::string(1, c) + "x");
    phrases.push_back(std::string("x") + c + "y");
    phrases.push_back(std::string(1, c) + c + " z");
  }
  const std::vector<std::string_view> views(phrases.begin(), phrases.end());
  const std::array<std::span<const std::string_view>, 1> lists{views};
  const ph::PhraseTrie trie(lists);
  CHECK(trie.classes() == 255 - 4 - 26 + 1);  // bytes 1 to 255 but blanks and upper case; the blank of " z"
  std::mt19937 rng(7);
  std::size_t matched = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text = phrases[rng() % phrases.size()];
    if (rng() % 2 == 0) text += phrases[rng() % phrases.size()];
    if (rng() % 3 == 0) text[rng() % text.size()] = static_cast<char>(rng() % 256);
    if (rng() % 4 == 0) text.resize(rng() % (text.size() + 1));
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      const std::string_view rest = std::string_view(text).substr(pos);
      std::uint32_t length = 0xDEADBEEFU;
      g::PhraseMemo memo;
      trie.match(rest, &length, memo.found.data());
      const std::size_t walked = memo.matched(0) ? length : 0;
      matched += walked != 0;
      if (walked != longest_by_scan(views, rest)) {
        CAPTURE(text);
        CAPTURE(pos);
        CHECK(walked == longest_by_scan(views, rest));
        return;
      }
    }
  }
  CHECK(matched > 10000);
}

namespace {

// Bytes a rule matches at the start of `text` (-1: it fails).
template <class Rule>
long matched(std::string_view text) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "t");
  return pegtl::parse<Rule>(in) ? in.current() - text.data() : -1;
}
// The leads of relative_limit as their rules' combinators match them (the oracles of their one-pass matches).
using limit_lead_rule = pegtl::seq<pegtl::opt<r::times_word, r::osp>, pegtl::star<r::limit_qualifier, r::osp>,
                                   pegtl::at<pegtl::sor<r::uln_name, r::lln_name>>>;
using multiple_lead_rule = pegtl::sor<pegtl::seq<r::times_word, r::osp, pegtl::opt<r::higher_word, r::osp>>, pegtl::seq<r::higher_word, r::osp>>;
// relative_limit as it was written before its leads: the same matches, and the same records below.
struct old_relative_limit : pegtl::sor<pegtl::seq<pegtl::opt<r::times_word, r::osp>, pegtl::star<r::limit_qualifier, r::osp>,
                                                  pegtl::sor<r::uln, r::lln>>,
                                       pegtl::seq<multiple_lead_rule, pegtl::opt<r::one_of_phrases<r::the_word>, r::osp>,
                                                  r::one_of_phrases<r::normal_names>, pegtl::not_at<r::word_char>,
                                                  pegtl::not_at<r::osp, r::one_of_phrases<r::not_limits>>>> {};

}  // namespace

TEST_CASE("the one-pass matches of relative_limit's leads match what their rules match") {
  // At every position of the golden and generated lines, and at the start of texts of three words of the leads'
  // lists (and near misses) joined by blanks of each kind, by nothing or by word bytes.
  std::vector<std::string> texts;
  static constexpr std::string_view words[] = {"x", "X", "×", "times", "-fold", "- fold", "fold", "the", "The", "thee",
                                               "institution's", "LOCAL", "site", "normal", "higher than", "greater \t than",
                                               "above", "ULN", "upper limit of normal", "lln", "timesx", "above9", ""};
  static constexpr std::string_view gaps[] = {"", " ", " \t\n\r ", "-", "s", "'"};
  for (const auto a : words)
    for (const auto g1 : gaps)
      for (const auto b : words)
        for (const auto g2 : gaps)
          for (const auto c : words) texts.push_back(std::string(a).append(g1).append(b).append(g2).append(c));
  std::size_t tried = 0, leads = 0, multiples = 0, limits = 0;
  const auto compare = [&](std::string_view text) {
    const long lead = matched<limit_lead_rule>(text), multiple = matched<multiple_lead_rule>(text);
    const long limit = matched<old_relative_limit>(text);
    if (matched<r::limit_lead>(text) != lead || matched<r::multiple_lead>(text) != multiple ||
        matched<r::relative_limit>(text) != limit) {
      CAPTURE(text);
      CHECK(matched<r::limit_lead>(text) == lead);
      CHECK(matched<r::multiple_lead>(text) == multiple);
      CHECK(matched<r::relative_limit>(text) == limit);
    }
    ++tried;
    leads += lead >= 0;
    multiples += multiple >= 0;
    limits += limit >= 0;
  };
  for (const auto& text : texts) compare(text);
  for (const auto& line : all_lines())
    for (std::size_t at = 0; at <= line.size(); ++at) compare(std::string_view(line).substr(at));
  CHECK(tried > 500000);
  CHECK(leads > 50000);
  CHECK(multiples > 100000);
  CHECK(limits > 50000);
}
