// How long a measured value stays current (Concept::current_for_days): an older one decides nothing.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

Patient measured(const char* code, double value, const char* unit, const char* date) {
  return native({{"id", "P-CUR"}, {"sex", "female"}, {"birth_date", "1970-05-14"},
                 {"observations", json::array({{{"code", code}, {"value", value}, {"unit", unit}, {"date", date}}})}});
}

}  // namespace

TEST_CASE("a lab value older than its kind's days is unknown, with the reason and what would decide") {
  const Node node = cmp("platelets", Comparator::ge, 100, "10*9/L");
  // 2026-11-21 less 90 days is 2026-08-23: that day still counts, the day before does not.
  CHECK(eval(node, measured("platelets", 80, "10*9/L", "2026-08-23")).truth == F);
  CHECK(eval(node, measured("platelets", 150, "10*9/L", "2026-08-23")).truth == T);
  const Evaluation old = eval(node, measured("platelets", 80, "10*9/L", "2026-08-22"));
  CHECK(old.truth == U);
  REQUIRE(old.evidence.size() == 1);
  CHECK(old.evidence[0].fact == "80 10*9/L");
  CHECK(old.evidence[0].date == "2026-08-22");
  CHECK(old.evidence[0].note == "the latest value is older than the 90 days a lab value stays current: a current value decides");
  CHECK(old.missing == std::vector<std::string>{"platelets"});
  // Judged as of an earlier date, the same value is current again.
  CHECK(eval(node, measured("platelets", 80, "10*9/L", "2026-08-22"), options_at("2026-09-01")).truth == F);
}

TEST_CASE("a concept's own days win over its kind's; a kind without days keeps values of any age") {
  const Node karnofsky = cmp("karnofsky", Comparator::ge, 70, "");
  CHECK(eval(karnofsky, measured("karnofsky", 60, "1", "2026-10-22")).truth == F);   // 30 days before
  CHECK(eval(karnofsky, measured("karnofsky", 60, "1", "2026-10-21")).truth == U);   // 31 days before
  CHECK(eval(cmp("cd5_expression", Comparator::gt, 90, "%"), measured("cd5_expression", 95, "%", "2019-01-01")).truth == T);
}

TEST_CASE("a window in the criterion is its own rule: the value must lie in it") {
  Node node = cmp("platelets", Comparator::ge, 100, "10*9/L");
  std::get<Cmp>(node.kind).within = Amount{6, "mo"};
  const Evaluation e = eval(node, measured("platelets", 150, "10*9/L", "2026-06-01"));
  CHECK(e.truth == T);
}

TEST_CASE("current_for_days in the lexicon: a whole number of days or \"any\", by concept or by kind") {
  const Lexicon lex = Lexicon::from_json(R"([{"current_for_days_by_kind": {"lab": 30, "vital": 60}, "concepts": [
      {"id": "alt", "kind": "lab", "names": ["ALT"]},
      {"id": "height", "kind": "vital", "names": ["height"], "current_for_days": 365},
      {"id": "birth_weight", "kind": "vital", "names": ["birth weight"], "current_for_days": "any"},
      {"id": "gleason_score", "kind": "score", "names": ["Gleason score"]}]}])");
  CHECK(lex.find("alt")->current_for_days == 30);
  CHECK(lex.find("height")->current_for_days == 365);
  CHECK(lex.find("birth_weight")->current_for_days == 0);
  CHECK_FALSE(lex.find("gleason_score")->current_for_days);
  auto problem = [](const char* text) {
    try {
      (void)Lexicon::from_json(text);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(problem(R"({"concepts": [{"id": "alt", "kind": "lab", "current_for_days": 0}]})").find("/concepts/0/current_for_days") !=
        std::string::npos);
  CHECK(problem(R"({"concepts": [{"id": "alt", "kind": "lab", "current_for_days": "soon"}]})").find("expected a whole number of days") !=
        std::string::npos);
  CHECK(problem(R"({"current_for_days_by_kind": {"labs": 30}, "concepts": []})").find("/current_for_days_by_kind/labs") !=
        std::string::npos);
}

TEST_CASE("the built-in lexicon: labs, vitals and scores stay current 90 days; a birth weight, a Gleason score always") {
  const Lexicon& lex = Lexicon::builtin();
  CHECK(lex.find("platelets")->current_for_days == 90);
  CHECK(lex.find("systolic_bp")->current_for_days == 90);
  CHECK(lex.find("ecog")->current_for_days == 90);
  CHECK(lex.find("height")->current_for_days == 365);
  CHECK(lex.find("birth_weight")->current_for_days == 0);
  CHECK(lex.find("gleason_score")->current_for_days == 0);
  CHECK_FALSE(lex.find("her2")->current_for_days);
}
