// With evidence off, evaluation allocates nothing per node. Counts heap allocations made by this
// thread between two points; the replacement operator new below serves the whole unit_eval binary.
#include <doctest/doctest.h>

#include "counting_new.hpp"
#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

TEST_CASE("evidence off: no allocation per node for every node kind") {
  const Patient p = native({{"id", "P-ALLOC"},
                            {"sex", "female"},
                            {"birth_date", "2012-05-14"},
                            {"observations",
                             {{{"code", "hemoglobin"}, {"value", 6.8}, {"unit", "g/dL"}, {"date", "2026-11-10"}},
                              {{"code", "alt"}, {"value", 38}, {"unit", "U/L"}, {"date", "2026-11-10"},
                               {"reference_range", {{"low", 7}, {"high", 40}}}}}},
                            {"conditions", {{{"code", "beta_thalassemia"}, {"status", "active"}, {"onset", "2013-01-20"}}}},
                            {"immunizations", {{{"code", "live_vaccine"}, {"date", "2016-05-20"}}}}});
  const Node tree = make_all({
      cmp("age", Comparator::ge, 3, "a"),
      cmp("hemoglobin", Comparator::le, 7, "g/dL"),
      relative("alt", Comparator::le, 3, RelativeTo::uln),
      make_any({has("beta_thalassemia", std::nullopt, "active"), sex("male")}),
      make_not(has("live_vaccine", Amount{6, "wk"})),
      make_if(cmp("age", Comparator::ge, 16, "a"), cmp("platelets", Comparator::ge, 100, "10*9/L")),
      make_text("consent", TextReason::judgement),
  });
  const EvalOptions quiet = options_at("2026-11-21", false, false);
  (void)eval(tree, p, quiet);  // warm-up: function-local statics
  const long before = allocations;
  const Evaluation e = eval(tree, p, quiet);
  const long used = allocations - before;
  CHECK(e.truth == Truth::unknown);
  CHECK(e.judgement);
  CHECK(used == 0);
  // With evidence on, the same tree reports (and so allocates).
  const long before_evidence = allocations;
  const Evaluation explained = eval(tree, p);
  CHECK(allocations - before_evidence > 0);
  CHECK(explained.truth == e.truth);

  // The bound tree, with the patient's facts indexed once: no allocation at all, the same answer, also
  // where units are converted through the run's cache.
  units::ConversionCache cache;
  EvalOptions cached = quiet;
  cached.conversions = &cache;
  const Node converting = make_all({tree, cmp("hemoglobin", Comparator::le, 70, "g/L")});
  const BoundTree bound = BoundTree::bind(converting, test_lexicon());
  const PatientFacts facts(p, test_lexicon(), cached.as_of);
  (void)evaluate_truth(bound, facts, cached);  // warm-up: the cache's first entry
  const long before_bound = allocations;
  const TruthOnly fast = evaluate_truth(bound, facts, cached);
  CHECK(allocations - before_bound == 0);
  const Evaluation slow = evaluate(converting, p, test_lexicon(), cached);
  CHECK(fast.truth == slow.truth);
  CHECK(fast.judgement == slow.judgement);
}

TEST_CASE("evaluating into an earlier evaluation gives what a fresh one gives, and keeps its vectors") {
  using namespace trialmatch::engine;
  const Lexicon& lexicon = Lexicon::builtin();
  EvalOptions o;
  o.as_of = *parse_date("2026-11-21");
  const Patient with_lab = read_patient(json::parse(R"({"id": "L", "observations": [
    {"code": {"system": "http://loinc.org", "code": "718-7"}, "value": 8.1, "unit": "g/dL", "date": "2026-11-10"}]})"),
                                        lexicon);
  const Patient without;
  // Two unknowns of one variable (one missing entry, kept once) and a failing value (evidence).
  Cmp low;
  low.var = "hemoglobin";
  low.cmp = Comparator::ge;
  low.value = 9;
  low.unit = "g/dL";
  Cmp high = low;
  high.cmp = Comparator::le;
  high.value = 18;
  Cmp platelets = low;
  platelets.var = "platelets";
  platelets.value = 100;
  platelets.unit = "10*9/L";
  const Node tree{All{{Node{low, {}}, Node{high, {}}, Node{platelets, {}}}}, {}};
  Evaluation into;
  for (const Patient* p : {&without, &with_lab, &without}) {
    evaluate(tree, *p, lexicon, o, into);
    const Evaluation fresh = evaluate(tree, *p, lexicon, o);
    CHECK(into.truth == fresh.truth);
    CHECK(into.judgement == fresh.judgement);
    CHECK(into.missing == fresh.missing);
    REQUIRE(into.evidence.size() == fresh.evidence.size());
    for (std::size_t i = 0; i < fresh.evidence.size(); ++i) {
      CHECK(into.evidence[i].var == fresh.evidence[i].var);
      CHECK(into.evidence[i].fact == fresh.evidence[i].fact);
      CHECK(into.evidence[i].value == fresh.evidence[i].value);
      CHECK(into.evidence[i].unit == fresh.evidence[i].unit);
      CHECK(into.evidence[i].date == fresh.evidence[i].date);
      CHECK(into.evidence[i].source == fresh.evidence[i].source);
      CHECK(into.evidence[i].threshold == fresh.evidence[i].threshold);
      CHECK(into.evidence[i].conversion == fresh.evidence[i].conversion);
      CHECK(into.evidence[i].note == fresh.evidence[i].note);
      CHECK(into.evidence[i].truth == fresh.evidence[i].truth);
    }
  }
  CHECK(into.missing == std::vector<std::string>{"hemoglobin", "platelets"});
  // Written over again: the vectors keep their buffers, and so do the evidence's strings.
  const void* evidence = into.evidence.data();
  const void* missing = into.missing.data();
  REQUIRE(into.evidence.front().note.size() > 15);  // held on the heap, not in the string itself
  const char* note = into.evidence.front().note.data();
  evaluate(tree, without, lexicon, o, into);
  CHECK(into.evidence.data() == evidence);
  CHECK(into.missing.data() == missing);
  CHECK(into.evidence.front().note.data() == note);
}
