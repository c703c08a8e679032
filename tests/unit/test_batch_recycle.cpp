// Matching into results used before (a worker's one vector, patient after patient): the same results as a
// fresh match, with fewer allocations. Counts heap allocations made by this thread between two points; the
// replacement operator new below serves the whole unit_batch binary.
#include <doctest/doctest.h>

#include <map>

#include "counting_new.hpp"
#include <nlohmann/json.hpp>

#include "trialmatch/matcher/batch.hpp"
#include "trialmatch/matcher/library.hpp"

using namespace trialmatch;

namespace {

matcher::Trial trial(const std::string& id, std::optional<double> min_age, const char* sex,
                     std::vector<std::string> inclusions) {
  matcher::Trial t;
  t.id = id;
  if (min_age) t.min_age = engine::Amount{*min_age, "a"};
  t.sex = sex;
  int n = 0;
  for (auto& text : inclusions) t.criteria.push_back({matcher::Section::inclusion, std::to_string(++n), text});
  t.criteria.push_back({matcher::Section::exclusion, "1", "Known HIV infection"});
  t.criteria.push_back({matcher::Section::exclusion, "2", "Willing to comply with the study visits"});
  return t;
}

engine::Patient patient(const char* text) { return engine::read_patient(nlohmann::json::parse(text), engine::Lexicon::builtin()); }

// Everything a report reads of two result lists, position by position.
void check_same(const std::vector<matcher::TrialResult>& got, const std::vector<matcher::TrialResult>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i].trial == expected[i].trial);
    CHECK(got[i].verdict == expected[i].verdict);
    CHECK(got[i].failures == expected[i].failures);
    CHECK(got[i].unknowns == expected[i].unknowns);
    CHECK(got[i].screened_out == expected[i].screened_out);
    CHECK(got[i].criteria.is_shared() == expected[i].criteria.is_shared());
    REQUIRE(got[i].criteria.size() == expected[i].criteria.size());
    for (std::size_t k = 0; k < got[i].criteria.size(); ++k) {
      CAPTURE(k);
      const auto& a = got[i].criteria[k];
      const auto& b = expected[i].criteria[k];
      CHECK(a.criterion == b.criterion);
      CHECK(a.outcome == b.outcome);
      CHECK(a.evaluation().truth == b.evaluation().truth);
      CHECK(a.evaluation().judgement == b.evaluation().judgement);
      CHECK(a.evaluation().missing == b.evaluation().missing);
      REQUIRE(a.evaluation().evidence.size() == b.evaluation().evidence.size());
      for (std::size_t e = 0; e < a.evaluation().evidence.size(); ++e) {
        const auto& x = a.evaluation().evidence[e];
        const auto& y = b.evaluation().evidence[e];
        CHECK(x.var == y.var);
        CHECK(x.fact == y.fact);
        CHECK(x.value == y.value);
        CHECK(x.date == y.date);
        CHECK(x.threshold == y.threshold);
        CHECK(x.conversion == y.conversion);
        CHECK(x.note == y.note);
        CHECK(x.truth == y.truth);
      }
    }
  }
}

}  // namespace

