// The words of a lead-in that say it names an arm of the trial or a kind of participant (Lowering::names_cohort,
// lower_shared.cpp): an arm ("Cohort 1:", "Healthy volunteers:"), a criteria heading ("Inclusion criteria for
// carers:") and the words that leave it plain ("Key inclusion criteria:"), or one for everyone ("For both groups:").
// names_cohort asks every word of every lead-in before a colon of all four lists: one table holds them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>

#include "lower_kind_mask.hpp"
#include "lower_util.hpp"
#include "lower_word_table.hpp"
#include "tokens.hpp"
#include "trialmatch/engine/lexicon.hpp"

namespace trialmatch::grammar::detail {

inline constexpr std::string_view kCohortArms[] = {
    "cohort", "cohorts", "group", "groups", "subgroup", "subgroups", "arm", "arms", "part", "category",
    "substudy", "control", "controls", "volunteers", "caregivers", "carers", "parents", "families",
    "siblings", "staff", "residents", "clinicians", "facilitators"};
// "Patient Inclusion Criteria:", "Inclusion criteria for carers:": a criteria heading qualified by whom.
inline constexpr std::string_view kCriteriaHeadingWords[] = {"inclusion", "exclusion", "inclusions", "exclusions"};
inline constexpr std::string_view kPlainHeadingWords[] = {
    "criteria", "criterion", "key", "main", "general", "additional", "specific", "study", "other", "major",
    "eligibility", "the", "for", "of", "in", "and", "applicable", "to", "were", "are", "is", "as",
    "follows", "following", "listed", "below", "these", "this", "our"};
// "For both groups:", "In all categories:": for everyone, so no one arm.
inline constexpr std::string_view kEveryoneWords[] = {"both", "all", "each", "every"};

// The lists a word is in, as bits.
enum CohortList : unsigned { kArm = 1, kCriteriaHeading = 2, kPlain = 4, kEveryone = 8 };

// The four lists in one table (lower_word_table.hpp).
inline constexpr auto kCohortWordTable = [] {
  WordTable<std::size(kCohortArms) + std::size(kCriteriaHeadingWords) + std::size(kPlainHeadingWords) +
                std::size(kEveryoneWords),
            15>
      table;
  table.add(kCohortArms, kArm);
  table.add(kCriteriaHeadingWords, kCriteriaHeading);
  table.add(kPlainHeadingWords, kPlain);
  table.add(kEveryoneWords, kEveryone);
  table.finish();
  return table;
}();

// What the words of toks[b, c) say of the lead-in they make: `refused` where one is measured or names everyone
// (the lead-in names no arm then); else whether one names an arm, one a criteria heading, and one is in no list
// but those two (qualifies the heading).
struct CohortWords {
  bool refused = false, arm = false, criteria_heading = false, qualified = false;
};

// The token kinds whose words are looked up (a measured name refuses first).
inline constexpr std::uint64_t kCohortWordKinds =
    kinds_mask({Tok::word, Tok::filler, Tok::subject, Tok::guard, Tok::name});

inline CohortWords cohort_words(std::string_view text, std::span<const Token> toks, std::size_t b, std::size_t c) {
  CohortWords out;
  // (The tokens walked by pointer, to an end found once: the loop was two bounds and an index a token.)
  const std::size_t n = c < toks.size() ? c : toks.size();
  const Token* const end = toks.data() + n;
  for (const Token* t = toks.data() + (b < n ? b : n); t < end; ++t) {
    const auto kind = t->kind;
    if (!is_one_of(kCohortWordKinds, kind)) continue;
    if (kind == Tok::name && engine::is_measured(t->entry->kind)) return {true};
    const unsigned lists = kCohortWordTable.lists_of(std::string_view(text.data() + t->begin, t->end - t->begin));
    if (lists & kEveryone) return {true};
    out.arm = out.arm || (lists & kArm);
    if (lists & kCriteriaHeading) out.criteria_heading = true;
    else if (!(lists & kPlain)) out.qualified = true;
  }
  return out;
}

}  // namespace trialmatch::grammar::detail
