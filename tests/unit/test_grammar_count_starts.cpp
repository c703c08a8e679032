// count_at (lower_counts.cpp) is asked by counted and count_lists_kinds only at a token that may start a count
// (may_start_count): a number, or a comparator, "only", "minimum" or "exactly" with the count's number right after it
// inside the piece. The lines below start their count at each of these (and count_lists_kinds' kinds in parentheses):
// a guard that refused too much leaves one of them as text or reads it another way.
#include <doctest/doctest.h>

#include <string>

#include "reads_as_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("count starts: a count read at each token that may start one") {
  const reads_as::LineTree cases[] = {
      // At a comparator, the number after it.
      {"at least 2 of the following criteria:", R"x(cmp "… of the following criteria" >= 2 ?)x"},
      {"≥2 of 6 criteria", R"x(cmp "… of 6 criteria" >= 2 ?)x"},
      {"at least one lesion (lung, liver or bone)", R"x(cmp "… lesion (lung, liver or bone)" >= 1 ?)x"},
      // At "only", "exactly" and "minimum", the number (spelled or not) right after the word.
      {"Patient previously treated with only one cytokine", R"x(cmp "previously treated … cytokine" == 1 ?)x"},
      {"Only 1 prior line of therapy", R"x(cmp "… prior line of therapy" == 1 ?)x"},
      {"exactly two prior regimens", R"x(cmp "… prior regimens" == 2 ?)x"},
      {"Minimum three prior lines of therapy", R"x(cmp "… lines of therapy" >= 3 ?)x"},
      // At the number itself (count_lists_kinds: the kinds listed in parentheses).
      {"one or more symptoms (cough, fever)", R"x(cmp "… symptoms (cough, fever)" >= 1 ?)x"},
      {"two or more of the following SIRS criteria:", R"x(cmp "… of the following SIRS criteria" >= 2 ?)x"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  reads_as::check(parser, cases);
}
