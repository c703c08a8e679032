// The words of a lead-in names_cohort asks of (grammar/src/lower_cohort_words.hpp): one table of the four lists with
// a byte compare folded by the 0x20 bit, against names_cohort's old scan (four WordLists and iequals), kept here as
// the oracle, on every span of every golden line and on lines made of every entry in each case.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_cohort_words.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;
namespace d = trialmatch::grammar::detail;

namespace {

// names_cohort's scan of its words before the table (the oracle), its lists as they were written there.
d::CohortWords cohort_words_old(std::string_view text, const std::vector<g::Token>& toks, std::size_t b,
                                std::size_t c) {
  static constexpr std::string_view arms[] = {
      "cohort", "cohorts", "group", "groups", "subgroup", "subgroups", "arm", "arms", "part", "category",
      "substudy", "control", "controls", "volunteers", "caregivers", "carers", "parents", "families",
      "siblings", "staff", "residents", "clinicians", "facilitators"};
  static constexpr std::string_view criteria_words[] = {"inclusion", "exclusion", "inclusions", "exclusions"};
  static constexpr std::string_view plain[] = {
      "criteria", "criterion", "key", "main", "general", "additional", "specific", "study", "other", "major",
      "eligibility", "the", "for", "of", "in", "and", "applicable", "to", "were", "are", "is", "as",
      "follows", "following", "listed", "below", "these", "this", "our"};
  static constexpr d::WordList arm_list(arms);
  static constexpr d::WordList criteria_list(criteria_words);
  static constexpr d::WordList plain_list(plain);
  using g::Tok;
  d::CohortWords out;
  for (std::size_t k = b; k < c && k < toks.size(); ++k) {
    if (toks[k].kind == Tok::name && e::is_measured(toks[k].entry->kind)) return {true};
    const auto kind = toks[k].kind;
    if (kind != Tok::word && kind != Tok::filler && kind != Tok::subject && kind != Tok::guard && kind != Tok::name)
      continue;
    const std::string_view w = text.substr(toks[k].begin, toks[k].end - toks[k].begin);
    if (d::iequals(w, "both") || d::iequals(w, "all") || d::iequals(w, "each") || d::iequals(w, "every")) return {true};
    out.arm = out.arm || arm_list.contains(w);
    if (criteria_list.contains(w)) out.criteria_heading = true;
    else if (!plain_list.contains(w)) out.qualified = true;
  }
  return out;
}

std::string described(const d::CohortWords& w) {
  return std::string(w.refused ? "refused" : "") + (w.arm ? " arm" : "") + (w.criteria_heading ? " criteria" : "") +
         (w.qualified ? " qualified" : "");
}

struct Counts {
  int spans = 0, arms = 0, headings = 0, refused = 0;
};

// Every span of up to 16 tokens of the line: the table's scan against the old one.
void check_line(const std::string& text, Counts& counts) {
  const std::vector<g::Token> tokens = g::tokenize(text, e::Lexicon::builtin());
  for (std::size_t b = 0; b < tokens.size(); ++b)
    for (std::size_t c = b + 1; c <= tokens.size() && c <= b + 16; ++c) {
      const d::CohortWords fast = d::cohort_words(text, tokens, b, c), old = cohort_words_old(text, tokens, b, c);
      CAPTURE(text);
      CAPTURE(b);
      CAPTURE(c);
      CHECK(described(fast) == described(old));
      ++counts.spans;
      counts.arms += old.arm && !old.refused ? 1 : 0;
      counts.headings += old.criteria_heading && !old.refused ? 1 : 0;
      counts.refused += old.refused ? 1 : 0;
    }
}

std::string cased(std::string_view w, int how) {
  std::string out(w);
  for (std::size_t i = 0; i < out.size(); ++i)
    if (how == 1 || (how == 2 && i == 0)) out[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i])));
  return out;
}

}  // namespace

TEST_CASE("cohort words: every entry of the four lists, in any case, is in its list and in no other") {
  const auto check_list = [](auto& list, unsigned bit) {
    for (const std::string_view w : list)
      for (const int how : {0, 1, 2}) {
        const std::string word = cased(w, how);
        CAPTURE(word);
        CHECK(d::kCohortWordTable.lists_of(word) == bit);
        // (A byte that is no letter where the entry has one, or a byte more or less, is another word.)
        CHECK(d::kCohortWordTable.lists_of(word.substr(0, word.size() - 1) + "@") == 0);
        CHECK(d::kCohortWordTable.lists_of(word.substr(0, word.size() - 1) + "[") == 0);
      }
  };
  check_list(d::kCohortArms, d::kArm);
  check_list(d::kCriteriaHeadingWords, d::kCriteriaHeading);
  check_list(d::kPlainHeadingWords, d::kPlain);
  check_list(d::kEveryoneWords, d::kEveryone);
  CHECK(d::kCohortWordTable.lists_of("") == 0);
  CHECK(d::kCohortWordTable.lists_of("cOHORt") == d::kArm);
  CHECK(d::kCohortWordTable.lists_of("c0hort") == 0);
  CHECK(d::kCohortWordTable.lists_of("Cohort\x80") == 0);
}

TEST_CASE("cohort words: on every span of the golden lines and of headings, the table reads as the four lists did") {
  Counts counts;
  // Headings in every case, with the words of every list, a measure, and words of everyone.
  const char* written_for[] = {
      "Cohort 1: adults with asthma", "COHORT A: Healthy volunteers", "Part B (Substudy): caregivers of patients",
      "Inclusion Criteria for caregivers: age >= 18", "KEY INCLUSION CRITERIA: Patients", "Patient Inclusion Criteria:",
      "Exclusion criteria for MRI: none", "Key exclusions (main study): any", "For both groups: age 18-65",
      "In all categories: adults", "Each arm: women", "EVERY cohort: men", "Age group: 18-40",
      "Eligibility criteria applicable to the control arm: none", "Residents and clinicians as follows:",
      "Families, siblings, parents and staff listed below:", "Facilitators of our other major study are:",
      "Additional specific general criterion of these subgroups were:", "Hemoglobin group: above 10",
      "Inclusions/Exclusions: see below", "Controls (arms 1-2): healthy", "Carers or volunteers in the study:"};
  for (const char* line : written_for) {
    check_line(line, counts);
    std::string upper(line), lower(line);
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    check_line(upper, counts);
    check_line(lower, counts);
  }
  for (const std::string& line : golden_support::all_criterion_lines()) check_line(line, counts);
  // (The spans read arms, headings and refusals, not only words in no list.)
  CHECK(counts.spans > 50000);
  CHECK(counts.arms > 1000);
  CHECK(counts.headings > 200);
  CHECK(counts.refused > 1000);
}
