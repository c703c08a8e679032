// Events: closed vs open world, known negatives, is_a, status, time windows, exceptions.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

Patient with(const char* list, json items) {
  return native({{"id", "P-EV"}, {"sex", "female"}, {"birth_date", "2012-05-14"}, {list, std::move(items)}});
}
Amount weeks(double n) { return {n, "wk"}; }
}  // namespace

TEST_CASE("closed world: a condition not listed is absent, marked 'not recorded'; open world: unknown") {
  const Patient p = with("conditions", json::array({{{"code", "beta_thalassemia"}, {"status", "active"}}}));
  const Evaluation closed = eval(has("hiv_infection"), p);
  CHECK(closed.truth == F);
  REQUIRE(closed.evidence.size() == 1);
  CHECK(closed.evidence[0].note == "not recorded");
  CHECK(closed.evidence[0].fact == "not recorded");
  const Evaluation open = eval(has("hiv_infection"), p, options_at("2026-11-21", true));
  CHECK(open.truth == U);
  CHECK(open.missing == std::vector<std::string>{"hiv_infection"});
  CHECK(eval(has("beta_thalassemia"), p).truth == T);
  CHECK(eval(has("beta_thalassemia"), p, options_at("2026-11-21", true)).truth == T);
}

TEST_CASE("a recorded `status: absent` is a known negative, in either world") {
  const Patient p = with("conditions", json::array({{{"code", {{"system", "http://snomed.info/sct"}, {"code", "86406008"}}},
                                                     {"text", "HIV infection"},
                                                     {"status", "absent"}}}));
  for (bool open : {false, true}) {
    CAPTURE(open);
    const Evaluation e = eval(has("hiv_infection"), p, options_at("2026-11-21", open));
    CHECK(e.truth == F);
    REQUIRE(e.evidence.size() == 1);
    CHECK(e.evidence[0].note == "recorded as absent (a known negative)");
    CHECK(e.missing.empty());
  }
}

TEST_CASE("measured concepts are open world even for has") {
  const Evaluation e = eval(has("cd5_expression"), with("conditions", json::array()));
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"cd5_expression"});
}

TEST_CASE("prednisone is a systemic corticosteroid (ATC prefix)") {
  const Patient p = with("medications", json::array({{{"code", "prednisone"}, {"start", "2026-11-19"}}}));
  const Evaluation e = eval(has("systemic_corticosteroids", Amount{72, "h"}), p);
  CHECK(e.truth == T);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].note == "prednisone is a systemic_corticosteroids");
  CHECK(eval(has("systemic_corticosteroids", weeks(1)), p).truth == T);
  CHECK(eval(has("hydroxyurea"), p).truth == F);
  // The other way round does not hold: a class is not one of its members, and a record of the class does
  // not say which member it was, so a criterion on one member is left to a person.
  const Patient cls = with("medications", json::array({{{"code", "systemic_corticosteroids"}, {"start", "2026-11-19"}}}));
  CHECK(eval(has("prednisone"), cls).truth == U);
}

TEST_CASE("a live vaccine 3 weeks before is within 6 weeks; 10 weeks before is not") {
  auto vaccinated = [](const char* date) {
    return with("immunizations", json::array({{{"code", "live_vaccine"}, {"text", "MMR"}, {"date", date}}}));
  };
  const Node node = has("live_vaccine", weeks(6));
  const Evaluation three = eval(node, vaccinated("2026-10-31"));
  CHECK(three.truth == T);
  CHECK(three.evidence[0].threshold == "recorded within 6 wk (2026-10-10..2026-11-21)");
  const Evaluation ten = eval(node, vaccinated("2026-09-12"));
  CHECK(ten.truth == F);
  CHECK(ten.evidence.back().note == "not recorded in the window");
  // Window edges: 41 days before is in, 43 is out; 42, exactly 6 weeks, is unknown ("within 6 weeks" may take
  // it in, "at least 6 weeks since" is met on it: tests/unit/test_eval_audit12.cpp); the reference date itself
  // is in; after it, out.
  CHECK(eval(node, vaccinated("2026-10-11")).truth == T);
  CHECK(eval(node, vaccinated("2026-10-10")).truth == U);
  CHECK(eval(node, vaccinated("2026-10-09")).truth == F);
  CHECK(eval(node, vaccinated("2026-11-21")).truth == T);
  CHECK(eval(node, vaccinated("2026-11-22")).truth == F);
  // Months are calendar months: 3 mo before 2026-11-21 is 2026-08-21 (the edge, unknown).
  CHECK(eval(has("live_vaccine", Amount{3, "mo"}), vaccinated("2026-08-22")).truth == T);
  CHECK(eval(has("live_vaccine", Amount{3, "mo"}), vaccinated("2026-08-21")).truth == U);
  CHECK(eval(has("live_vaccine", Amount{3, "mo"}), vaccinated("2026-08-20")).truth == F);
}

