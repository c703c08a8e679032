// Bound trees and indexed facts (engine::BoundTree, engine::PatientFacts): evaluate_truth must give exactly
// evaluate()'s truth and judgement for every tree, patient and option. Checked on random trees against
// random patients (every leaf kind, units that convert and that do not, ranges, windows, statuses, is_a),
// and on the seed trials against every fixture patient through match_trial.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "test_eval_support.hpp"
#include "trialmatch/matcher/library.hpp"
#include "trialmatch/matcher/patients.hpp"

using namespace trialmatch;
using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

class RandomCase {
 public:
  explicit RandomCase(unsigned seed) : rng_(seed) {}

  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng_)];
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  Node tree(int depth) {
    if (depth > 0 && chance(0.45)) {
      const int kind = std::uniform_int_distribution<int>(0, 3)(rng_);
      if (kind == 2) return make_not(tree(depth - 1));
      if (kind == 3) return make_if(tree(depth - 1), tree(depth - 1));
      std::vector<Node> args;
      for (int n = std::uniform_int_distribution<int>(1, 4)(rng_); n > 0; --n) args.push_back(tree(depth - 1));
      return kind == 0 ? make_all(std::move(args)) : make_any(std::move(args));
    }
    return leaf();
  }

  Node leaf() {
    const Comparator op = pick(std::vector<Comparator>{Comparator::lt, Comparator::le, Comparator::gt, Comparator::ge,
                                                       Comparator::eq, Comparator::ne});
    switch (std::uniform_int_distribution<int>(0, 9)(rng_)) {
      case 0:
      case 1:
        return cmp(pick(labs_), op, pick(values_), pick(units_));
      case 2: {
        Cmp c;
        c.var = pick(std::vector<std::string>{"alt", "ast", "creatinine", "hemoglobin"});
        c.cmp = op;
        c.value = pick(std::vector<double>{0.5, 1, 1.5, 2.5, 3});
        c.relative_to = chance(0.7) ? RelativeTo::uln : RelativeTo::lln;
        return Node{c, {}};
      }
      case 3:
        return cmp("age", op, pick(std::vector<double>{0.5, 1, 3, 14, 15, 16, 18, 35, 180, 216}),
                   pick(std::vector<std::string>{"", "a", "mo", "wk", "d", "h", "min", "kg"}));
      case 4:
      case 5: {
        Has h;
        h.concept_id = pick(events_);
        if (chance(0.5))
          h.within = Amount{pick(std::vector<double>{0.5, 1, 2, 3, 6, 12}),
                            pick(std::vector<std::string>{"a", "mo", "wk", "d", "h", "min", "kg"})};
        h.status = pick(std::vector<std::string>{"", "", "active", "history"});
        if (chance(0.15)) h.except = "except when treated";
        return Node{h, {}};
      }
      case 6: return sex(chance(0.5) ? "female" : "male");
      case 7: return make_text("willing to comply", chance(0.5) ? TextReason::judgement : TextReason::not_understood);
      case 8: {
        Cmp c;
        c.var = "serum_zinc";
        c.name = "serum zinc";
        c.cmp = op;
        c.value = 10;
        c.unit = "umol/L";
        return Node{c, {}};
      }
      default: {
        Has h;
        h.concept_id = "lupus";
        h.name = "lupus";
        return Node{h, {}};
      }
    }
  }

  Patient patient(Date as_of) {
    Patient p;
    p.id = "random";
    if (chance(0.7)) p.birth_date = as_of - std::chrono::days{std::uniform_int_distribution<int>(-400, 40 * 365)(rng_)};
    else if (chance(0.6))
      p.age = Amount{pick(std::vector<double>{0, 1, 3, 14, 15, 16, 30, 40}), pick(std::vector<std::string>{"a", "mo", "wk", "d"})};
    p.sex = pick(std::vector<std::string>{"", "female", "male"});
    for (int n = std::uniform_int_distribution<int>(0, 8)(rng_); n > 0; --n) {
      Observation o;
      o.concept_id = pick(labs_);
      o.value = pick(values_);
      const std::string spelling = pick(std::vector<std::string>{"U/L", "umol/L", "mg/dL", "g/dL", "g/L", "10*9/L", "/uL", "%", "1"});
      o.unit = *units::read_unit(spelling);
      if (chance(0.8)) o.date = as_of - std::chrono::days{std::uniform_int_distribution<int>(-30, 200)(rng_)};
      if (chance(0.3)) {
        ValueRange r;
        if (chance(0.7)) r.high = pick(std::vector<double>{40, 56, 1.2, 106});
        if (chance(0.5)) r.low = pick(std::vector<double>{7, 0.5, 53});
        r.unit = pick(std::vector<std::string>{"", "U/L", "mg/dL", "umol/L", "%"});
        o.reference_range = r;
      }
      if (chance(0.05)) o.problem = "implausible";
      o.source = "/observations";
      p.observations.push_back(std::move(o));
    }
    for (int n = std::uniform_int_distribution<int>(0, 5)(rng_); n > 0; --n) {
      Event e;
      e.kind = pick(std::vector<EventKind>{EventKind::condition, EventKind::medication, EventKind::procedure,
                                           EventKind::immunization});
      e.concept_id = pick(events_);
      e.status = pick(std::vector<std::string>{"", "active", "resolved", "absent", "unconfirmed", "completed",
                                               "in-progress", "stopped", "remission"});
      if (chance(0.7)) e.start = as_of - std::chrono::days{std::uniform_int_distribution<int>(-20, 900)(rng_)};
      if (chance(0.4)) e.end = as_of - std::chrono::days{std::uniform_int_distribution<int>(-20, 400)(rng_)};
      e.may_be_a = chance(0.7);
      p.events.push_back(std::move(e));
    }
    return p;
  }

 private:
  std::mt19937 rng_;
  const std::vector<std::string> labs_{"alt", "ast", "creatinine", "hemoglobin", "platelets", "karnofsky", "cd5_expression", "systolic_bp"};
  const std::vector<std::string> events_{"hiv_infection", "beta_thalassemia", "hypersplenism", "hepatitis_b",
                                         "systemic_corticosteroids", "prednisone", "hydroxyurea", "allogeneic_hsct",
                                         "live_vaccine", "alt"};
  const std::vector<double> values_{0, 0.5, 1, 1.2, 2, 3, 7, 40, 56, 70, 100, 106, 120, 150, 176.8, 1000};
  const std::vector<std::string> units_{"", "U/L", "umol/L", "mg/dL", "g/dL", "g/L", "10*9/L", "/uL", "%", "1", "mm[Hg]", "bogus"};
};

}  // namespace

