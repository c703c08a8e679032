// The phrase trie's walk over lists of long phrases that share few bytes (grammar/src/phrase_index.hpp): long
// runs of nodes with one child and no ends, such as a form of the trie that keeps such a run as a string in
// place of a node a byte (tail compression) would compare at once. Runs longer than 7 bytes, blanks inside a
// run and a run that a blank reaches, runs that start at the first or second byte (where the walk enters by
// its table of two bytes), and runs that lead to nodes that end phrases with and without a word boundary,
// that branch, or that a blank reaches. At every position of generated texts (the phrases cut short or with
// a byte changed, in any case, blanks as runs of any blank), the walk agrees with a scan of each list, to the
// text's end and to the NUL after it. (The oracle for a run form; s20trie tried one, see /work/notes/s20trie.md.)
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/phrase_index.hpp"
#include "../../grammar/src/custom_rules.hpp"
#include "phrase_walk_support.hpp"

namespace g = trialmatch::grammar;
namespace r = trialmatch::grammar::rules;
namespace ph = trialmatch::grammar::phrases;

namespace {

using phrase_walk_support::walk_agrees;

// Texts of the lists' phrases, whole or cut short, in random case, a blank as a run of one to three of any
// blank, a byte now and then changed, glued by blanks, word bytes, punctuation or nothing.
std::vector<std::string> generated(std::span<const std::span<const std::string_view>> lists, unsigned seed, int count) {
  std::vector<std::string_view> phrases;
  for (const auto list : lists) phrases.insert(phrases.end(), list.begin(), list.end());
  static constexpr std::string_view glue[] = {" ", "", "  ", "\t", "s", "x", "-", ",", "9", "\xC3\xA9"};
  static constexpr std::string_view blanks[] = {" ", "\t", "\n", "\r", "  ", " \t\n"};
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (int n = 0; n < count; ++n) {
    std::string line;
    for (int k = 0, pieces = 1 + static_cast<int>(rng() % 4); k < pieces; ++k) {
      std::string p(phrases[rng() % phrases.size()]);
      if (rng() % 3 == 0) p.resize(rng() % (p.size() + 1));
      if (!p.empty() && rng() % 6 == 0) p[rng() % p.size()] = "eq -1"[rng() % 5];
      for (const char c : p) {
        if (c == ' ') line += blanks[rng() % std::size(blanks)];
        else line += rng() % 3 == 0 ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      }
      line += glue[rng() % std::size(glue)];
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("the walk over long phrases that share few bytes finds each list's longest phrase, as a scan of the list does") {
  // Long chains from the first byte on ("pneumonoultramicroscopic..."), and from the second ("qu..."); one that
  // leads past a branch to more chains ("hypertension", "hypertensive", "hyperthyroid"); blanks in a run
  // ("at the time of consent") and a chain a blank reaches ("z  long tail of words"); runs that lead to ends
  // with a boundary ("electrocardiogram" within "electrocardiogram abnormal"), without one ("abcdefgh-"), to a
  // blank node with ends ("abcdefghij klm", "abcdefghij "), or to ends of the item list.
  static constexpr std::string_view long_words[] = {
      "pneumonoultramicroscopicsilicovolcanoconiosis", "pneumonia", "quadriplegia", "quintessentially", "hypertension",
      "hypertensive", "hyperthyroidism", "electrocardiogram", "electrocardiogram abnormal", "abcdefgh-", "abcdefghij klm",
      "abcdefghij ", "ab"};
  static constexpr std::string_view with_blanks[] = {"at the time of consent", "at the time of screening", "z long tail of words",
                                                     "within the last six months", "w x y z a b c d e f g"};
  static constexpr std::string_view items[] = {"electrocardiographic", "hyperten", "pneumonoultra", "quadri", "abcdefg",
                                               "at the time", "withi"};
  const std::array<std::span<const std::string_view>, 3> lists{long_words, with_blanks, items};
  const ph::PhraseTrie trie(lists, 2);
  REQUIRE(trie.nul_free());
  std::vector<std::string> texts = generated(lists, 20261207, 3000);
  for (const auto list : lists)
    for (const std::string_view p : list) {
      texts.emplace_back(p);
      std::string upper(p);
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      texts.push_back(upper + " x");
    }
  std::size_t positions = 0;
  for (const auto& text : texts)
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      ++positions;
      if (!walk_agrees(trie, lists, 2, std::string_view(text).substr(pos))) return;
    }
  CHECK(positions > 50000);
  // By hand: a run across slots to a boundary end, and a run with blanks taking runs of any blank.
  std::vector<std::uint32_t> length(lists.size(), 0);
  std::uint32_t item = 0;
  g::PhraseMemo memo;
  trie.match("Pneumonoultramicroscopicsilicovolcanoconiosis.", length.data(), memo.found.data(), &item);
  CHECK(memo.matched(0));
  CHECK(length[0] == 45);
  CHECK(memo.matched(2) == false);  // "pneumonoultra" is followed by a letter
  memo.found = {};
  trie.match("at  the\ttime \n of consent", length.data(), memo.found.data(), &item);
  CHECK(memo.matched(1));
  CHECK(length[1] == 25);
  CHECK(memo.matched(2));
  CHECK(item == 5);
  CHECK(length[2] == 12);
}
