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
            // Its own criterion, or the same criterion of the trial whose results its group shares.
            REQUIRE(c.criterion.index() < r.trial->criteria.size());
            const auto& own = r.trial->criteria[c.criterion.index()];
            CHECK(c.criterion->criterion.text == own.criterion.text);
            CHECK(c.criterion->criterion.number == own.criterion.number);
            CHECK((c.criterion.trial() == r.trial || r.criteria.is_shared()));
            if (c.outcome == matcher::Outcome::fail) shown = shown || !c.evaluation().evidence.empty();
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

TEST_CASE("skipped trials of a group share one list of limit results, unless their limits read otherwise") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  std::vector<matcher::Trial> source;
  for (int i = 0; i < 4; ++i) source.push_back(limited("S" + std::to_string(i), 18, std::nullopt, "all", {"Hemoglobin ≥ 9 g/dL"}));
  auto trials = matcher::compile_all(source, parser, lexicon, 1);
  // The last trial's structured limit worded otherwise (as a library made elsewhere might): same tree, so
  // the same group, but its report must show its own words.
  {
    std::vector<matcher::CompiledCriterion> items(trials[3].criteria.begin(), trials[3].criteria.end());
    REQUIRE(items.front().structured);
    items.front().criterion.text = "Aged 18 or over (worded otherwise)";
    trials[3].criteria = matcher::CriterionList(std::move(items));
    matcher::bind(trials[3], lexicon);
  }
  const matcher::TrialIndex index(trials);
  CHECK(index.group_count() == 1);
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  engine::Patient child;
  child.birth_date = engine::parse_date("2019-01-01");
  for (unsigned jobs : {1u, 2u}) {
    const auto results = index.match(child, lexicon, o, matcher::Detail::shown, jobs);
    const auto full = matcher::match_all(child, trials, lexicon, o, matcher::Detail::shown);
    REQUIRE(results.size() == 4);
    std::map<std::string, const matcher::TrialResult*> by_id;
    for (const auto& r : results) by_id[r.trial->trial.id] = &r;
    for (const auto& r : full) {
      CAPTURE(r.trial->trial.id);
      const matcher::TrialResult& fast = *by_id.at(r.trial->trial.id);
      REQUIRE(fast.screened_out);
      REQUIRE(fast.criteria.size() == 1);
      // What a report reads of the limit: the trial's own words, outcome and evidence, as a full match gives.
      const auto& shown = fast.criteria[0];
      CHECK(shown.criterion->criterion.text == r.criteria[0].criterion->criterion.text);
      CHECK(shown.outcome == r.criteria[0].outcome);
      REQUIRE(shown.evaluation().evidence.size() == r.criteria[0].evaluation().evidence.size());
      CHECK(shown.evaluation().evidence[0].fact == r.criteria[0].evaluation().evidence[0].fact);
    }
    // The first three share one list (no copy per trial); the one worded otherwise has its own.
    CHECK(by_id.at("S0")->criteria.is_shared());
    CHECK(&by_id.at("S1")->criteria.list() == &by_id.at("S0")->criteria.list());
    CHECK(&by_id.at("S2")->criteria.list() == &by_id.at("S0")->criteria.list());
    CHECK_FALSE(by_id.at("S3")->criteria.is_shared());
    CHECK(by_id.at("S3")->criteria[0].criterion.trial() == by_id.at("S3")->trial);
    CHECK(by_id.at("S3")->criteria[0].criterion->criterion.text == "Aged 18 or over (worded otherwise)");
  }
}

TEST_CASE("a shared list of criterion results is copied before it is changed") {
  auto list = std::make_shared<std::vector<matcher::CriterionResult>>(2);
  (*list)[0].outcome = matcher::Outcome::fail;
  matcher::CriterionResults a = matcher::CriterionResults::shared(list);
  matcher::CriterionResults b = a;
  CHECK(&a.list() == &b.list());
  CHECK(b[1].outcome == matcher::Outcome::unknown);  // reading never copies
  CHECK(b.is_shared());
  b.own()[1].outcome = matcher::Outcome::pass;  // b gets its own copy
  CHECK_FALSE(b.is_shared());
  CHECK(b.size() == 2);
  CHECK(b[0].outcome == matcher::Outcome::fail);
  CHECK(b[1].outcome == matcher::Outcome::pass);
  CHECK(a[1].outcome == matcher::Outcome::unknown);
  CHECK(a.is_shared());
}
