// The one-bit test of a word's first letter and length (grammar/src/lower_governing_words.hpp) that finish_items asks
// before its three word tests in the scan for a word that governs the events after it: it passes every word any of
// them passes (a relation head, "criteria", a relative), checked on every span of up to 20 bytes of the golden
// lines and on the lists' own words in three casings, and refuses most other words.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_governing_words.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "golden_support.hpp"

namespace d = trialmatch::grammar::detail;

namespace {

// The scan's three tests, as finish_items asks them of a word (the relative's by its own size and first byte).
bool governs(std::string_view w) {
  const bool relative = w.size() >= 3 && w.size() <= 5 && (w[0] | 0x20) == 'w' && d::one_of(w, d::kRelatives);
  return d::relation_head(w) || d::iequals(w, "criteria") || relative;
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

TEST_CASE("governing words: the first letter and length pass every word of the three lists, in any case") {
  std::vector<std::string_view> words;
  for (const auto w : d::kRelationHeads) words.push_back(w);
  for (const auto w : d::kCriteria) words.push_back(w);
  for (const auto w : d::kRelatives) words.push_back(w);
  for (const auto w : words)
    for (int how = 0; how < 3; ++how) {
      const std::string s = cased(w, how);
      CAPTURE(s);
      CHECK(governs(s));
      CHECK(d::kGoverningWords.may_be(s));
    }
  CHECK_FALSE(d::kGoverningWords.may_be(""));
  CHECK_FALSE(d::kGoverningWords.may_be("diabetes"));
  CHECK_FALSE(d::kGoverningWords.may_be("history"));
}

TEST_CASE("governing words: on every span of the golden lines, no word the scan's tests pass is refused") {
  // (Every golden file.)
  const auto lines = golden_support::criterion_lines({
      "ages_scales", "alternatives", "audit_s10", "audit_s11", "audit_s12", "audit_s13", "audit_s14",
      "audit_s15", "audit_s16", "audit_s17", "audit_s18", "audit_s19", "audit_s20", "audit_s21", "audit_s22",
      "audit_s23", "audit_s24", "bounds", "cohorts", "constructions", "counts", "dates", "frequencies",
      "headings_s12", "lct_registry", "lead_ins_s12", "lexicon3", "lines_s9", "measures", "measures_read",
      "measures_s9", "merge_s13", "merge_s14", "merge_s15", "partly", "reach_s10", "reach_s11", "reach_s12",
      "review_s10", "review_s9", "section_clash", "seeds", "spellings", "unlisted", "windows",
      "windows_context", "windows_s9"});
  REQUIRE(lines.size() > 1000);
  std::size_t spans = 0, governing = 0, passed = 0, wrong = 0;
  for (const std::string& line : lines)
    for (std::size_t i = 0; i < line.size(); ++i)
      for (std::size_t n = 0; n <= 20 && i + n <= line.size(); ++n) {
        const std::string_view w = std::string_view(line).substr(i, n);
        ++spans;
        const bool may = d::kGoverningWords.may_be(w);
        passed += may ? 1 : 0;
        if (governs(w)) {
          ++governing;
          if (!may) ++wrong;
        }
      }
  CAPTURE(spans);
  CHECK(wrong == 0);
  CHECK(governing > 100);          // the lines hold relation heads and relatives
  CHECK(passed * 10 < spans);      // and the test refuses most spans
}
