// The lookup's short forms of two kinds of name (lexicon.cpp, Index::Form): a name that is its first word alone
// (`word`: no compare past the key) and an abbreviation already in capitals (`capitals`: compared once, not again
// in capitals), against the scan of every name of the bucket they replaced (the oracle): every span of every
// golden line, as written and in capitals, and a small lexicon of the cases at their edges.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "golden_support.hpp"
#include "lexicon_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

using trialmatch::engine::Concept;
using trialmatch::engine::Lexicon;
using namespace trialmatch::engine::testing;  // the reference scan and its byte tests

namespace {

// (The oracle, each name of the first token's bucket compared spelling by spelling, longest first, is
// ReferenceScan: lexicon_support.hpp.)

std::string described(const std::optional<Lexicon::NameMatch>& m) {
  return m ? m->entry->id + ":" + std::to_string(m->length) : "-";
}

// match_name_at at `pos`, and match_name_in where a word with a bucket starts there (the tokenizer's lookup),
// against the scan; counts the lookups made.
void check_at(const Lexicon& lex, const ReferenceScan& scan, std::string_view text, std::size_t pos, std::size_t& lookups) {
  const std::string expected = described(scan.match_name_at(text, pos));
  if (described(lex.match_name_at(text, pos)) != expected) {
    CAPTURE(text);
    CAPTURE(pos);
    CHECK(described(lex.match_name_at(text, pos)) == expected);
  }
  if (pos >= text.size() || !word_byte(text[pos]) || (pos > 0 && word_byte(text[pos - 1]))) return;
  std::string word;
  for (std::size_t i = pos; i < text.size() && word_byte(text[i]); ++i) word += lower(text[i]);
  const auto* bucket = lex.name_bucket(word);
  if (!bucket) return;
  ++lookups;
  if (described(lex.match_name_in(*bucket, text, pos, word.size())) != expected) {
    CAPTURE(text);
    CAPTURE(pos);
    CHECK(described(lex.match_name_in(*bucket, text, pos, word.size())) == expected);
  }
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE("name lookups with the short forms find what the scan of every name finds: every span of every golden line") {
  // A name is found from the position of the span's start to its end: every start, every end up to 48 bytes on
  // (where the text ends decides a plural ending, a boundary, the continuation read after the first word).
  const Lexicon& lex = Lexicon::builtin();
  const ReferenceScan scan(lex);
  std::size_t lookups = 0, spans = 0;
  for (const std::string& line : golden_support::all_criterion_lines())
    for (const std::string& text : {line, upper(line)})
      for (std::size_t begin = 0; begin < text.size(); ++begin) {
        if (word_byte(text[begin]) && begin > 0 && word_byte(text[begin - 1])) continue;  // (no lookup inside a word)
        for (std::size_t end = begin + 1; end <= std::min(text.size(), begin + 48); ++end, ++spans)
          check_at(lex, scan, std::string_view(text).substr(0, end), begin, lookups);
      }
  CHECK(spans > 1000000);
  CHECK(lookups > 100000);
}

TEST_CASE("a name that is its word alone, an abbreviation in capitals or not: ties, plurals, boundaries, keys of no word") {
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
      {"id": "gfr", "kind": "lab", "abbreviations": ["eGFR"]},
      {"id": "egfr_gene", "kind": "biomarker", "names": ["egfr", "egfr mutation"]},
      {"id": "hiv", "kind": "condition", "names": ["hiv infection"], "abbreviations": ["HIV"]},
      {"id": "hiv_word", "kind": "condition", "names": ["hiv"]},
      {"id": "cancer", "kind": "condition", "names": ["cancer", "cancer of the skin"]},
      {"id": "tumour", "kind": "condition", "names": ["tumour", "t"], "abbreviations": ["T"]},
      {"id": "plus", "kind": "condition", "names": ["+"]},
      {"id": "ci", "kind": "score", "abbreviations": ["Ci", "CI"]},
      {"id": "hb", "kind": "lab", "abbreviations": ["Hb"]}]})");
  const ReferenceScan scan(lex);
  const auto at = [&](std::string_view text, std::size_t pos = 0) { return described(lex.match_name_at(text, pos)); };
  // eGFR in capitals is the gene's word alone, written as it is (a tie of length goes to the exact spelling).
  CHECK(at("EGFR") == "egfr_gene:4");
  CHECK(at("eGFR") == "gfr:4");
  CHECK(at("egfr") == "egfr_gene:4");
  CHECK(at("EGFRs") == "-");  // (the key is the run of word bytes: "egfrs", no bucket)
  CHECK(at("EGFR mutation") == "egfr_gene:13");
  // HIV: the abbreviation in capitals is compared once, as written; the word alone (later) ties and stays second.
  CHECK(at("HIV") == "hiv:3");
  CHECK(at("hiv") == "hiv_word:3");
  CHECK(at("Hiv-1") == "hiv_word:3");
  CHECK(at("HIV infections") == "hiv:14");
  CHECK(at("cancer-free") == "cancer:6");
  CHECK(at("CANCERES") == "-");
  CHECK(at("cancer of the skin") == "cancer:18");
  // A key of no word ("+") is a name alone too: only where no word byte follows it.
  CHECK(at("+") == "plus:1");
  CHECK(at("+ 2") == "plus:1");
  CHECK(at("+x") == "-");
  CHECK(at("+s") == "-");
  CHECK(at("Ci") == "ci:2");
  CHECK(at("CI") == "ci:2");
  CHECK(at("cI") == "-");
  // An abbreviation not in capitals is compared in capitals too, as the only name of its bucket.
  CHECK(at("Hb") == "hb:2");
  CHECK(at("HB") == "hb:2");
  CHECK(at("hb") == "-");
  std::size_t lookups = 0;
  for (const std::string text : {"EGFR", "eGFR", "egfr", "Egfr", "EGFRs", "eGFRs", "EGFRes", "EGFR mutation", "EGFR-mutations",
                                 "HIV", "hiv", "Hiv", "hIV", "HIVs", "HIV+", "Hiv-1", "HIV infections", "hiv  infection",
                                 "cancer", "Cancers", "cancer-free", "CANCERES", "cancer of the skin", "cancer of the", "T", "t",
                                 "T2", "T 2", "ts", "Ts", "tumours", "+", "+ 2", "+x", "+s", "++", "Ci", "CI", "ci", "cI", "CIs", "Hb", "HB", "hB", "HBs",
                                 "known HIV, eGFR < 60 and T3 cancer; EGFR+ tumours"})
    for (std::size_t end = 1; end <= text.size(); ++end)
      for (std::size_t pos = 0; pos <= end; ++pos) check_at(lex, scan, std::string_view(text).substr(0, end), pos, lookups);
  CHECK(lookups > 100);
}
