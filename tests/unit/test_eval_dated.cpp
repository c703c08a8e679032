// Calendar bounds on an event ("diagnosed since 2010", "implanted between 1 January 2014 and 1 October
// 2015"): any day of the event in the bounds meets them; an event without a date is unknown, never false.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"
#include "trialmatch/engine/predicate_json.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

Node dated(std::string concept_id, std::string from, std::string to) {
  Node n = has(std::move(concept_id));
  auto& h = std::get<Has>(n.kind);
  h.dated_from = std::move(from);
  h.dated_to = std::move(to);
  return n;
}
Patient diagnosed(json item) {
  return native({{"id", "P-D"}, {"sex", "female"}, {"birth_date", "1970-02-03"}, {"conditions", json::array({item})}});
}

}  // namespace

TEST_CASE("calendar bounds: an event dated inside them meets them, one outside does not") {
  const Node since = dated("hepatitis_b", "2010-01-01", "");
  CHECK(eval(since, diagnosed({{"code", "hepatitis_b"}, {"onset", "2012-05-01"}})).truth == T);
  CHECK(eval(since, diagnosed({{"code", "hepatitis_b"}, {"onset", "2010-01-01"}})).truth == T);
  // Diagnosed in 2008 and resolved in 2009: no day of it since 2010.
  const Evaluation old = eval(since, diagnosed({{"code", "hepatitis_b"}, {"onset", "2008-03-01"}, {"abatement", "2009-01-01"}}));
  CHECK(old.truth == F);
  // Still active from 2008: it lasts into the bounds.
  CHECK(eval(since, diagnosed({{"code", "hepatitis_b"}, {"onset", "2008-03-01"}, {"status", "active"}})).truth == T);

  const Node between = dated("hepatitis_b", "2014-01-01", "2015-10-01");
  CHECK(eval(between, diagnosed({{"code", "hepatitis_b"}, {"onset", "2015-10-01"}})).truth == T);
  CHECK(eval(between, diagnosed({{"code", "hepatitis_b"}, {"onset", "2015-10-02"}})).truth == F);
  CHECK(eval(between, diagnosed({{"code", "hepatitis_b"}, {"onset", "2013-12-31"}})).truth == F);
  // No date: it cannot be placed, and the missing fact says so.
  const Evaluation undated = eval(between, diagnosed({{"code", "hepatitis_b"}}));
  CHECK(undated.truth == U);
  CHECK(undated.missing == std::vector<std::string>{"date of hepatitis_b"});
  REQUIRE_FALSE(undated.evidence.empty());
  CHECK(undated.evidence[0].threshold == "recorded dated 2014-01-01..2015-10-01");
  // Under a negation (an exclusion's reading) an undated event stays unknown: no one is included by accident.
  CHECK(eval(make_not(between), diagnosed({{"code", "hepatitis_b"}})).truth == U);
}

TEST_CASE("calendar bounds in JSON and the canonical form, and left to evaluate() by the bound tree") {
  const Node node = dated("allogeneic_hsct", "2010-01-01", "2016-06-30");
  const json j = to_json(node);
  CHECK(j["dated"] == json{{"from", "2010-01-01"}, {"to", "2016-06-30"}});
  CHECK(node_from_json(j) == node);
  CHECK(to_canonical(node) == "has allogeneic_hsct dated 2010-01-01..2016-06-30");
  CHECK(to_canonical(dated("allogeneic_hsct", "", "2014-12-31")) == "has allogeneic_hsct dated ..2014-12-31");
  CHECK_FALSE(to_json(has("allogeneic_hsct")).contains("dated"));
  CHECK_FALSE(same_canonical(node, has("allogeneic_hsct")));
  CHECK_THROWS(node_from_json(json{{"op", "has"}, {"concept", "x"}, {"dated", {{"from", "2010-13-01"}}}}));
  CHECK_FALSE(BoundTree::bind(node, test_lexicon()).bound());
}
