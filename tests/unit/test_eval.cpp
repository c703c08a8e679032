// Kleene logic, sex, text and age: evaluate() over hand-built trees.
#include <doctest/doctest.h>

#include <thread>

#include "test_eval_support.hpp"
#include "trialmatch/engine/predicate_json.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

// A patient for whom sex(female) is true, sex(male) false and anything about ALT unknown.
Patient woman() { return native({{"id", "W"}, {"sex", "female"}}); }
Node yes() { return sex("female"); }
Node no() { return sex("male"); }
Node maybe(const char* var = "alt") { return cmp(var, Comparator::le, 3, "U/L"); }
}  // namespace

TEST_CASE("Kleene truth tables") {
  const Truth all[] = {T, F, U};
  const Truth and_table[3][3] = {{T, F, U}, {F, F, F}, {U, F, U}};
  const Truth or_table[3][3] = {{T, T, T}, {T, F, U}, {T, U, U}};
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) {
      CAPTURE(a);
      CAPTURE(b);
      CHECK(kleene_and(all[a], all[b]) == and_table[a][b]);
      CHECK(kleene_or(all[a], all[b]) == or_table[a][b]);
    }
  }
  CHECK(kleene_not(T) == F);
  CHECK(kleene_not(F) == T);
  CHECK(kleene_not(U) == U);
  CHECK(std::string(to_string(T)) == "true");
  CHECK(std::string(to_string(F)) == "false");
  CHECK(std::string(to_string(U)) == "unknown");
}

TEST_CASE("all / any / not / if follow Kleene and keep `missing` only where it could change the result") {
  const Patient p = woman();
  CHECK(eval(yes(), p).truth == T);
  CHECK(eval(no(), p).truth == F);
  const Evaluation u = eval(maybe(), p);
  CHECK(u.truth == U);
  CHECK(u.missing == std::vector<std::string>{"alt"});

  SUBCASE("all") {
    CHECK(eval(make_all({yes(), yes()}), p).truth == T);
    const Evaluation tu = eval(make_all({yes(), maybe()}), p);
    CHECK(tu.truth == U);
    CHECK(tu.missing == std::vector<std::string>{"alt"});
    const Evaluation fu = eval(make_all({maybe(), no()}), p);
    CHECK(fu.truth == F);
    CHECK(fu.missing.empty());  // a false child decides: nothing more is needed
    CHECK(fu.evidence.size() == 2);
  }
  SUBCASE("any") {
    const Evaluation tu = eval(make_any({maybe(), yes()}), p);
    CHECK(tu.truth == T);
    CHECK(tu.missing.empty());
    const Evaluation fu = eval(make_any({no(), maybe(), maybe("ast")}), p);
    CHECK(fu.truth == U);
    CHECK(fu.missing == std::vector<std::string>{"alt", "ast"});
    CHECK(eval(make_any({no(), no()}), p).truth == F);
  }
  SUBCASE("not") {
    CHECK(eval(make_not(yes()), p).truth == F);
    CHECK(eval(make_not(no()), p).truth == T);
    CHECK(eval(make_not(maybe()), p).missing == std::vector<std::string>{"alt"});
  }
  SUBCASE("if(c, t) = (not c) or t") {
    CHECK(eval(make_if(no(), maybe()), p).truth == T);   // the guard does not hold
    CHECK(eval(make_if(no(), no()), p).truth == T);
    CHECK(eval(make_if(yes(), no()), p).truth == F);
    CHECK(eval(make_if(yes(), yes()), p).truth == T);
    CHECK(eval(make_if(maybe(), yes()), p).truth == T);
    const Evaluation uf = eval(make_if(maybe(), no()), p);
    CHECK(uf.truth == U);
    CHECK(uf.missing == std::vector<std::string>{"alt"});
    const Evaluation uu = eval(make_if(maybe(), maybe("ast")), p);
    CHECK(uu.missing == std::vector<std::string>{"alt", "ast"});
    const Evaluation tu = eval(make_if(yes(), maybe("ast")), p);
    CHECK(tu.truth == U);
    CHECK(tu.missing == std::vector<std::string>{"ast"});
  }
  SUBCASE("a variable missing twice is named once") {
    CHECK(eval(make_all({maybe(), maybe()}), p).missing == std::vector<std::string>{"alt"});
  }
}

TEST_CASE("sex compares with the recorded sex; unknown where none is recorded") {
  const Evaluation e = eval(sex("female"), native({{"id", "X"}, {"birth_date", "2000-01-01"}}));
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"sex"});
  CHECK(eval(sex("male"), native({{"id", "M"}, {"sex", "M"}})).truth == T);
}