TEST_CASE("an undated event cannot be placed in a window") {
  const Patient p = with("immunizations", json::array({{{"code", "live_vaccine"}, {"text", "MMR"}}}));
  const Evaluation e = eval(has("live_vaccine", weeks(6)), p);
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"date of live_vaccine"});
  // Without a window it is simply recorded.
  CHECK(eval(has("live_vaccine"), p).truth == T);
}

TEST_CASE("a treatment whose period overlaps the window counts") {
  auto treated = [](json item) { return with("medications", json::array({std::move(item)})); };
  const Node node = has("hydroxyurea", Amount{3, "mo"});
  CHECK(eval(node, treated({{"code", "hydroxyurea"}, {"start", "2026-01-10"}, {"end", "2026-09-30"}})).truth == T);
  CHECK(eval(node, treated({{"code", "hydroxyurea"}, {"start", "2026-01-10"}, {"end", "2026-08-22"}})).truth == T);
  CHECK(eval(node, treated({{"code", "hydroxyurea"}, {"start", "2026-01-10"}, {"end", "2026-08-21"}})).truth == U);
  CHECK(eval(node, treated({{"code", "hydroxyurea"}, {"start", "2026-01-10"}, {"end", "2026-08-20"}})).truth == F);
  // Ongoing (no end, active) reaches the reference date; with no status and no end it may or may not.
  CHECK(eval(node, treated({{"code", "hydroxyurea"}, {"start", "2024-01-10"}, {"status", "active"}})).truth == T);
  CHECK(eval(node, treated({{"code", "hydroxyurea"}, {"start", "2024-01-10"}})).truth == U);
  // Completed with no end date: it ended on a day not recorded, which may lie in the window (audit12).
  CHECK(eval(node, treated({{"code", "hydroxyurea"}, {"start", "2024-01-10"}, {"status", "completed"}})).truth == U);
}

TEST_CASE("status: active wants an event not resolved before the reference date; history takes any") {
  auto condition = [](json item) { return with("conditions", json::array({std::move(item)})); };
  const Patient resolved = condition({{"code", "hepatitis_b"}, {"status", "resolved"}, {"onset", "2015-01-01"}, {"abatement", "2016-01-01"}});
  CHECK(eval(has("hepatitis_b", std::nullopt, "active"), resolved).truth == F);
  CHECK(eval(has("hepatitis_b", std::nullopt, "history"), resolved).truth == T);
  CHECK(eval(has("hepatitis_b"), resolved).truth == T);
  const Patient active = condition({{"code", "hepatitis_b"}, {"status", "active"}, {"onset", "2015-01-01"}});
  CHECK(eval(has("hepatitis_b", std::nullopt, "active"), active).truth == T);
  // Abated after the reference date: still active then.
  const Patient later = condition({{"code", "hepatitis_b"}, {"status", "resolved"}, {"onset", "2015-01-01"}, {"abatement", "2027-01-01"}});
  CHECK(eval(has("hepatitis_b", std::nullopt, "active"), later).truth == T);
  // A condition with no clinical status: whether it is active is unknown.
  const Evaluation bare = eval(has("hepatitis_b", std::nullopt, "active"), condition({{"code", "hepatitis_b"}, {"onset", "2015-01-01"}}));
  CHECK(bare.truth == U);
  CHECK(bare.missing == std::vector<std::string>{"hepatitis_b"});
}

