// Counts of things and times kept up in an activity, read from criterion text (lower_counts.cpp,
// lower_ability.cpp) and evaluated: the number and its direction are typed, the thing counted is not in
// any record, so the criterion is unknown in either section and a person decides.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"
#include "trialmatch/grammar/parser.hpp"

using namespace trialmatch;
using namespace trialmatch::engine::testing;

namespace {
engine::Node tree_of(std::string_view line, grammar::CriterionSection section) {
  const grammar::Parser parser(engine::Lexicon::builtin());
  return parser.parse(line, section).tree;
}
}  // namespace

TEST_CASE("a count or an activity's time is typed, and always unknown against a record") {
  const engine::Patient p = native({{"id", "P-C"}, {"sex", "female"}, {"birth_date", "1970-01-01"}});
  for (const char* line : {"At least one measurable lesion as per RECIST v1.1",
                           "two or more of the following SIRS criteria:",
                           "Patient previously treated with only one cytokine",
                           "unable to sit in a chair without armrests for 2 hours",
                           "Failed 3 months of conservative treatment"}) {
    for (auto section : {grammar::CriterionSection::inclusion, grammar::CriterionSection::exclusion}) {
      CAPTURE(line);
      const engine::Node n = tree_of(line, section);
      CHECK(engine::fully_typed(n));
      CHECK(engine::has_unlisted(n));
      // Unknown whichever way round: an exclusion's negation of it is unknown too, never a verdict.
      CHECK(eval(n, p).truth == U);
      CHECK(eval(engine::make_not(n), p).truth == U);
    }
  }
}

TEST_CASE("a count's direction is the text's") {
  auto canonical = [](std::string_view line) {
    return engine::to_canonical(tree_of(line, grammar::CriterionSection::inclusion));
  };
  // (A count has no unit: "?".)
  CHECK(canonical("only one prior regimen") == "cmp \"… prior regimen\" == 1 ?");
  CHECK(canonical("minimum three atraumatic dislocations") == "cmp \"… atraumatic dislocations\" >= 3 ?");
  // ("One of the following:" announces alternatives, lower_lead_ins.cpp; with no items after it, a person reads it.)
  CHECK(canonical("one of the following:") == "text[not_understood] \"one of the following\"");
  CHECK(canonical("at least two of the symptoms") == "cmp \"… of the symptoms\" >= 2 ?");
  CHECK(canonical("no more than two regimens") == "cmp \"… regimens\" <= 2 ?");
}

TEST_CASE("an inability is less than the time the activity asks; an ability that time or more") {
  auto canonical = [](std::string_view line) {
    return engine::to_canonical(tree_of(line, grammar::CriterionSection::exclusion));
  };
  CHECK(canonical("unable to sit for 2 hours") == "cmp \"sit\" < 2 h");
  CHECK(canonical("Inability to lie flat for up to 1 hour") == "cmp \"lie flat\" < 1 h");
  CHECK(canonical("unable to walk for more than 10 minutes") == "cmp \"walk\" <= 10 min");
  CHECK(canonical("able to walk for at least 5 minutes") == "cmp \"walk\" >= 5 min");
  CHECK(canonical("able to stand for 20 minutes") == "cmp \"stand\" >= 20 min");
  // A range asks which end? And another judgement beside it leaves the piece to a person.
  CHECK(canonical("unable to stand for 15-20 minutes").rfind("text[", 0) == 0);
  CHECK(canonical("unable or unwilling to stand for 20 minutes").rfind("text[judgement]", 0) == 0);
}

TEST_CASE("the kinds listed after a count are what it counts, never a list required together") {
  // Read as a list, an inclusion would require fever and weight loss both: a wrong "ineligible".
  const engine::Patient p = native({{"id", "P-K"}, {"sex", "male"}, {"birth_date", "1960-01-01"}});
  for (auto section : {grammar::CriterionSection::inclusion, grammar::CriterionSection::exclusion}) {
    const engine::Node n =
        tree_of("one or more clinical symptoms (persistent cough, weight loss, fever and dyspnea) for ≥3 months", section);
    CHECK(engine::to_canonical(n).find("has ") == std::string::npos);
    CHECK(eval(n, p).truth == U);
  }
}
