// Variables and concepts the lexicon does not list: read, shown, and always left to a person.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"
#include "trialmatch/engine/predicate_json.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {
Node unlisted_cmp(const char* id, const char* name, Comparator op, double value, const char* unit) {
  Node n = cmp(id, op, value, unit);
  std::get<Cmp>(n.kind).name = name;
  return n;
}
Node unlisted_has(const char* id, const char* name) {
  Node n = has(id);
  std::get<Has>(n.kind).name = name;
  return n;
}
}  // namespace

TEST_CASE("an unlisted variable is unknown even where the record holds a fact under the same id") {
  // The slug of an unlisted name may equal a fact's id by accident; it must never decide.
  const Patient p = native({{"id", "P-UL"}, {"sex", "female"}, {"birth_date", "1980-01-01"},
                            {"observations", json::array({{{"code", "alt"}, {"value", 500}, {"unit", "U/L"},
                                                           {"date", "2026-11-01"}}})}});
  const Evaluation e = eval(unlisted_cmp("alt", "alt", Comparator::le, 40, "U/L"), p);
  CHECK(e.truth == U);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].fact == "not in the lexicon");
  CHECK(e.missing == std::vector<std::string>{"alt (not in the lexicon)"});
}

TEST_CASE("an unlisted event is unknown in the closed world too: absence from the record proves nothing") {
  const Patient p = native({{"id", "P-UL"}, {"sex", "male"}, {"birth_date", "1980-01-01"}});
  Node n = unlisted_has("bowel_resection", "bowel resection");
  std::get<Has>(n.kind).within = Amount{6, "mo"};
  for (bool open : {false, true}) {
    CAPTURE(open);
    const Evaluation e = eval(n, p, options_at("2026-11-21", open));
    CHECK(e.truth == U);
    REQUIRE(e.evidence.size() == 1);
    CHECK(e.evidence[0].threshold == "recorded within 6 mo");
    CHECK(eval(make_not(n), p, options_at("2026-11-21", open)).truth == U);
  }
  // Without evidence nothing is built, and the truth is the same.
  CHECK(eval(n, p, options_at("2026-11-21", false, false)).truth == U);
}

TEST_CASE("unlisted names: canonical form, contract JSON and back") {
  const Node c = unlisted_cmp("macular_thickness", "Macular thickness", Comparator::gt, 300, "um");
  CHECK(to_canonical(c) == "cmp \"Macular thickness\" > 300 um");
  const json j = to_json(c);
  CHECK(j["var"] == "macular_thickness");
  CHECK(j["name"] == "Macular thickness");
  CHECK(j["unlisted"] == true);
  CHECK(node_from_json(j) == c);
  const Node h = unlisted_has("bowel_resection", "bowel resection");
  CHECK(to_canonical(h) == "has \"bowel resection\"");
  CHECK(node_from_json(to_json(h)) == h);
  CHECK(fully_typed(h));
  CHECK_FALSE(fully_resolved(h));
  CHECK(has_unlisted(make_all({c, has("hiv_infection")})));
  CHECK(fully_resolved(has("hiv_infection")));
  CHECK_THROWS_WITH(node_from_json(json{{"op", "has"}, {"concept", "x"}, {"unlisted", true}}),
                    doctest::Contains("/name"));
}