TEST_CASE("a procedure recorded by its date alone does not say it goes on: 'currently' is unknown, windows still read the date") {
  auto procedure = [](json item) { return with("procedures", json::array({std::move(item)})); };
  const Patient dated = procedure({{"code", "allogeneic_hsct"}, {"date", "2015-03-01"}});
  const Evaluation now = eval(has("allogeneic_hsct", std::nullopt, "active"), dated);
  CHECK(now.truth == U);
  CHECK(now.missing == std::vector<std::string>{"allogeneic_hsct"});
  CHECK(eval(has("allogeneic_hsct"), dated).truth == T);                 // ever: the record says so
  CHECK(eval(has("allogeneic_hsct", weeks(26)), dated).truth == F);      // placed at its date, long before the window
  CHECK(eval(has("allogeneic_hsct", std::nullopt, "active"), procedure({{"code", "allogeneic_hsct"}, {"status", "in-progress"}, {"date", "2015-03-01"}})).truth == T);
  CHECK(eval(has("allogeneic_hsct", std::nullopt, "active"), procedure({{"code", "allogeneic_hsct"}, {"status", "completed"}, {"date", "2015-03-01"}})).truth == F);
  CHECK(eval(has("allogeneic_hsct", std::nullopt, "active"), procedure({{"code", "allogeneic_hsct"}, {"date", "2015-03-01"}, {"end", "2016-01-01"}})).truth == F);
}

TEST_CASE("an event starting after the reference date is not yet an event") {
  const Patient p = with("procedures", json::array({{{"code", "allogeneic_hsct"}, {"date", "2027-01-15"}}}));
  CHECK(eval(has("allogeneic_hsct"), p).truth == F);
}

TEST_CASE("a has with an exception: true becomes unknown, naming the exception") {
  const Patient p = with("medications", json::array({{{"code", "prednisone"}, {"start", "2026-11-20"}}}));
  const Node node = has("systemic_corticosteroids", Amount{72, "h"}, "", "glucocorticoid physiological replacement therapy");
  const Evaluation e = eval(node, p);
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"exception: glucocorticoid physiological replacement therapy"});
  CHECK_FALSE(e.judgement);
  // Not recorded: the exception does not matter.
  CHECK(eval(node, with("medications", json::array())).truth == F);
}

TEST_CASE("an unconfirmed (provisional) condition is neither present nor absent") {
  const Patient p = with("conditions", json::array({{{"code", "hepatitis_b"}, {"status", "unconfirmed"}, {"onset", "2026-10-01"}}}));
  const Evaluation e = eval(has("hepatitis_b"), p);
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"hepatitis_b"});
}

TEST_CASE("the seed's platelet line: all(any(wbc < 3, platelets < 100), not(has hypersplenism))") {
  const Node tree = make_all({make_any({cmp("wbc", Comparator::lt, 3, "10*9/L"), cmp("platelets", Comparator::lt, 100, "10*9/L")}),
                              make_not(has("hypersplenism"))});
  json platelets = {{"code", "platelets"}, {"value", 85000}, {"unit", "/uL"}, {"date", "2026-11-10"}};
  const Patient low = native({{"id", "PLT"}, {"observations", {platelets}}});
  const Evaluation e = eval(tree, low);
  CHECK(e.truth == T);  // wbc unknown, but platelets decide the any; hypersplenism not recorded
  CHECK(e.missing.empty());
  const Patient spleen = native({{"id", "PLT"},
                                 {"observations", {platelets}},
                                 {"conditions", {{{"code", "hypersplenism"}, {"status", "active"}}}}});
  CHECK(eval(tree, spleen).truth == F);
  const Evaluation open = eval(tree, low, options_at("2026-11-21", true));
  CHECK(open.truth == U);
  CHECK(open.missing == std::vector<std::string>{"hypersplenism"});
}

TEST_CASE("a record only as specific as a wider concept leaves a narrower criterion to a person") {
  // The record says beta thalassemia; the criterion asks for transfusion-dependent beta thalassemia.
  const Patient p = with("conditions", json::array({{{"code", "beta_thalassemia"}, {"status", "active"},
                                                     {"onset", "2013-01-20"}}}));
  const Evaluation narrower = eval(has("transfusion_dependent_thalassemia"), p);
  CHECK(narrower.truth == U);
  CHECK(narrower.missing == std::vector<std::string>{"whether beta_thalassemia is transfusion_dependent_thalassemia"});
  // The wider criterion is met by the record as before; an unrelated one is still absent (closed world).
  CHECK(eval(has("beta_thalassemia"), p).truth == T);
  CHECK(eval(has("hiv_infection"), p).truth == F);
  // A wider record the window rules out decides nothing: the narrower criterion is then not recorded.
  Node windowed = has("transfusion_dependent_thalassemia");
  std::get<Has>(windowed.kind).within = Amount{1, "a"};
  const Patient old = with("conditions", json::array({{{"code", "beta_thalassemia"}, {"status", "resolved"},
                                                       {"onset", "2013-01-20"}, {"abatement", "2014-01-01"}}}));
  CHECK(eval(windowed, old).truth == F);
}
