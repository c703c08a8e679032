// Windows counted from the moment of matching or from another event ("within one month of the fracture").
#include <doctest/doctest.h>

#include "test_eval_support.hpp"
#include "trialmatch/engine/moments.hpp"
#include "trialmatch/engine/predicate_json.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

Node has_before(std::string concept_id, Amount within, std::string before) {
  Node n = has(std::move(concept_id), within);
  std::get<Has>(n.kind).before = std::move(before);
  return n;
}
Patient operated(const char* date) {
  return native({{"id", "P-WF"}, {"sex", "female"}, {"birth_date", "1960-05-14"},
                 {"procedures", json::array({{{"code", "allogeneic_hsct"}, {"date", date}}})}});
}

}  // namespace

TEST_CASE("the moment of matching, however a registry names it") {
  for (std::string id : {"", "screening", "study_entry", "enrolment_into_study", "time_of_screening", "the_screening_visit",
                         "randomization_visit", "baseline_visit", "visit_1", "beginning_of_study", "study_began",
                         "commencement_of_our_study", "informed_consent", "first_dose_of_study_drug", "day_1",
                         "initiation_of_study_treatment", "dosing", "this_study", "screening_period", "entering_the_trial", "day_1_of_treatment",
                         "signing_informed_consent", "participation_in_the_study"}) {
    CAPTURE(id);
    CHECK(is_moment_of_matching(id));
  }
  // Other events, whose dates the profile does not give: a named drug's start, the study's own procedure,
  // an admission, a screening test of its own, an enrolment into something else ("into" what?).
  for (std::string id : {"fracture", "surgery", "admission", "surgical_procedure", "cystoscopy",
                         "initiation_of_novomix_30_treatment", "screening_dbpcfc", "initial_enrollment_into",
                         "transfer_out_of_icu", "estimated_lmp", "visit_3", "study_drug_discontinuation"}) {
    CAPTURE(id);
    CHECK_FALSE(is_moment_of_matching(id));
  }
}

TEST_CASE("a window counted from another event: a record cannot be placed in it; no record decides") {
  const Node node = has_before("allogeneic_hsct", Amount{1, "mo"}, "fracture");
  // Recent or old, the surgery may or may not be within a month of a fracture the profile does not date.
  for (const char* date : {"2026-11-01", "2001-03-02"}) {
    CAPTURE(date);
    const Evaluation e = eval(node, operated(date));
    CHECK(e.truth == U);
    REQUIRE(!e.evidence.empty());
    CHECK(e.evidence[0].note == "recorded, but the window counts from another event, which the profile does not date");
    CHECK(e.evidence[0].threshold == "recorded within 1 mo before fracture");
    CHECK(e.missing == std::vector<std::string>{"date of fracture"});
  }
  // No surgery at all: none within a month of anything (closed world); unknown in an open world.
  const Patient none = native({{"id", "P-WF0"}, {"sex", "female"}, {"birth_date", "1960-05-14"}});
  CHECK(eval(node, none).truth == F);
  CHECK(eval(node, none, options_at("2026-11-21", true)).truth == U);
  // The same window from the moment of matching is decided from the dates.
  CHECK(eval(has_before("allogeneic_hsct", Amount{1, "mo"}, "screening"), operated("2026-11-01")).truth == T);
  CHECK(eval(has_before("allogeneic_hsct", Amount{1, "mo"}, "screening"), operated("2001-03-02")).truth == F);
}

TEST_CASE("a condition begun before the window with no status and no end may last into it: unknown") {
  auto diagnosed = [](json extra) {
    json c = {{"code", "hiv_infection"}, {"onset", "2010-03-01"}};
    c.update(extra);
    return native({{"id", "P-WS"}, {"sex", "female"}, {"birth_date", "1960-05-14"}, {"conditions", json::array({c})}});
  };
  const Node node = has("hiv_infection", Amount{5, "a"});
  const Evaluation bare = eval(node, diagnosed(json::object()));
  CHECK(bare.truth == U);
  REQUIRE(!bare.evidence.empty());
  CHECK(bare.evidence[0].note == "began before the window, with no status or end that says it ended: may last into it");
  CHECK(eval(node, diagnosed({{"status", "active"}})).truth == T);
  CHECK(eval(node, diagnosed({{"status", "resolved"}})).truth == F);
  CHECK(eval(node, diagnosed({{"end", "2012-01-01"}})).truth == F);
  // A treatment or procedure has a date of its own: an old one is outside the window.
  CHECK(eval(has("allogeneic_hsct", Amount{5, "a"}), operated("2010-03-01")).truth == F);
}

TEST_CASE("onset: the window or the dates hold the event's start, not any day of it") {
  auto diagnosed = [](json extra) {
    json c = {{"code", "hiv_infection"}, {"status", "active"}};
    c.update(extra);
    return native({{"id", "P-ON"}, {"sex", "female"}, {"birth_date", "1960-05-14"}, {"conditions", json::array({c})}});
  };
  Node node = has("hiv_infection", Amount{5, "a"});
  std::get<Has>(node.kind).onset = true;
  // Active since 2010: present in the last 5 years, but not diagnosed in them.
  CHECK(eval(has("hiv_infection", Amount{5, "a"}), diagnosed({{"onset", "2010-03-01"}})).truth == T);
  const Evaluation old = eval(node, diagnosed({{"onset", "2010-03-01"}}));
  CHECK(old.truth == F);
  CHECK(old.evidence[0].note == "began before the window");
  CHECK(old.evidence[0].threshold == "began within 5 a (2021-11-21..2026-11-21)");
  CHECK(eval(node, diagnosed({{"onset", "2023-03-01"}})).truth == T);
  const Evaluation undated = eval(node, diagnosed(json::object()));
  CHECK(undated.truth == U);
  CHECK(undated.missing == std::vector<std::string>{"date of hiv_infection"});
  // Calendar bounds: "diagnosed since 2010".
  Node since = has("hiv_infection");
  std::get<Has>(since.kind).dated_from = "2010-01-01";
  std::get<Has>(since.kind).onset = true;
  CHECK(eval(since, diagnosed({{"onset", "2005-06-01"}})).truth == F);
  CHECK(eval(since, diagnosed({{"onset", "2012-06-01"}})).truth == T);
  std::get<Has>(since.kind).onset = false;
  CHECK(eval(since, diagnosed({{"onset", "2005-06-01"}})).truth == T);  // active since 2005: present since 2010
}

TEST_CASE("onset in the predicate JSON, the canonical form and sameness") {
  const Node n = node_from_json(json::parse(R"({"op": "has", "concept": "hiv_infection", "within": {"value": 5, "unit": "a"}, "onset": true})"));
  CHECK(std::get<Has>(n.kind).onset);
  CHECK(to_canonical(n) == "has hiv_infection onset within 5 a");
  CHECK(to_json(n).at("onset") == true);
  CHECK_FALSE(same_canonical(n, node_from_json(json::parse(R"({"op": "has", "concept": "hiv_infection", "within": {"value": 5, "unit": "a"}})"))));
  CHECK_THROWS(node_from_json(json::parse(R"({"op": "has", "concept": "hiv_infection", "onset": "yes"})")));
}