TEST_CASE("text: unknown; judgement marks an unknown that only a person can decide") {
  const Patient p = woman();
  const Evaluation j = eval(make_text("Willing to comply", TextReason::judgement), p);
  CHECK(j.truth == U);
  CHECK(j.judgement);
  CHECK(j.missing.empty());
  const Evaluation n = eval(make_text("Contraindication to bone marrow collection", TextReason::not_understood), p);
  CHECK(n.truth == U);
  CHECK_FALSE(n.judgement);
  REQUIRE(n.evidence.size() == 1);
  CHECK(n.evidence[0].note == "not understood: a person must read it");
  // Only judgement left unknown: still a judgement. A missing lab as well: not only a judgement.
  CHECK(eval(make_all({yes(), make_text("consent", TextReason::judgement)}), p).judgement);
  CHECK_FALSE(eval(make_all({maybe(), make_text("consent", TextReason::judgement)}), p).judgement);
  CHECK(eval(make_all({no(), make_text("consent", TextReason::judgement)}), p).truth == F);
  CHECK_FALSE(eval(make_all({no(), make_text("consent", TextReason::judgement)}), p).judgement);
}

TEST_CASE("age: completed years at the reference date") {
  // 35 years and 8 months on 2026-11-21.
  const Patient p = native({{"id", "A"}, {"birth_date", "1991-03-05"}});
  CHECK(eval(cmp("age", Comparator::le, 35, "a"), p).truth == T);
  CHECK(eval(cmp("age", Comparator::lt, 35, "a"), p).truth == F);
  CHECK(eval(cmp("age", Comparator::ge, 36, "a"), p).truth == F);
  CHECK(eval(cmp("age", Comparator::gt, 35, "a"), p).truth == F);
  CHECK(eval(cmp("age", Comparator::ge, 3, "a"), p).truth == T);
  CHECK(eval(cmp("age", Comparator::eq, 35, "a"), p).truth == T);
  const Evaluation e = eval(cmp("age", Comparator::le, 35, "a"), p);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].fact == "35 a (born 1991-03-05)");
  CHECK(e.evidence[0].threshold == "<= 35 a");
  CHECK(e.evidence[0].source == "birth_date");
  // A fractional year threshold compares completed months: 35 a 8 mo is past 35.5 a.
  CHECK(eval(cmp("age", Comparator::gt, 35.5, "a"), p).truth == T);
  // Completed months: 428.
  CHECK(eval(cmp("age", Comparator::ge, 428, "mo"), p).truth == T);
  CHECK(eval(cmp("age", Comparator::ge, 429, "mo"), p).truth == F);
}

TEST_CASE("age: birthday edges, months, exact weeks and days") {
  CHECK(eval(cmp("age", Comparator::ge, 16, "a"), native({{"id", "B"}, {"birth_date", "2010-11-21"}})).truth == T);
  CHECK(eval(cmp("age", Comparator::ge, 16, "a"), native({{"id", "B"}, {"birth_date", "2010-11-22"}})).truth == F);
  CHECK(eval(cmp("age", Comparator::lt, 16, "a"), native({{"id", "B"}, {"birth_date", "2010-11-22"}})).truth == T);
  // "older than 6 months": born 2026-05-21 is 6 completed months on 2026-11-21; a day later is 5.
  CHECK(eval(cmp("age", Comparator::ge, 6, "mo"), native({{"id", "C"}, {"birth_date", "2026-05-21"}})).truth == T);
  CHECK(eval(cmp("age", Comparator::ge, 6, "mo"), native({{"id", "C"}, {"birth_date", "2026-05-22"}})).truth == F);
  // 6 weeks = 42 days exactly.
  CHECK(eval(cmp("age", Comparator::ge, 6, "wk"), native({{"id", "D"}, {"birth_date", "2026-10-10"}})).truth == T);
  CHECK(eval(cmp("age", Comparator::ge, 6, "wk"), native({{"id", "D"}, {"birth_date", "2026-10-11"}})).truth == F);
  CHECK(eval(cmp("age", Comparator::ge, 28, "d"), native({{"id", "E"}, {"birth_date", "2026-10-24"}})).truth == T);
  CHECK(eval(cmp("age", Comparator::ge, 28, "d"), native({{"id", "E"}, {"birth_date", "2026-10-25"}})).truth == F);
}

TEST_CASE("age: recorded as an amount, decided only where its whole span agrees") {
  const Patient p = native({{"id", "R"}, {"age", {{"value", 14}, {"unit", "a"}}}});
  CHECK(eval(cmp("age", Comparator::ge, 16, "a"), p).truth == F);
  CHECK(eval(cmp("age", Comparator::le, 14, "a"), p).truth == T);
  CHECK(eval(cmp("age", Comparator::ge, 168, "mo"), p).truth == T);  // 14 a is 168..179 mo
  const Evaluation e = eval(cmp("age", Comparator::ge, 170, "mo"), p);
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"birth date"});
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].conversion == "14 a = 168 to 179 mo");
}

