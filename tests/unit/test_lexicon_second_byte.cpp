// Lexicon::NameBucket::may_match_after, the lookup's filter the grammar tests inline before match_name_in,
// against match_name_in itself (the oracle): where the filter refuses, the lookup finds no name.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

using trialmatch::engine::Lexicon;

namespace {

bool word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

struct Counts {
  std::size_t lookups = 0, refused = 0;
};

// At every start of a word whose bucket the lexicon has (the tokenizer's walk finds the same word).
void check_refusals(const Lexicon& lex, std::string_view text, Counts& counts) {
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (!word_byte(text[pos]) || (pos > 0 && word_byte(text[pos - 1]))) continue;
    std::string word;
    for (std::size_t i = pos; i < text.size() && word_byte(text[i]); ++i)
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    const auto* bucket = lex.name_bucket(word);
    if (!bucket) continue;
    ++counts.lookups;
    if (bucket->may_match_after(text, pos + word.size())) continue;
    ++counts.refused;
    if (lex.match_name_in(*bucket, text, pos, word.size()) || lex.match_name_at(text, pos)) {
      CAPTURE(text);
      CAPTURE(pos);
      FAIL("may_match_after refused where the lookup finds a name");
    }
  }
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE("may_match_after refuses only where match_name_in finds no name: every golden line, as written and in capitals") {
  const Lexicon& lex = Lexicon::builtin();
  Counts counts;
  for (const auto& line : golden_support::all_criterion_lines()) {
    check_refusals(lex, line, counts);
    check_refusals(lex, upper(line), counts);
  }
  CHECK(counts.lookups > 10000);
  CHECK(counts.refused > counts.lookups / 10);  // the filter refuses (a filter of all ones would pass the rest)
}

TEST_CASE("may_match_after: separators and their runs, capitals, digits and the text's end after a first word") {
  // Every bucket here has full signatures only (names of four bytes or more after the first word), so the
  // second byte decides: a separator after a letter, a run of separators, a capital, a digit, a separator
  // after a stop ("st. john": the second byte ' ', which any separator in the text reads as).
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
      {"id": "tnf", "kind": "treatment", "names": ["anti-TNF agent", "anti  b-cell therapy"]},
      {"id": "dm2", "kind": "condition", "names": ["diabetes 2 type", "diabetes mellitus"]},
      {"id": "ckd", "kind": "condition", "names": ["kidney-- disease", "kidney x-ray finding"]},
      {"id": "sjw", "kind": "treatment", "names": ["st. john wort"]}]})");
  const char* const pieces[] = {"anti", "ANTI", "diabetes", "kidney", "-", " ", " - ", "--", "\t", "tnf", "TNF", "agent",
                                "b", "B", "cell", "2", "type", "Mellitus", "disease", "x", "X-RAY", "ray", ".", "st", "john", ""};
  Counts counts;
  for (const char* a : pieces)
    for (const char* b : pieces)
      for (const char* c : pieces)
        for (const char* d : pieces) check_refusals(lex, std::string(a) + b + c + d, counts);
  CHECK(counts.refused > 0);
  // Some that match, which the filter must pass.
  for (const std::string text : {"anti-TNF agent", "ANTI - tnf  AGENT", "anti b cell therapy", "Diabetes 2-type",
                                 "diabetes  Mellitus", "kidney disease", "KIDNEY - X-RAY finding", "kidney x ray finding", "St.\tJohn wort",
                                 "ST.-JOHN WORT"}) {
    const std::size_t word = text.find_first_of(" -.");
    std::string key = text.substr(0, word);
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto* bucket = lex.name_bucket(key);
    REQUIRE(bucket);
    CAPTURE(text);
    CHECK(lex.match_name_at(text, 0));
    CHECK(bucket->may_match_after(text, word));
  }
}
