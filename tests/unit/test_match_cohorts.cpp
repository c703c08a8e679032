// Lead-ins naming groups of people (grammar::PeopleHeadings, matcher::parse_criteria): a trial naming two or more
// groups reads each group's lines as that group's; a trial naming one restates whom it takes.
#include <doctest/doctest.h>

#include "trialmatch/engine/predicate_json.hpp"
#include "trialmatch/matcher/match.hpp"

using namespace trialmatch;
using matcher::Section;

namespace {

const grammar::Parser& parser() {
  static const grammar::Parser p(engine::Lexicon::builtin());
  return p;
}

matcher::Trial trial_of(std::vector<std::pair<Section, std::string>> lines) {
  matcher::Trial t;
  t.id = "T-COHORTS";
  int n = 0;
  for (auto& [section, text] : lines) t.criteria.push_back({section, std::to_string(++n), std::move(text)});
  return t;
}

std::vector<std::string> trees(const matcher::Trial& t) {
  std::vector<std::string> out;
  for (const auto& p : matcher::parse_criteria(t, parser())) out.push_back(engine::to_canonical(p.tree));
  return out;
}

}  // namespace

TEST_CASE("a lead-in's people heading: its words less criteria words, generic words and a plural s") {
  const auto heading = [](const char* line) { return parser().parse(line, grammar::CriterionSection::inclusion).people_heading; };
  CHECK(heading("Children: age 6 to 12 years") == "children");
  CHECK(heading("Healthy children: age 6 to 12 years") == "healthy children");
  CHECK(heading("Kidney donors: age 18-60") == "kidney donor");
  CHECK(heading("Adult patients: age 18-60") == "adult");
  CHECK(heading("Adults: age 18-60") == "adult");
  CHECK(heading("Patients: age 18-60") == "participants");
  CHECK(heading("Inclusion criteria for participants: age 18-60") == "participants");
  CHECK(heading("Women: age 45-65") == "women");
  CHECK(heading("Controls only: no psychiatric disorder") == "control");
  // Not people: a topic, a measure, everyone, no colon, nothing after it.
  CHECK(heading("Hematology: ANC >= 1500/mm3").empty());
  CHECK(heading("Renal function: creatinine <= 1.5 mg/dL").empty());
  CHECK(heading("All participants: age 18-65").empty());
  CHECK(heading("For both groups: age 18-65").empty());
  CHECK(heading("Patients with diabetes: HbA1c < 9%").empty());
  CHECK(heading("Children aged 6 to 12 years").empty());
  CHECK(heading("Children:").empty());
}

TEST_CASE("two groups named: each group's lines are for that group only") {
  const auto t = trial_of({{Section::inclusion, "Donors: age 18 to 60 years"},
                           {Section::inclusion, "Recipients: age 18 to 70 years"},
                           {Section::exclusion, "Donors: diabetes"},
                           {Section::inclusion, "Age 18 years or older"}});
  const auto got = trees(t);
  REQUIRE(got.size() == 4);
  CHECK(got[0] == "if(text[not_understood] \"Donors\", all(cmp age >= 18 a, cmp age <= 60 a))");
  CHECK(got[1] == "if(text[not_understood] \"Recipients\", all(cmp age >= 18 a, cmp age <= 70 a))");
  // (In an exclusion the cohort is one more condition: a donor with diabetes.)
  CHECK(got[2] == "all(text[not_understood] \"Donors\", has diabetes_mellitus)");
  CHECK(got[3] == "cmp age >= 18 a");  // a line with no lead-in is everyone's
}

TEST_CASE("a generic group beside a named one is a group too (patients beside healthy volunteers)") {
  const auto got = trees(trial_of({{Section::inclusion, "Patients: age 50 years or older"},
                                   {Section::inclusion, "Healthy volunteers: age 50 years or older"}}));
  REQUIRE(got.size() == 2);
  CHECK(got[0] == "if(text[not_understood] \"Patients\", cmp age >= 50 a)");
}

TEST_CASE("one group named, or generic words only: the lead-in restates whom the trial takes") {
  const auto one = trees(trial_of({{Section::inclusion, "Adults: age 18 to 60 years"},
                                   {Section::exclusion, "Adult patients: diabetes"}}));
  REQUIRE(one.size() == 2);
  CHECK(one[0] == "all(cmp age >= 18 a, cmp age <= 60 a)");
  CHECK(one[1] == "has diabetes_mellitus");
  const auto generic = trees(trial_of({{Section::inclusion, "Patients: age 18 to 60 years"},
                                       {Section::inclusion, "Participants: no diabetes"}}));
  REQUIRE(generic.size() == 2);
  CHECK(generic[0] == "all(cmp age >= 18 a, cmp age <= 60 a)");
  CHECK(generic[1] == "not(has diabetes_mellitus)");
}