TEST_CASE("age: unknown without a birth date, or with one after the reference date") {
  const Evaluation none = eval(cmp("age", Comparator::ge, 3, "a"), native({{"id", "N"}, {"sex", "male"}}));
  CHECK(none.truth == U);
  CHECK(none.missing == std::vector<std::string>{"age"});
  const Evaluation later = eval(cmp("age", Comparator::ge, 3, "a"), native({{"id", "L"}, {"birth_date", "2026-11-01"}}),
                                options_at("2026-10-01"));
  CHECK(later.truth == U);
  REQUIRE(later.evidence.size() == 1);
  CHECK(later.evidence[0].note == "birth date 2026-11-01 is after the reference date");
}

TEST_CASE("contract JSON trees evaluate: the seed's Karnofsky / Lansky line on both sides of 16") {
  const Node tree = node_from_json(json::parse(R"({"op": "all", "args": [
    {"op": "if", "cond": {"op": "cmp", "var": "age", "cmp": ">=", "value": 16, "unit": "a"},
                 "then": {"op": "cmp", "var": "karnofsky", "cmp": ">=", "value": 70, "unit": "1"}},
    {"op": "if", "cond": {"op": "cmp", "var": "age", "cmp": "<", "value": 16, "unit": "a"},
                 "then": {"op": "cmp", "var": "lansky", "cmp": ">=", "value": 70, "unit": "1"}}]})"));
  auto patient = [](const char* birth, double karnofsky, double lansky) {
    return native({{"id", "K"},
                   {"birth_date", birth},
                   {"observations",
                    {{{"code", "karnofsky"}, {"value", karnofsky}, {"date", "2026-11-10"}},
                     {{"code", "lansky"}, {"value", lansky}, {"date", "2026-11-10"}}}}});
  };
  // 15 years 11 months: Lansky decides.
  CHECK(eval(tree, patient("2010-12-20", 60, 80)).truth == T);
  CHECK(eval(tree, patient("2010-12-20", 80, 60)).truth == F);
  // 16 years exactly: Karnofsky decides.
  CHECK(eval(tree, patient("2010-11-21", 60, 80)).truth == F);
  CHECK(eval(tree, patient("2010-11-21", 80, 60)).truth == T);
  // A tie holds: >= 70 with 70.
  CHECK(eval(tree, patient("2010-11-21", 70, 0)).truth == T);
  // No birth date: both guards unknown, both scores known and passing -> true; one failing -> unknown.
  const Patient no_age = native({{"id", "K"},
                                 {"observations",
                                  {{{"code", "karnofsky"}, {"value", 80}, {"date", "2026-11-10"}},
                                   {{"code", "lansky"}, {"value", 50}, {"date", "2026-11-10"}}}}});
  const Evaluation e = eval(tree, no_age);
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"age"});
}

TEST_CASE("evidence off: same truth, nothing reported") {
  const Patient p = native({{"id", "Q"}, {"sex", "female"}, {"birth_date", "2000-01-01"}});
  const Node tree = make_all({yes(), maybe(), make_text("consent", TextReason::judgement), has("hiv_infection")});
  const Evaluation with = eval(tree, p);
  const Evaluation without = eval(tree, p, options_at("2026-11-21", false, false));
  CHECK(with.truth == without.truth);
  CHECK(without.evidence.empty());
  CHECK(without.missing.empty());
  CHECK_FALSE(with.evidence.empty());
}

TEST_CASE("evaluate is safe to share across threads") {
  const Patient p = native({{"id", "Z"},
                            {"sex", "female"},
                            {"birth_date", "1991-03-05"},
                            {"observations", {{{"code", "creatinine"}, {"value", 1.2}, {"unit", "mg/dL"}, {"date", "2026-11-01"}}}}});
  const Node tree = make_all({cmp("age", Comparator::le, 35, "a"), cmp("creatinine", Comparator::le, 176.8, "umol/L"),
                              make_not(has("hiv_infection"))});
  const Evaluation reference = eval(tree, p);
  std::vector<std::thread> threads;
  std::vector<int> agree(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const Evaluation e = eval(tree, p);
        agree[t] += e.truth == reference.truth && e.evidence.size() == reference.evidence.size();
      }
    });
  for (auto& th : threads) th.join();
  CHECK(reference.truth == T);
  CHECK(agree == std::vector<int>(4, 200));
}
