// rules::other_word::scan_after, the plain word's scan from the end of a first run of letters and digits that the
// token recorder's walk measured as a name's first word (recorder.hpp, known::scan_after_known_run), against the
// rule itself (PEGTL's seq<plus<word_char>, ...>, the oracle) and its scan from the word's start: at every position
// of the golden criterion lines, and of lines of the lexicon's first words glued by apostrophes and other bytes,
// where the walk finds a first word that begins with a letter or digit.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
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

// Bytes the rule matches at the start of `text` (PEGTL's own match of the grammar rule; 0: none).
std::size_t by_rule(std::string_view text) {
  pegtl::memory_input in(text.data(), text.size(), "word");
  return pegtl::parse<r::other_word>(in) ? static_cast<std::size_t>(in.current() - text.data()) : 0;
}

std::size_t by_scan(std::string_view text) {
  pegtl::memory_input in(text.data(), text.size(), "word");
  return r::other_word::scan(in) ? static_cast<std::size_t>(in.current() - text.data()) : 0;
}

std::size_t by_scan_after(std::string_view text, std::size_t first_run) {
  pegtl::memory_input in(text.data(), text.size(), "word");
  r::other_word::scan_after(in, text.data() + first_run);
  return static_cast<std::size_t>(in.current() - text.data());
}

}  // namespace

TEST_CASE("the plain word scanned on from the name's first word the walk found is the word scanned from its start") {
  const auto words = phrase_walk_support::lexicon_first_words(Lexicon::builtin());
  REQUIRE(words.size() > 3000);
  const std::vector<std::string_view> views(words.begin(), words.end());
  const ph::PhraseTrie trie = TokenIndex::trie_with(views);
  const std::size_t first_words = TokenIndex::count;  // the list after the index's, as make_tokenizer_tables puts it
  REQUIRE(trie.lists() == first_words + 1);

  std::vector<std::string> lines = golden_support::all_criterion_lines();
  REQUIRE(lines.size() > 2000);
  // First words glued by apostrophes ("HBV's", "Crohn's", "x'"), blanks, hyphens, digits and letters, in random case.
  static constexpr std::string_view glue[] = {"'", "'s ", "''", "' ", " ", "", "-", "s", "9", "'9", "\t", "'x'y"};
  for (auto& line : phrase_walk_support::glued_lines(words, glue, 3000, 20261207)) lines.push_back(std::move(line));
  std::size_t compared = 0, with_apostrophe = 0;
  for (const auto& line : lines)
    for (std::size_t pos = 0; pos < line.size(); ++pos) {
      const std::string_view rest = std::string_view(line).substr(pos);
      g::PhraseMemo memo;
      trie.match(rest, memo.length.data(), memo.found.data(), &memo.item);
      if (!memo.matched(first_words) || !r::is_word_byte(rest[0])) continue;
      ++compared;
      const std::size_t expected = by_rule(rest);
      const std::size_t scanned = by_scan(rest);
      const std::size_t after_run = by_scan_after(rest, memo.length[first_words]);
      with_apostrophe += expected > memo.length[first_words] ? 1 : 0;
      if (scanned != expected || after_run != expected) {
        CAPTURE(line);
        CAPTURE(pos);
        CAPTURE(memo.length[first_words]);
        CHECK(scanned == expected);
        CHECK(after_run == expected);
        return;
      }
    }
  CHECK(compared > 30000);
  CHECK(with_apostrophe > 500);
}