TEST_CASE("evaluate_truth equals evaluate() on random trees and patients") {
  const Lexicon& lexicon = test_lexicon();
  RandomCase random(20261122);
  units::ConversionCache cache;
  std::size_t decided = 0, compared = 0;
  for (int round = 0; round < 400; ++round) {
    const Date as_of = day(round % 2 ? "2026-11-21" : "2024-02-29");
    std::vector<Node> trees;
    for (int t = 0; t < 20; ++t) trees.push_back(random.tree(3));
    for (int q = 0; q < 5; ++q) {
      const Patient patient = random.patient(as_of);
      const PatientFacts facts(patient, lexicon, as_of);
      REQUIRE(facts.bound());
      for (const Node& tree : trees) {
        const BoundTree bound = BoundTree::bind(tree, lexicon);
        REQUIRE(bound.bound());
        for (const bool open_world : {false, true}) {
          for (units::ConversionCache* conversions : {static_cast<units::ConversionCache*>(nullptr), &cache}) {
            EvalOptions o;
            o.as_of = as_of;
            o.open_world = open_world;
            o.evidence = false;
            o.conversions = conversions;
            const Evaluation slow = evaluate(tree, patient, lexicon, o);
            REQUIRE(can_evaluate_truth(bound, facts, o));
            const TruthOnly fast = evaluate_truth(bound, facts, o);
            CAPTURE(to_canonical(tree));
            CAPTURE(fact_lines(patient));
            CAPTURE(open_world);
            REQUIRE(fast.truth == slow.truth);
            REQUIRE(fast.judgement == slow.judgement);
            ++compared;
            decided += slow.truth != Truth::unknown;
          }
        }
      }
    }
  }
  // The random cases decide often enough to mean something, and leave enough open.
  CHECK(decided > compared / 5);
  CHECK(decided < compared * 9 / 10);
}

