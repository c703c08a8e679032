// The trial index: a patient skips only trials whose own structured limit fails, and verdicts do not change.
#include <doctest/doctest.h>

#include <map>

#include "trialmatch/matcher/batch.hpp"
#include "trialmatch/matcher/library.hpp"

using namespace trialmatch;

namespace {

matcher::Trial limited(const std::string& id, std::optional<double> min_age, std::optional<double> max_age,
                       const char* sex, std::vector<std::string> inclusions) {
  matcher::Trial t;
  t.id = id;
  if (min_age) t.min_age = engine::Amount{*min_age, "a"};
  if (max_age) t.max_age = engine::Amount{*max_age, "a"};
  t.sex = sex;
  int n = 0;
  for (auto& text : inclusions) t.criteria.push_back({matcher::Section::inclusion, std::to_string(++n), text});
  t.criteria.push_back({matcher::Section::exclusion, "1", "Known HIV infection"});
  return t;
}

}  // namespace

TEST_CASE("the index decides every trial as a full match does, skipping only on a failing structured limit") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  std::vector<matcher::Trial> source;
  int id = 0;
  for (std::optional<double> min : {std::optional<double>{}, std::optional<double>{18}, std::optional<double>{2}})
    for (std::optional<double> max : {std::optional<double>{}, std::optional<double>{17}, std::optional<double>{75}})
      for (const char* sex : {"all", "female", "male"})
        for (const char* lab : {"Hemoglobin ≥ 9 g/dL", "Age ≥ 16 years", "Willing to comply with the study visits"})
          source.push_back(limited("T" + std::to_string(++id), min, max, sex, {lab}));
  const auto trials = matcher::compile_all(source, parser, lexicon, 2);
  const matcher::TrialIndex index(trials);
  CHECK(index.group_count() == 27);

  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  std::size_t skipped = 0;
  for (const char* birth : {"2019-01-01", "2008-06-01", "1990-01-01", "1940-01-01", ""}) {
    for (const char* sex : {"female", "male", ""}) {
      engine::Patient p;
      p.id = std::string(birth) + sex;
      if (*birth) p.birth_date = engine::parse_date(birth);
      p.sex = sex;
      CAPTURE(p.id);
      std::map<std::string, const matcher::TrialResult*> full;
      const auto all = matcher::match_all(p, trials, lexicon, o, matcher::Detail::shown);
      for (const auto& r : all) full[r.trial->trial.id] = &r;
      const auto fast = index.match(p, lexicon, o, matcher::Detail::shown);
      REQUIRE(fast.size() == all.size());
      for (const auto& r : fast) {
        CAPTURE(r.trial->trial.id);
        const auto& expected = *full.at(r.trial->trial.id);
        CHECK(r.verdict == expected.verdict);
        CHECK(r.screened_out == (r.criteria.size() < expected.criteria.size()));
        if (r.criteria.size() < expected.criteria.size()) {
          ++skipped;
          // Skipped: ineligible, and a structured criterion of its own says why, with evidence.
          REQUIRE(r.verdict == matcher::Verdict::ineligible);
          bool shown = false;
          for (const auto& c : r.criteria) {
            CHECK(c.criterion->structured);
            CHECK(c.criterion.trial() == r.trial);
            CHECK(c.criterion.index() < r.trial->criteria.size());
            if (c.outcome == matcher::Outcome::fail) shown = shown || !c.evaluation.evidence.empty();
          }
          CHECK(shown);
        }
      }
      // Same order as a full match: verdicts line up one by one.
      for (std::size_t i = 0; i < all.size(); ++i) CHECK(fast[i].verdict == all[i].verdict);
      // On two threads: the same results in the same order.
      const auto two = index.match(p, lexicon, o, matcher::Detail::shown, 2);
      REQUIRE(two.size() == fast.size());
      for (std::size_t i = 0; i < two.size(); ++i) {
        CHECK(two[i].trial == fast[i].trial);
        CHECK(two[i].criteria.size() == fast[i].criteria.size());
      }
      // Verdicts alone, in the trials' order: the full match's verdicts; counts too where not screened out.
      const engine::PatientFacts facts(p, lexicon, o.as_of);
      for (unsigned jobs : {1u, 2u}) {
        const auto screened = index.screen(p, lexicon, o, jobs);
        REQUIRE(screened.size() == trials.size());
        for (std::size_t i = 0; i < trials.size(); ++i) {
          CAPTURE(trials[i].trial.id);
          const auto& expected = *full.at(trials[i].trial.id);
          CHECK(screened[i].verdict == expected.verdict);
          const auto alone = matcher::screen_trial(facts, trials[i], o);
          CHECK(alone.verdict == expected.verdict);
          CHECK(alone.failures == expected.failures);
          CHECK(alone.unknowns == expected.unknowns);
        }
      }
    }
  }
  CHECK(skipped > 100);
}

TEST_CASE("the index orders results exactly as match_all, repeated ids and unknown counts included") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  std::vector<matcher::Trial> source;
  const std::vector<std::vector<std::string>> criteria{
      {"Hemoglobin ≥ 9 g/dL"}, {"Hemoglobin ≥ 9 g/dL", "Platelet count ≥ 100 × 10^9/L"}, {"Age ≥ 16 years"},
      {"Willing to comply with the study visits"}, {"ECOG performance status ≤ 1", "Hemoglobin ≥ 9 g/dL", "ALT ≤ 3 × ULN"}};
  for (int i = 0; i < 60; ++i)
    source.push_back(limited("T" + std::to_string((i * 7) % 23), i % 3 ? std::optional<double>{18} : std::nullopt,
                             std::nullopt, i % 5 ? "all" : "male", criteria[i % criteria.size()]));
  const auto trials = matcher::compile_all(source, parser, lexicon, 2);
  const matcher::TrialIndex index(trials);
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  for (const char* birth : {"2019-01-01", "1990-01-01", ""}) {
    engine::Patient p;
    if (*birth) p.birth_date = engine::parse_date(birth);
    p.sex = "female";
    const auto all = matcher::match_all(p, trials, lexicon, o, matcher::Detail::none);
    for (unsigned jobs : {1u, 2u}) {
      const auto fast = index.match(p, lexicon, o, matcher::Detail::none, jobs);
      REQUIRE(fast.size() == all.size());
      for (std::size_t i = 0; i < all.size(); ++i) {
        CAPTURE(i);
        CHECK(fast[i].trial == all[i].trial);
        CHECK(fast[i].verdict == all[i].verdict);
        if (all[i].verdict == matcher::Verdict::needs_review) CHECK(fast[i].unknowns == all[i].unknowns);
      }
    }
  }
}
