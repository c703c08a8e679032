// may_open_with_section_verb (grammar/src/lower_section_verb.hpp), line()'s precheck before restates_other_section
// (section_clash.cpp): a long filler's first two bytes, those of a restatement's verb. Its oracle is
// restates_other_section itself, in both sections, on every token of the golden lines and of lines made with each
// restating phrase in three cases: wherever it says yes, the precheck says yes. And the lines the reading is written
// for still read as text, whole, in the section they contradict.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_section_verb.hpp"
#include "../../grammar/src/section_clash.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

struct Counts {
  int long_fillers = 0;
  int restating = 0;  // fillers restating a section, in either
  int refused = 0;    // long fillers the precheck refuses
};

void check_line(const std::string& text, Counts& counts) {
  const std::vector<g::Token> tokens = g::tokenize(text, e::Lexicon::builtin());
  for (const g::Token& t : tokens) {
    if (t.kind != g::Tok::filler || t.end - t.begin < 11) continue;
    const bool restates = g::detail::restates_other_section(text, t, true) ||
                          g::detail::restates_other_section(text, t, false);
    const bool may = g::detail::may_open_with_section_verb(text, t);
    CAPTURE(text);
    CAPTURE(text.substr(t.begin, t.end - t.begin));
    if (restates) CHECK(may);
    ++counts.long_fillers;
    counts.restating += restates;
    counts.refused += !may;
  }
}

std::string capitalised(std::string s) {
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}
std::string capitals(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string read(const std::string& line, g::CriterionSection section) {
  static const g::Parser parser(e::Lexicon::builtin());
  return e::to_canonical(parser.parse(line, section).tree);
}

}  // namespace

TEST_CASE("may_open_with_section_verb: every restatement of a section passes") {
  Counts counts;
  for (const auto& line : golden_support::all_criterion_lines()) check_line(line, counts);
  // Each verb's phrases, in lower case, capitalised and in capitals, after a condition and opening the line.
  for (const std::string phrase : {"may not participate", "may be excluded", "are excluded", "are eligible",
                                   "are not eligible", "is excluded", "is eligible", "will be included",
                                   "will be excluded", "should be excluded", "should not be enrolled",
                                   "can be included", "can not participate", "are to be recruited"})
    for (const std::string& words : {phrase, capitalised(phrase), capitals(phrase)}) {
      check_line("Patients with diabetes " + words, counts);
      check_line(words + " patients with diabetes", counts);
    }
  CHECK(counts.long_fillers > 150);
  CHECK(counts.restating > 40);
  // (Most long fillers are moments: "at the time of screening".)
  CHECK(counts.refused > counts.long_fillers / 2);
}

TEST_CASE("may_open_with_section_verb: the lines that restate the other section read as text") {
  const auto inclusion = g::CriterionSection::inclusion;
  const auto exclusion = g::CriterionSection::exclusion;
  for (const std::string line : {"Patients with HbA1c > 10% are excluded", "Pregnant women may not participate",
                                 "Pregnant women MAY NOT PARTICIPATE", "Pregnant women should be excluded",
                                 "Patients with HbA1c > 10% Are Excluded"}) {
    CAPTURE(line);
    CHECK(read(line, inclusion) == "text[not_understood] \"" + line + "\"");
  }
  for (const std::string line : {"Women who are pregnant will be included", "Women who are pregnant WILL BE INCLUDED",
                                 "Patients with diabetes are eligible", "Patients with diabetes Can Be Included"}) {
    CAPTURE(line);
    CHECK(read(line, exclusion) == "text[not_understood] \"" + line + "\"");
  }
  // (An agreeing restatement, and a moment, stay filler.)
  CHECK(read("Patients aged 18 years or older are eligible", inclusion) == "cmp age >= 18 a");
  CHECK(read("Age >= 18 years at the time of enrollment", inclusion) == "cmp age >= 18 a");
}