TEST_CASE("a tree naming an id the lexicon does not list is not bound; facts with such an id are not either") {
  const Lexicon& lexicon = test_lexicon();
  CHECK_FALSE(BoundTree::bind(cmp("zinc", Comparator::lt, 3, "umol/L"), lexicon).bound());
  CHECK_FALSE(BoundTree::bind(make_all({sex("female"), has("lupus")}), lexicon).bound());
  CHECK(BoundTree::bind(make_all({sex("female"), has("hiv_infection")}), lexicon).bound());
  Patient p;
  p.events.push_back(Event{EventKind::condition, "lupus", "lupus", "active", {}, {}, "", false});
  const PatientFacts facts(p, lexicon, day("2026-11-21"));
  CHECK_FALSE(facts.bound());
  EvalOptions o = options_at("2026-11-21", false, false);
  const BoundTree bound = BoundTree::bind(has("hiv_infection"), lexicon);
  CHECK_FALSE(can_evaluate_truth(bound, facts, o));
  CHECK_THROWS_AS(evaluate_truth(bound, facts, o), std::invalid_argument);
  // Facts for another date, or a tree bound to another lexicon, are refused the same way.
  const PatientFacts other_day(Patient{}, lexicon, day("2026-01-01"));
  CHECK_FALSE(can_evaluate_truth(bound, other_day, o));
  const PatientFacts builtin_facts(Patient{}, Lexicon::builtin(), day("2026-11-21"));
  CHECK_FALSE(can_evaluate_truth(bound, builtin_facts, o));
}

TEST_CASE("the latest observation by concept is the one evaluate() uses") {
  const Lexicon& lexicon = test_lexicon();
  const Patient p = native({{"id", "P"},
                            {"observations",
                             {{{"code", "alt"}, {"value", 10}, {"unit", "U/L"}, {"date", "2026-01-01"}},
                              {{"code", "alt"}, {"value", 20}, {"unit", "U/L"}, {"date", "2026-11-01"}},
                              {{"code", "alt"}, {"value", 30}, {"unit", "U/L"}, {"date", "2026-11-01"}},
                              {{"code", "alt"}, {"value", 40}, {"unit", "U/L"}, {"date", "2026-12-01"}},
                              {{"code", "ast"}, {"value", 50}, {"unit", "U/L"}},
                              {{"code", "ast"}, {"value", 60}, {"unit", "U/L"}}}}});
  const PatientFacts facts(p, lexicon, day("2026-11-21"));
  const auto index = [&](const char* id) { return static_cast<std::uint32_t>(lexicon.find(id) - lexicon.concepts().data()); };
  REQUIRE(facts.latest(index("alt")));
  CHECK(facts.latest(index("alt"))->value == 30);  // same date: the later entry; after as_of: ignored
  REQUIRE(facts.latest(index("ast")));
  CHECK(facts.latest(index("ast"))->value == 60);  // no dated value: the last undated one
  CHECK(facts.latest(index("creatinine")) == nullptr);
  CHECK(facts.latest(100000) == nullptr);
}

TEST_CASE("match_trial decides the seed trials from bound trees exactly as from the trees themselves") {
  const auto& lexicon = Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto trials = matcher::load_compiled({TRIALMATCH_SOURCE_DIR "/fixtures/trials/seeds"}, parser, lexicon, 1).trials;
  REQUIRE(trials.size() >= 5);
  std::size_t bound = 0, criteria = 0;
  for (const auto& t : trials) {
    REQUIRE(t.bound.trees() == t.criteria.size());
    std::uint32_t root = 0;
    for (std::size_t k = 0; k < t.criteria.size(); ++k, root = t.bound.next(root)) {
      ++criteria;
      bound += t.bound.bound(root);
      CHECK(t.bound.marked(root) == (t.criteria[k].criterion.section == matcher::Section::exclusion));
    }
  }
  CHECK(bound * 10 >= criteria * 9);  // nearly every seed criterion binds
  EvalOptions o = options_at("2026-11-21", false, false);
  for (const auto& entry : std::filesystem::directory_iterator(TRIALMATCH_SOURCE_DIR "/fixtures/patients")) {
    if (entry.path().extension() != ".json") continue;
    const auto load = matcher::load_patients(entry.path().string(), lexicon);
    for (const auto& patient : load.patients) {
      for (const bool open_world : {false, true}) {
        o.open_world = open_world;
        for (const auto& trial : trials) {
          matcher::CompiledTrial unbound = trial;
          unbound.bound = BoundTree{};
          CAPTURE(entry.path().filename().string());
          CAPTURE(trial.trial.id);
          const auto fast = matcher::match_trial(patient, trial, lexicon, o, matcher::Detail::none);
          const auto slow = matcher::match_trial(patient, unbound, lexicon, o, matcher::Detail::none);
          CHECK(fast.verdict == slow.verdict);
          const matcher::Screening screened = matcher::screen_trial(PatientFacts(patient, lexicon, o.as_of), trial, o);
          CHECK(screened.verdict == slow.verdict);
          CHECK(screened.failures == slow.failures);
          CHECK(screened.unknowns == slow.unknowns);
          REQUIRE(fast.criteria.size() == slow.criteria.size());
          for (std::size_t k = 0; k < fast.criteria.size(); ++k) {
            CAPTURE(trial.criteria[k].criterion.text);
            CHECK(fast.criteria[k].evaluation().truth == slow.criteria[k].evaluation().truth);
            CHECK(fast.criteria[k].evaluation().judgement == slow.criteria[k].evaluation().judgement);
          }
        }
      }
    }
  }
}

