// Parallel batch matching: any number of jobs gives the same results in the same order.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "trialmatch/matcher/batch.hpp"
#include "trialmatch/matcher/library.hpp"
#include "trialmatch/matcher/patients.hpp"

using namespace trialmatch;

namespace {

// A patient's whole result, as a report would show it.
std::string render(const engine::Patient& patient, const std::vector<matcher::CompiledTrial>& trials) {
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  std::string out = patient.id + "\n";
  for (const auto& r : matcher::match_all(patient, trials, engine::Lexicon::builtin(), o)) {
    out += r.trial->trial.id + " " + matcher::to_string(r.verdict) + "\n";
    for (const auto& c : r.criteria)
      for (const auto& e : c.evaluation().evidence) out += "  " + e.var + " " + e.fact + " " + e.threshold + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("ordered_pipeline consumes every index once, in order, for any number of jobs") {
  for (unsigned jobs : {1u, 2u, 3u, 8u}) {
    for (std::size_t window : {1u, 2u, 7u, 256u}) {
      CAPTURE(jobs);
      CAPTURE(window);
      std::vector<std::size_t> seen;
      matcher::ordered_pipeline(
          1000, jobs, [](std::size_t i) { return i * i; },
          [&](std::size_t i, std::size_t&& square) {
            CHECK(square == i * i);
            seen.push_back(i);
          },
          window);
      REQUIRE(seen.size() == 1000);
      for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i);
    }
  }
}

TEST_CASE("a failing work item stops the batch and its exception reaches the caller") {
  std::atomic<int> consumed{0};
  auto produce = [](std::size_t i) -> int {
    if (i == 500) throw std::runtime_error("record 500 is broken");
    return static_cast<int>(i);
  };
  CHECK_THROWS_WITH(matcher::ordered_pipeline(10000, 2, produce, [&](std::size_t, int&&) { ++consumed; }, 16),
                    "record 500 is broken");
  CHECK(consumed.load() <= 500);
  CHECK_THROWS_WITH(matcher::parallel_for(1000, 2, [](std::size_t i) { if (i == 3) throw std::runtime_error("three"); }),
                    "three");
  std::vector<int> hits(1000, 0);
  matcher::parallel_for(hits.size(), 3, [&](std::size_t i) { ++hits[i]; });
  CHECK(std::count(hits.begin(), hits.end(), 1) == 1000);
  // Long batches are taken in runs of up to 64 items; every item is still run once, the last partial run too.
  for (const std::size_t n : {100'003u, 16'385u, 513u}) {
    std::vector<int> runs(n, 0);
    matcher::parallel_for(runs.size(), 2, [&](std::size_t i) { ++runs[i]; });
    CHECK(static_cast<std::size_t>(std::count(runs.begin(), runs.end(), 1)) == n);
  }
  CHECK_THROWS_WITH(matcher::parallel_for(100'000, 2, [](std::size_t i) { if (i == 70'000) throw std::runtime_error("late"); }),
                    "late");
}

TEST_CASE("batch matching with 2 or 3 jobs gives the same bytes as with one") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto trials = matcher::load_compiled({TRIALMATCH_SOURCE_DIR "/fixtures/trials/seeds"}, parser, lexicon, 1).trials;
  REQUIRE(trials.size() == 5);
  std::vector<engine::Patient> patients;
  for (const char* name : {"example.json", "aml_prednisone.json", "thal_live_vaccine_3wk.json", "tall_creatinine_mgdl_high.json",
                           "aml_karnofsky_age16.json", "example.fhir.json", "thal_missing_labs.json"}) {
    auto load = matcher::load_patients(std::string(TRIALMATCH_SOURCE_DIR "/fixtures/patients/") + name, lexicon);
    REQUIRE(load.problems.empty());
    for (auto& p : load.patients) patients.push_back(std::move(p));
  }
  // Many patients, so that workers really interleave.
  std::vector<const engine::Patient*> batch;
  for (int round = 0; round < 20; ++round)
    for (const auto& p : patients) batch.push_back(&p);
  auto run = [&](unsigned jobs) {
    std::string out;
    matcher::ordered_pipeline(
        batch.size(), jobs, [&](std::size_t i) { return render(*batch[i], trials); },
        [&](std::size_t, std::string&& text) { out += text; }, 8);
    return out;
  };
  const std::string one = run(1);
  CHECK(one.find("NCT05860595") != std::string::npos);
  CHECK(run(2) == one);
  CHECK(run(3) == one);
}

TEST_CASE("one patient against the trials on several threads: the same results in the same order") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  auto trials = matcher::load_compiled({TRIALMATCH_SOURCE_DIR "/fixtures/trials/seeds"}, parser, lexicon, 1).trials;
  // Many copies under their own ids, so that blocks of trials really go to different threads.
  const std::size_t seeds = trials.size();
  for (std::size_t copy = 1; copy < 200; ++copy)
    for (std::size_t k = 0; k < seeds; ++k) {
      trials.push_back(trials[k]);
      trials.back().trial.id += "-" + std::to_string(copy);
    }
  const auto load = matcher::load_patients(TRIALMATCH_SOURCE_DIR "/fixtures/patients/example.json", lexicon);
  REQUIRE(load.patients.size() == 1);
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  const auto serial = matcher::match_all(load.patients[0], trials, lexicon, o, matcher::Detail::shown);
  const auto parallel = matcher::match_all_parallel(load.patients[0], trials, lexicon, o, matcher::Detail::shown, 2);
  REQUIRE(parallel.size() == serial.size());
  for (std::size_t i = 0; i < serial.size(); ++i) {
    CHECK(parallel[i].trial == serial[i].trial);
    CHECK(parallel[i].verdict == serial[i].verdict);
    CHECK(parallel[i].criteria.size() == serial[i].criteria.size());
  }
}
