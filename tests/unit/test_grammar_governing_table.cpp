// finish_items' governed-words scan asks one table of its three lists (grammar/src/lower_governing_table.hpp): the
// table against the scan's three old tests (kept here as the oracle), on every span of up to 20 bytes of every golden
// line, in its own case and upper case, and on the lists' own words in three casings.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_governing_table.hpp"
#include "../../grammar/src/lower_governing_words.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "golden_support.hpp"

namespace d = trialmatch::grammar::detail;

namespace {

// The scan's three tests as they were asked of a word: relation_head (a WordList), "criteria" (exclusion_criteria_at,
// the word before it aside) and relative_at (by its size and first byte, then the list).
unsigned lists_old(std::string_view w) {
  const bool relative = w.size() >= 3 && w.size() <= 5 && (w[0] | 0x20) == 'w' && d::one_of(w, d::kRelatives);
  return (d::relation_head(w) ? d::kRelationHead : 0u) | (d::iequals(w, d::kCriteria[0]) ? d::kCriteriaWord : 0u) |
         (relative ? d::kRelative : 0u);
}

std::string cased(std::string_view w, int how) {
  std::string s(w);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (how == 1 || (how == 2 && i == 0)) s[i] = static_cast<char>(std::toupper(c));
  }
  return s;
}

}  // namespace

TEST_CASE("governing table: every word of the three lists, in any case, is in its lists as the old tests say") {
  std::vector<std::string_view> words;
  for (const auto w : d::kRelationHeads) words.push_back(w);
  for (const auto w : d::kCriteria) words.push_back(w);
  for (const auto w : d::kRelatives) words.push_back(w);
  for (const auto w : words)
    for (const int how : {0, 1, 2}) {
      const std::string s = cased(w, how);
      CAPTURE(s);
      CHECK(d::kGoverningTable.lists_of(s) != 0);
      CHECK(d::kGoverningTable.lists_of(s) == lists_old(s));
      // (A byte that folds to no letter in the last place, a byte more or less: another word.)
      CHECK(d::kGoverningTable.lists_of(s.substr(0, s.size() - 1) + "[") == lists_old(s.substr(0, s.size() - 1) + "["));
      CHECK(d::kGoverningTable.lists_of(s + "@") == lists_old(s + "@"));
      CHECK(d::kGoverningTable.lists_of(s.substr(0, s.size() - 1)) == lists_old(s.substr(0, s.size() - 1)));
    }
  CHECK(d::kGoverningTable.lists_of("") == 0);
  CHECK(d::kGoverningTable.lists_of("diabetes") == 0);
}

TEST_CASE("governing table: on every span of the golden lines it answers as the three old tests") {
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  for (const char* line : {"Known allergy or Hypersensitivity to any ingredient, INTOLERANCE or contra-indication",
                           "CONTRAINDICATIONS for MRI; Allergic reaction; who, WHOM, Whose, whICH; Exclusion Criteria",
                           "planned SURGERY, Family history, awaiting transplant, stopped taking, QUIT smoking"})
    lines.emplace_back(line);
  const std::size_t golden = lines.size();
  for (std::size_t i = 0; i < golden; ++i) {
    std::string upper = lines[i];
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    lines.push_back(upper);
  }
  std::size_t spans = 0, in_lists = 0;
  for (const std::string& line : lines)
    for (std::size_t b = 0; b < line.size(); ++b)
      for (std::size_t n = 1; n <= 20 && b + n <= line.size(); ++n) {
        const std::string_view w = std::string_view(line).substr(b, n);
        const unsigned old = lists_old(w);
        ++spans;
        in_lists += old != 0 ? 1 : 0;
        if (d::kGoverningTable.lists_of(w) != old) {
          CAPTURE(w);
          CHECK(d::kGoverningTable.lists_of(w) == old);
        }
      }
  // (Spans of every kind were compared, words of the lists among them.)
  CHECK(spans > 1000000);
  CHECK(in_lists > 100);
}