TEST_CASE("an event's ancestors are exactly the concepts Lexicon::is_a names, in the built-in lexicon and another") {
  for (const Lexicon* lexicon : {&Lexicon::builtin(), &test_lexicon()}) {
    const auto& all = lexicon->concepts();
    std::size_t members = 0;
    for (std::size_t c = 0; c < all.size(); ++c) {
      Patient p;
      p.events.push_back(Event{EventKind::medication, all[c].id, all[c].id, "active", {}, {}, "", true});
      const PatientFacts facts(p, *lexicon, day("2026-11-21"));
      REQUIRE(facts.events().size() == 1);
      const auto& event = facts.events()[0];
      CHECK(event.concept_index == c);
      for (std::size_t a = 0; a < all.size(); ++a) {
        if (a == c) continue;
        CAPTURE(all[c].id);
        CAPTURE(all[a].id);
        CHECK(event.is_a(static_cast<std::uint32_t>(a)) == lexicon->is_a(all[c].id, all[a].id));
        members += lexicon->is_a(all[c].id, all[a].id);
      }
    }
    CHECK(members > 0);  // prednisone is a systemic corticosteroid, at least
  }
}

TEST_CASE("a measured value with a window: only a value in the window decides; such a tree is left to evaluate()") {
  const Lexicon& lexicon = test_lexicon();
  Cmp c;
  c.var = "hemoglobin";
  c.cmp = Comparator::ge;
  c.value = 9;
  c.unit = "g/dL";
  c.within = Amount{3, "mo"};
  const Node node{c, {}};
  CHECK_FALSE(BoundTree::bind(node, lexicon).bound());
  auto with_hb = [](const char* date) {
    json o = {{"code", "hemoglobin"}, {"value", 10}, {"unit", "g/dL"}};
    if (*date) o["date"] = date;
    return native({{"id", "P"}, {"observations", {o}}});
  };
  CHECK(eval(node, with_hb("2026-10-01"), options_at()).truth == T);   // in the window
  CHECK(eval(node, with_hb("2026-08-22"), options_at()).truth == T);   // its second day
  CHECK(eval(node, with_hb("2026-08-21"), options_at()).truth == U);   // its first day: at the edge (test_eval_audit12)
  const Evaluation old = eval(node, with_hb("2026-08-20"), options_at());
  CHECK(old.truth == U);
  CHECK(old.missing == std::vector<std::string>{"hemoglobin"});
  REQUIRE(old.evidence.size() == 1);
  CHECK(old.evidence[0].note == "no value in the window 2026-08-21..2026-11-21: the latest is older");
  CHECK(eval(node, with_hb(""), options_at()).truth == U);             // undated
  CHECK(eval(node, with_hb("2026-10-01"), options_at("2026-11-21", false, false)).truth == T);
  // Through match_trial: the tree is evaluated as it is, and still decided.
  matcher::CompiledTrial t;
  t.trial.id = "W";
  t.criteria.push_back(matcher::CompiledCriterion{{matcher::Section::inclusion, "1", "Hb >= 9 g/dL in the past 3 months"}, node, {}, false});
  matcher::bind(t, lexicon);
  CHECK_FALSE(t.bound.bound(0));
  const auto r = matcher::match_trial(with_hb("2026-08-20"), t, lexicon, options_at("2026-11-21", false, false), matcher::Detail::none);
  CHECK(r.verdict == matcher::Verdict::needs_review);
}