TEST_CASE("matching into results of an earlier patient gives a fresh match's results and reuses their buffers") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  std::vector<matcher::Trial> source;
  const std::vector<std::vector<std::string>> criteria{
      {"Hemoglobin ≥ 9 g/dL", "Platelet count ≥ 100 × 10^9/L"},
      {"ALT ≤ 3 × ULN", "Serum creatinine ≤ 1.5 mg/dL"},
      {"ECOG performance status ≤ 1"},
      {"Hemoglobin ≥ 12 g/dL", "ALT ≤ 2.5 × ULN", "Platelet count ≥ 150 × 10^9/L", "Serum creatinine ≤ 1 mg/dL"}};
  for (int i = 0; i < 24; ++i)
    source.push_back(trial("T" + std::to_string(100 + i), i % 3 ? std::optional<double>{18} : std::nullopt,
                           i % 4 ? "all" : "male", criteria[i % criteria.size()]));
  const auto trials = matcher::compile_all(source, parser, lexicon, 1);
  const matcher::TrialIndex index(trials);
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");

  // An adult with low labs (many failures with evidence), a child (skipped trials, shared limit lists), an
  // adult without labs (unknowns, missing): each order of them goes through one vector.
  const std::vector<engine::Patient> patients{
      patient(R"({"id": "A", "birth_date": "1970-01-01", "sex": "female", "observations": [
        {"code": {"system": "http://loinc.org", "code": "718-7"}, "value": 8.1, "unit": "g/dL", "date": "2026-11-10"},
        {"code": {"system": "http://loinc.org", "code": "777-3"}, "value": 90, "unit": "10*9/L", "date": "2026-11-10"},
        {"code": {"system": "http://loinc.org", "code": "1742-6"}, "value": 150, "unit": "U/L", "date": "2026-11-10",
         "reference_range": {"low": 0, "high": 40, "unit": "U/L"}},
        {"code": {"system": "http://loinc.org", "code": "2160-0"}, "value": 200, "unit": "umol/L", "date": "2026-11-10"}],
        "conditions": [{"code": {"system": "http://snomed.info/sct", "code": "86406008"}, "status": "active", "text": "HIV"}]})"),
      patient(R"({"id": "B", "birth_date": "2015-06-01", "sex": "male"})"),
      patient(R"({"id": "C", "birth_date": "1980-01-01", "sex": "male"})")};
  for (const matcher::Detail detail : {matcher::Detail::shown, matcher::Detail::all, matcher::Detail::none}) {
    for (const std::vector<int>& order : {std::vector<int>{0, 1, 2, 0}, std::vector<int>{2, 1, 0, 1}}) {
      CAPTURE(static_cast<int>(detail));
      matcher::MatchBuffers buffers;
      const std::vector<matcher::TrialResult>& results = buffers.results;
      for (const int which : order) {
        CAPTURE(which);
        const void* outer = results.data();
        index.match(buffers, patients[which], lexicon, o, detail);
        check_same(results, index.match(patients[which], lexicon, o, detail));
        if (outer) CHECK(results.data() == outer);  // the same size: the same vector
      }
      // The same patient again: matched into the results it was matched into before, it allocates fewer
      // times than a fresh match by at least one per own criterion list (none of them is allocated again).
      // The results move to the report's order after each match, so a result serves the trials of its
      // cycle of that order in turn: a round per trial lets each grow to the largest of them first.
      for (const engine::Patient& p : patients) {
        CAPTURE(p.id);
        for (std::size_t round = 0; round <= trials.size(); ++round) index.match(buffers, p, lexicon, o, detail);
        long before = allocations;
        const auto fresh = index.match(p, lexicon, o, detail);
        const long fresh_allocations = allocations - before;
        before = allocations;
        index.match(buffers, p, lexicon, o, detail);
        const long recycled_allocations = allocations - before;
        std::size_t own = 0;
        for (const auto& r : fresh) own += !r.criteria.is_shared() && !r.criteria.empty();
        CAPTURE(own);
        CHECK(recycled_allocations + static_cast<long>(own) <= fresh_allocations);
        check_same(results, fresh);
      }
    }
  }
}

TEST_CASE("alike criteria of different trials share one evaluation per patient, equal to each one's own") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  // The same tree read from two wordings (different spans), in different places of three trials; a near
  // miss (another threshold) must not share.
  const std::vector<matcher::Trial> source{trial("T1", 18, "all", {"Serum creatinine ≤ 1.5 mg/dL"}),
                                           trial("T2", 18, "all", {"Hemoglobin ≥ 9 g/dL", "Creatinine ≤ 1.5 mg/dL"}),
                                           trial("T3", 18, "all", {"Serum creatinine ≤ 2 mg/dL"})};
  const auto trials = matcher::compile_all(source, parser, lexicon, 1);
  const matcher::TrialIndex index(trials);
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  const engine::Patient adult = patient(R"({"id": "A", "birth_date": "1970-01-01", "sex": "female"})");
  for (const matcher::Detail detail : {matcher::Detail::shown, matcher::Detail::all}) {
    CAPTURE(static_cast<int>(detail));
    matcher::MatchBuffers buffers;
    for (int round = 0; round < 2; ++round) {  // the second patient's memo is the first one's, made again
      index.match(buffers, adult, lexicon, o, detail);
      const auto own = index.match(adult, lexicon, o, detail);  // evaluations of their own
      check_same(buffers.results, own);
      // The creatinine criterion of each trial, by trial id (the unknown creatinine is shown with evidence).
      std::map<std::string, const matcher::CriterionResult*> creatinine;
      for (const auto& r : buffers.results)
        for (const auto& c : r.criteria)
          if (c.criterion->criterion.text.find("reatinine") != std::string::npos) creatinine[r.trial->trial.id] = &c;
      REQUIRE(creatinine.size() == 3);
      for (const auto& [id, c] : creatinine) {
        CAPTURE(id);
        CHECK(c->shares_evaluation());
        CHECK(!c->evaluation().evidence.empty());
      }
      CHECK(&creatinine["T1"]->evaluation() == &creatinine["T2"]->evaluation());
      CHECK(&creatinine["T1"]->evaluation() != &creatinine["T3"]->evaluation());
      for (const auto& r : own)
        for (const auto& c : r.criteria) CHECK(!c.shares_evaluation());
    }
  }
}
