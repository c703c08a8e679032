// Guards read by section: an `if` in an inclusion, a conjunct in an exclusion.
#include <doctest/doctest.h>

#include "trialmatch/grammar/parser.hpp"

using namespace trialmatch;

namespace {
std::string tree_of(std::string_view line, grammar::CriterionSection section) {
  const grammar::Parser parser(engine::Lexicon::builtin());
  return engine::to_canonical(parser.parse(line, section).tree);
}
}  // namespace

TEST_CASE("a guarded exclusion excludes only those the guard covers") {
  const std::string line = "Creatinine > 1.5 mg/dL for subjects ≥ 18 years of age";
  CHECK(tree_of(line, grammar::CriterionSection::inclusion) == "if(cmp age >= 18 a, cmp creatinine > 1.5 mg/dL)");
  CHECK(tree_of(line, grammar::CriterionSection::exclusion) == "all(cmp age >= 18 a, cmp creatinine > 1.5 mg/dL)");
}

TEST_CASE("complementary guards in an exclusion: either part excludes") {
  const std::string line =
      "Karnofsky performance status <70 for subjects ≥16 years of age; Lansky performance status <70 for subjects <16 years of age";
  CHECK(tree_of(line, grammar::CriterionSection::inclusion) ==
        "all(if(cmp age >= 16 a, cmp karnofsky < 70 1), if(cmp age < 16 a, cmp lansky < 70 1))");
  CHECK(tree_of(line, grammar::CriterionSection::exclusion) ==
        "any(all(cmp age >= 16 a, cmp karnofsky < 70 1), all(cmp age < 16 a, cmp lansky < 70 1))");
}
