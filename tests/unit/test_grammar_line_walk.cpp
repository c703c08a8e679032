// line()'s walk of a line's tokens (lower_pieces.cpp): their kinds (the first piece's apart, as kinds_in's answer, and
// those around it), the words or fillers placed right before a measured name, and the first filler restating the other
// section. Whole lines whose trees hang on each of the walk's answers, read through the parser, against the trees
// bff6918 read before the walk took its present form (s36line). (The walk is a lambda inside line(): every form a test
// could call cost the parse 0.2-0.6 M a pass, so it is tested through the lines it reads; the golden files read it
// too.)
#include <doctest/doctest.h>

#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("Lines read by line()'s walk: sites, restated sections, a cohort heading, markers, no piece") {
  static const g::Parser parser(e::Lexicon::builtin());
  const auto read = [&](const std::string& line, g::CriterionSection section,
                        g::PeopleHeadings headings = g::PeopleHeadings::restate_the_population) {
    return e::to_canonical(parser.parse(line, section, headings).tree);
  };
  using S = g::CriterionSection;
  // (The trees main's binary reads, bff6918.)
  CHECK(read("Oral temperature > 38 degrees C or axillary temperature > 37 degrees C", S::exclusion) ==
        "any(all(text[not_understood] \"Oral\", cmp temperature > 38 Cel), all(text[not_understood] \"axillary\", "
        "cmp temperature > 37 Cel))");
  CHECK(read("1. Patients with HbA1c > 10% are excluded.", S::inclusion) ==
        "text[not_understood] \"Patients with HbA1c > 10% are excluded\"");
  CHECK(read("1. Patients with HbA1c > 10% are excluded.", S::exclusion) == "cmp hba1c > 10 %");
  CHECK(read("Smokers will be included", S::exclusion) == "text[not_understood] \"Smokers will be included\"");
  CHECK(read("Smokers will be included", S::inclusion) == "has smoking");
  // (A cohort heading, looked for only in a line with a colon, with the people word the line's start skipped.)
  CHECK(read("Children: i) age 6-12 years; ii) weight > 20 kg", S::inclusion, g::PeopleHeadings::name_cohorts) ==
        "if(text[not_understood] \"Children\", all(cmp age >= 6 a, cmp age <= 12 a, cmp body_weight > 20 kg))");
  CHECK(read("2. Healthy volunteers: age 18-65 years; BMI < 30.", S::exclusion) ==
        "if(text[not_understood] \"Healthy volunteers\", any(all(cmp age >= 18 a, cmp age <= 65 a), cmp bmi < 30 "
        "kg/m2))");
  // (Markers inside the line: the line's kinds say where the walk for them starts.)
  CHECK(read("a) age > 18 years. b) HbA1c < 7%", S::exclusion) == "any(cmp age > 18 a, cmp hba1c < 7 %)");
  // (No piece read: the line is text, made in the tree's place.)
  CHECK(read("Adults", S::inclusion) == "text[not_understood] \"Adults\"");
  CHECK(read("- Adults", S::exclusion) == "text[not_understood] \"- Adults\"");
}
