// Verdicts, outcomes and ordering (docs/contract-reports.md), on hand-built trials.
#include <doctest/doctest.h>

#include "trialmatch/matcher/match.hpp"

using namespace trialmatch;
using engine::Truth;
using matcher::Outcome;
using matcher::Section;
using matcher::Verdict;

namespace {

engine::Evaluation truth(Truth t, bool judgement = false) {
  engine::Evaluation e;
  e.truth = t;
  e.judgement = judgement;
  return e;
}

engine::Node age_at_least(double years) {
  engine::Cmp c;
  c.var = "age";
  c.cmp = engine::Comparator::ge;
  c.value = years;
  c.unit = "a";
  return engine::Node{c, {}};
}

engine::Node has(const char* concept_id) {
  engine::Has h;
  h.concept_id = concept_id;
  return engine::Node{h, {}};
}

matcher::CompiledTrial trial(const char* id, std::vector<std::pair<Section, engine::Node>> criteria) {
  matcher::CompiledTrial t;
  t.trial.id = id;
  int n = 0;
  for (auto& [section, tree] : criteria) {
    matcher::CompiledCriterion c;
    c.criterion.section = section;
    c.criterion.number = std::to_string(++n);
    c.tree = std::move(tree);
    t.criteria.push_back(std::move(c));
  }
  return t;
}

engine::Patient patient_aged(int years) {
  engine::Patient p;
  p.id = "P";
  p.age = engine::Amount{static_cast<double>(years), "a"};
  return p;
}

engine::EvalOptions options() {
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  return o;
}

}  // namespace

TEST_CASE("outcome follows the section: inclusion true passes, exclusion true fails") {
  CHECK(outcome_of(Section::inclusion, truth(Truth::true_)) == Outcome::pass);
  CHECK(outcome_of(Section::inclusion, truth(Truth::false_)) == Outcome::fail);
  CHECK(outcome_of(Section::exclusion, truth(Truth::true_)) == Outcome::fail);
  CHECK(outcome_of(Section::exclusion, truth(Truth::false_)) == Outcome::pass);
  CHECK(outcome_of(Section::inclusion, truth(Truth::unknown)) == Outcome::unknown);
  CHECK(outcome_of(Section::exclusion, truth(Truth::unknown)) == Outcome::unknown);
  CHECK(outcome_of(Section::inclusion, truth(Truth::unknown, true)) == Outcome::to_confirm);
  CHECK(outcome_of(Section::exclusion, truth(Truth::unknown, true)) == Outcome::to_confirm);
}

TEST_CASE("structured age and sex limits become criteria of their own, first") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  matcher::Trial t;
  t.id = "NCT00000001";
  t.min_age = engine::Amount{3, "a"};
  t.max_age = engine::Amount{35, "a"};
  t.sex = "female";
  const auto compiled = matcher::compile(t, parser, lexicon);
  REQUIRE(compiled.criteria.size() == 3);
  CHECK(compiled.criteria[0].criterion.number == "min_age");
  CHECK(engine::to_canonical(compiled.criteria[0].tree) == "cmp age >= 3 a");
  CHECK(engine::to_canonical(compiled.criteria[1].tree) == "cmp age <= 35 a");
  CHECK(engine::to_canonical(compiled.criteria[2].tree) == "sex female");
  CHECK(compiled.criteria[2].structured);

  auto male = patient_aged(20);
  male.sex = "male";
  const auto result = matcher::match_trial(male, compiled, lexicon, options());
  CHECK(result.verdict == Verdict::ineligible);
  CHECK(result.criteria[2].outcome == Outcome::fail);
}

TEST_CASE("verdicts: any failure is ineligible; unknowns need review; to_confirm alone is eligible") {
  const auto& lexicon = engine::Lexicon::builtin();
  const auto young = patient_aged(10);
  SUBCASE("an inclusion failing alone") {
    const auto t = trial("T", {{Section::inclusion, age_at_least(18)}});
    CHECK(matcher::match_trial(young, t, lexicon, options()).verdict == Verdict::ineligible);
  }
  SUBCASE("an unknown lab makes needs_review") {
    engine::Cmp alt;
    alt.var = "alt";
    alt.cmp = engine::Comparator::le;
    alt.value = 3;
    alt.relative_to = engine::RelativeTo::uln;
    const auto t = trial("T", {{Section::inclusion, age_at_least(5)}, {Section::inclusion, engine::Node{alt, {}}}});
    const auto r = matcher::match_trial(young, t, lexicon, options());
    CHECK(r.verdict == Verdict::needs_review);
    CHECK(r.unknowns == 1);
  }
  SUBCASE("a judgement-only criterion does not stop eligibility") {
    const auto t = trial("T", {{Section::inclusion, age_at_least(5)},
                               {Section::inclusion, engine::make_text("Willing to comply", engine::TextReason::judgement)}});
    const auto r = matcher::match_trial(young, t, lexicon, options());
    CHECK(r.criteria[1].outcome == Outcome::to_confirm);
    CHECK(r.verdict == Verdict::eligible);
  }
  SUBCASE("an exclusion firing alone") {
    engine::Patient p = young;
    engine::Event e;
    e.kind = engine::EventKind::condition;
    e.concept_id = "hiv_infection";
    e.status = "active";
    p.events.push_back(e);
    const auto t = trial("T", {{Section::exclusion, has("hiv_infection")}});
    CHECK(matcher::match_trial(p, t, lexicon, options()).verdict == Verdict::ineligible);
    CHECK(matcher::match_trial(young, t, lexicon, options()).verdict == Verdict::eligible);
  }
}

TEST_CASE("results are ordered eligible, needs_review by fewest unknowns, ineligible; ties by id") {
  const auto& lexicon = engine::Lexicon::builtin();
  const auto p = patient_aged(40);
  engine::Cmp lvef;
  lvef.var = "lvef";
  lvef.cmp = engine::Comparator::ge;
  lvef.value = 50;
  lvef.unit = "%";
  const engine::Node unknown{lvef, {}};
  std::vector<matcher::CompiledTrial> trials;
  trials.push_back(trial("Z-ineligible", {{Section::inclusion, age_at_least(65)}}));
  trials.push_back(trial("Y-two-unknowns", {{Section::inclusion, unknown}, {Section::inclusion, unknown}}));
  trials.push_back(trial("X-one-unknown", {{Section::inclusion, unknown}}));
  trials.push_back(trial("B-eligible", {{Section::inclusion, age_at_least(18)}}));
  trials.push_back(trial("A-eligible", {{Section::inclusion, age_at_least(18)}}));
  const auto results = matcher::match_all(p, trials, lexicon, options());
  std::vector<std::string> order;
  for (const auto& r : results) order.push_back(r.trial->trial.id);
  CHECK(order == std::vector<std::string>{"A-eligible", "B-eligible", "X-one-unknown", "Y-two-unknowns", "Z-ineligible"});
}
