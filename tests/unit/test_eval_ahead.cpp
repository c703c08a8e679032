// Windows that look ahead ("planned surgery within the next 12 months"): past events never meet them; a
// planned event dated inside the window does; without one the answer is unknown, in either world.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"
#include "trialmatch/engine/predicate_json.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

Node ahead(std::string concept_id, Amount within) {
  Node n = has(std::move(concept_id), std::move(within));
  std::get<Has>(n.kind).ahead = true;
  return n;
}
Patient transplant_on(const char* date, const char* status = "") {
  json item{{"code", "allogeneic_hsct"}, {"date", date}};
  if (*status) item["status"] = status;
  return native({{"id", "P-AH"}, {"sex", "female"}, {"birth_date", "1980-05-14"}, {"procedures", json::array({item})}});
}

}  // namespace

TEST_CASE("a window ahead: a past event never meets it, and nothing recorded is unknown, never false") {
  const Node node = ahead("allogeneic_hsct", {12, "mo"});
  for (bool open : {false, true}) {
    CAPTURE(open);
    const EvalOptions o = options_at("2026-11-21", open);
    // Done last month: a past event, which the window ahead does not look at.
    const Evaluation past = eval(node, transplant_on("2026-10-02"), o);
    CHECK(past.truth == U);
    REQUIRE(past.evidence.size() == 1);
    CHECK(past.evidence[0].note == "not a planned event: only a date after the reference date is ahead");
    CHECK(past.missing == std::vector<std::string>{"whether allogeneic_hsct is planned"});
    // Nothing recorded at all: the record cannot show that nothing is planned.
    const Patient none = native({{"id", "P-AH0"}, {"sex", "female"}, {"birth_date", "1980-05-14"}});
    CHECK(eval(node, none, o).truth == U);
  }
  // The same concept with a past window is decided by the past event, as before.
  CHECK(eval(has("allogeneic_hsct", Amount{12, "mo"}), transplant_on("2026-10-02")).truth == T);
}

TEST_CASE("a window ahead: a planned event dated inside it makes it true; after it or cancelled, unknown") {
  const Node node = ahead("allogeneic_hsct", {12, "mo"});
  const Evaluation planned = eval(node, transplant_on("2027-03-01"));
  CHECK(planned.truth == T);
  REQUIRE(planned.evidence.size() == 1);
  CHECK(planned.evidence[0].threshold == "planned within the next 12 mo (2026-11-21..2027-11-21)");
  // Edges: the reference date itself is not ahead; the window's last day is in, the day after is out.
  CHECK(eval(node, transplant_on("2026-11-21")).truth == U);
  CHECK(eval(node, transplant_on("2027-11-21")).truth == T);
  CHECK(eval(node, transplant_on("2027-11-22")).truth == U);
  CHECK(eval(node, transplant_on("2027-03-01", "cancelled")).truth == U);
  // Under a negation (an exclusion's reading) the unknown stays unknown: no one is included by accident.
  CHECK(eval(make_not(node), transplant_on("2026-10-02")).truth == U);
  CHECK(eval(make_not(node), transplant_on("2027-03-01")).truth == F);
}

TEST_CASE("a window ahead in JSON: within.ahead, written only where true, and read back") {
  const Node node = ahead("allogeneic_hsct", {12, "mo"});
  const json j = to_json(node);
  CHECK(j["within"] == json{{"value", 12.0}, {"unit", "mo"}, {"ahead", true}});
  CHECK(node_from_json(j) == node);
  CHECK(to_canonical(node) == "has allogeneic_hsct within 12 mo ahead");
  CHECK_FALSE(to_json(has("allogeneic_hsct", Amount{12, "mo"}))["within"].contains("ahead"));
  CHECK_FALSE(same_canonical(node, has("allogeneic_hsct", Amount{12, "mo"})));
}

TEST_CASE("a window ahead is left to evaluate(): the bound tree does not bind it") {
  const BoundTree bound = BoundTree::bind(ahead("allogeneic_hsct", {12, "mo"}), test_lexicon());
  CHECK_FALSE(bound.bound());
  CHECK(BoundTree::bind(has("allogeneic_hsct", Amount{12, "mo"}), test_lexicon()).bound());
}
