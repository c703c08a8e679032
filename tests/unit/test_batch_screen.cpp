// The bound evaluator's shortcuts (evaluate_bound.cpp): a `has` whose concept no recorded event bears on
// (PatientFacts::events_may_bear_on) decides as evaluate() does, for every concept of the built-in lexicon;
// PatientFacts::observed is latest() and in_lexicon_unit() in one; TruthReader::count_all counts exactly
// what read_all's truths and evaluate() on the unbound trees count.
#include <doctest/doctest.h>

#include <random>

#include "test_eval_support.hpp"
#include "trialmatch/matcher/match.hpp"

using namespace trialmatch;
using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;

namespace {

Event event(std::string concept_id, std::string status, std::optional<Date> start, bool may_be_a = true) {
  Event e;
  e.concept_id = std::move(concept_id);
  e.status = std::move(status);
  e.start = start;
  e.may_be_a = may_be_a;
  return e;
}

}  // namespace

TEST_CASE("a has of every built-in concept decides as evaluate() against events that bear on it or not") {
  const Lexicon& lexicon = Lexicon::builtin();
  const Date as_of = day("2026-11-21");
  std::mt19937 rng(20261204);
  const auto& concepts = lexicon.concepts();
  auto any_concept = [&] { return concepts[std::uniform_int_distribution<std::size_t>(0, concepts.size() - 1)(rng)].id; };
  // Events of concepts with parents and children (classes, members), and random ones.
  std::vector<Patient> patients;
  for (const char* id : {"beta_thalassemia", "prednisone", "systemic_corticosteroids", "hiv_infection", "malignancy",
                         "stroke", "live_vaccine"}) {
    if (!lexicon.find(id)) continue;
    for (const char* status : {"active", "absent", "resolved"}) {
      Patient p;
      p.events.push_back(event(id, status, as_of - std::chrono::days{100}));
      patients.push_back(std::move(p));
    }
  }
  for (int i = 0; i < 12; ++i) {
    Patient p;
    for (int n = 1 + i % 3; n > 0; --n)
      p.events.push_back(event(any_concept(), i % 4 == 0 ? "" : "active", as_of - std::chrono::days{30 * i}, i % 5 != 0));
    patients.push_back(std::move(p));
  }
  REQUIRE(patients.size() > 12);
  std::size_t bearing = 0, not_bearing = 0, checked = 0;
  for (const Patient& patient : patients) {
    const PatientFacts facts(patient, lexicon, as_of);
    REQUIRE(facts.bound());
    for (std::size_t c = 0; c < concepts.size(); ++c) {
      const bool bears = facts.events_may_bear_on(static_cast<std::uint32_t>(c));
      (bears ? bearing : not_bearing) += 1;
      for (const bool window : {false, true}) {
        const Node tree = has(concepts[c].id, window ? std::optional<Amount>(Amount{1, "a"}) : std::nullopt,
                              c % 3 == 0 ? "active" : "");
        const BoundTree bound = BoundTree::bind(tree, lexicon);
        REQUIRE(bound.bound());
        for (const bool open_world : {false, true}) {
          const EvalOptions o = options_at("2026-11-21", open_world, false);
          const Evaluation slow = evaluate(tree, patient, lexicon, o);
          const TruthOnly fast = evaluate_truth(bound, facts, o);
          CAPTURE(concepts[c].id);
          CAPTURE(fact_lines(patient));
          REQUIRE(fast.truth == slow.truth);
          REQUIRE(fast.judgement == slow.judgement);
          ++checked;
        }
      }
    }
  }
  CHECK(bearing > 0);
  CHECK(not_bearing > bearing);
  CHECK(checked > 10000);
}

TEST_CASE("events_may_bear_on: an event's concept, its ancestors and descendants; nothing without events") {
  const Lexicon& lexicon = Lexicon::builtin();
  const Date as_of = day("2026-11-21");
  auto index = [&](const char* id) { return static_cast<std::uint32_t>(lexicon.find(id) - lexicon.concepts().data()); };
  REQUIRE(lexicon.find("prednisone"));
  REQUIRE(lexicon.find("systemic_corticosteroids"));
  REQUIRE(lexicon.is_a("prednisone", "systemic_corticosteroids"));
  Patient none;
  const PatientFacts empty(none, lexicon, as_of);
  for (std::uint32_t c = 0; c < lexicon.concepts().size(); ++c) REQUIRE_FALSE(empty.events_may_bear_on(c));
  for (const char* recorded : {"prednisone", "systemic_corticosteroids"}) {
    Patient p;
    p.events.push_back(event(recorded, "active", as_of - std::chrono::days{10}));
    const PatientFacts facts(p, lexicon, as_of);
    CHECK(facts.events_may_bear_on(index("prednisone")));
    CHECK(facts.events_may_bear_on(index("systemic_corticosteroids")));
    if (lexicon.find("hiv_infection")) CHECK_FALSE(facts.events_may_bear_on(index("hiv_infection")));
  }
}

TEST_CASE("observed() is latest() with in_lexicon_unit(), and nothing where the value has a problem") {
  const Lexicon& lexicon = test_lexicon();
  const Date as_of = day("2026-11-21");
  Patient p;
  auto add = [&](const char* id, double value, const char* unit, const char* problem = "") {
    Observation o;
    o.concept_id = id;
    o.value = value;
    o.unit = *units::read_unit(unit);
    o.date = as_of - std::chrono::days{1};
    o.problem = problem;
    p.observations.push_back(std::move(o));
  };
  add("alt", 50, "U/L");
  add("creatinine", 1.2, "mg/dL");
  add("hemoglobin", 120, "g/L");
  add("platelets", 90, "10*9/L", "implausible");
  const PatientFacts facts(p, lexicon, as_of);
  for (std::uint32_t c = 0; c < lexicon.concepts().size(); ++c) {
    const Observation* o = facts.latest(c);
    const PatientFacts::ObservedValue& v = facts.observed(c);
    CAPTURE(lexicon.concepts()[c].id);
    if (!o || !o->problem.empty()) {
      CHECK(v.state == 0);
      continue;
    }
    CHECK(v.value == o->value);
    CHECK((v.state & PatientFacts::kUsable));
    CHECK(bool(v.state & PatientFacts::kInLexiconUnit) == facts.in_lexicon_unit(c));
  }
  CHECK(facts.observed(static_cast<std::uint32_t>(lexicon.concepts().size() + 5)).state == 0);
}

TEST_CASE("count_all counts as read_all and evaluate() do, bound or not, for every patient and world") {
  const Lexicon& lexicon = test_lexicon();
  const Date as_of = day("2026-11-21");
  // Trees of every kind, one unbound (an id the lexicon does not list), exclusions marked.
  std::vector<std::pair<Node, bool>> criteria{
      {cmp("alt", Comparator::le, 120, "U/L"), false},
      {cmp("creatinine", Comparator::le, 150, "umol/L"), false},
      {cmp("hemoglobin", Comparator::ge, 9, "g/dL"), false},
      {relative("alt", Comparator::le, 3, RelativeTo::uln), false},
      {cmp("age", Comparator::ge, 18, "a"), false},
      {sex("female"), false},
      {has("hiv_infection"), true},
      {has("systemic_corticosteroids", Amount{6, "mo"}), true},
      {has("beta_thalassemia", std::nullopt, "active"), false},
      {cmp("zinc", Comparator::lt, 3, "umol/L"), false},
      {make_text("willing to comply", TextReason::judgement), false},
      {make_text("something unread", TextReason::not_understood), true},
      {make_all({cmp("platelets", Comparator::ge, 50, "10*9/L"), make_not(has("hepatitis_b"))}), false},
      {make_if(sex("female"), has("prednisone")), true},
  };
  std::vector<std::pair<const Node*, bool>> trees;
  for (const auto& [tree, exclusion] : criteria) trees.emplace_back(&tree, exclusion);
  const BoundTree bound = BoundTree::bind_each(trees, lexicon);
  REQUIRE(bound.trees() == criteria.size());
  REQUIRE_FALSE(bound.bound(9 < criteria.size() ? [&] {
    std::uint32_t root = 0;
    for (int k = 0; k < 9; ++k) root = bound.next(root);
    return root;
  }() : 0));
  const std::vector<nlohmann::json> records{
      {{"birth_date", "1980-01-01"}, {"sex", "female"},
       {"observations", {{{"code", "alt"}, {"value", 50}, {"unit", "U/L"}, {"date", "2026-11-01"},
                          {"reference_range", {{"high", 40}, {"unit", "U/L"}}}},
                         {{"code", "creatinine"}, {"value", 1.2}, {"unit", "mg/dL"}, {"date", "2026-11-01"}},
                         {{"code", "hemoglobin"}, {"value", 95}, {"unit", "g/L"}, {"date", "2026-11-01"}}}},
       {"conditions", {{{"code", "hiv_infection"}, {"status", "active"}}}},
       {"medications", {{{"code", "prednisone"}, {"status", "active"}, {"start", "2026-10-01"}}}}},
      {{"birth_date", "2015-01-01"}, {"sex", "male"}},
      {{"sex", "female"}, {"observations", {{{"code", "platelets"}, {"value", 30}, {"unit", "10*9/L"}}}},
       {"conditions", {{{"code", "hepatitis_b"}, {"status", "absent"}}, {{"code", "beta_thalassemia"}}}}},
  };
  std::size_t failures_seen = 0;
  for (const auto& record : records) {
    const Patient patient = native(record);
    const PatientFacts facts(patient, lexicon, as_of);
    for (const bool open_world : {false, true}) {
      const EvalOptions o = options_at("2026-11-21", open_world, false);
      const TruthReader reader(bound, facts, o);
      std::vector<TruthReader::RootTruth> truths(bound.trees());
      reader.read_all(truths);
      std::uint32_t failures = 0, unknowns = 0;
      for (std::size_t k = 0; k < criteria.size(); ++k) {
        Truth t = truths[k].truth;
        bool judgement = truths[k].judgement;
        if (!truths[k].read) {
          const Evaluation e = evaluate(criteria[k].first, patient, lexicon, o);
          t = e.truth;
          judgement = e.judgement;
        }
        if (t == Truth::unknown) unknowns += !judgement;
        else failures += (t == Truth::true_) == criteria[k].second;
      }
      struct Context {
        const std::vector<std::pair<Node, bool>>& criteria;
        const Patient& patient;
        const Lexicon& lexicon;
        const EvalOptions& o;
        mutable std::size_t asked = 0;
      } context{criteria, patient, lexicon, o};
      const TruthReader::Counts counts = reader.count_all(
          [](const void* c, std::size_t k) {
            const auto& x = *static_cast<const Context*>(c);
            ++x.asked;
            const Evaluation e = evaluate(x.criteria[k].first, x.patient, x.lexicon, x.o);
            return TruthReader::UnreadTruth{e.truth, e.judgement, x.criteria[k].second};
          },
          &context);
      CHECK(counts.failures == failures);
      CHECK(counts.unknowns == unknowns);
      CHECK(context.asked == 1);  // the unbound tree alone
      failures_seen += failures;
    }
  }
  CHECK(failures_seen > 0);
}
