// Session 12's audit of the evaluator: each case a wrong eligible or ineligible found at an edge (a window's
// first day, a product with a limit, a status word, two values on one day, a recorded onset, a recorded age),
// checked through evaluate() and, where a tree binds, through the bound fast path (evaluate_truth) too.
#include <doctest/doctest.h>

#include "test_eval_support.hpp"

using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;
using nlohmann::json;

namespace {

Patient with(const char* list, json items) {
  return native({{"id", "P-A12"}, {"sex", "female"}, {"birth_date", "1970-05-14"}, {list, std::move(items)}});
}

// evaluate()'s truth, checked equal to the bound fast path's where the tree binds.
Truth both(const Node& node, const Patient& p, const EvalOptions& o = options_at()) {
  return truth_both_ways(node, p, test_lexicon(), o);
}

Node negated(Node n) { return make_not(std::move(n)); }

json bundle(const char* gender, json resources) { return patient_bundle(gender, "1970-05-14", std::move(resources)); }

}  // namespace

TEST_CASE("a window's first day, exactly its length ago, is unknown: 'at least 4 weeks since' is met on it") {
  // "At least 4 weeks since prior hydroxyurea" reads not(has hydroxyurea within 4 wk); a last dose exactly 28
  // days before 2026-11-21 (2026-10-24) was false before: a wrong ineligible.
  auto dosed = [](const char* day) {
    return with("medications", json::array({{{"code", "hydroxyurea"}, {"start", day}, {"end", day}, {"status", "completed"}}}));
  };
  const Node within = has("hydroxyurea", Amount{4, "wk"});
  const Node since = negated(has("hydroxyurea", Amount{4, "wk"}));
  CHECK(both(since, dosed("2026-10-24")) == U);
  CHECK(both(within, dosed("2026-10-24")) == U);
  CHECK(both(since, dosed("2026-10-23")) == T);  // 29 days
  CHECK(both(since, dosed("2026-10-25")) == F);  // 27 days
  const Evaluation e = eval(within, dosed("2026-10-24"));
  REQUIRE_FALSE(e.evidence.empty());
  CHECK(e.evidence[0].note.find("window's first day") != std::string::npos);
  // Hours: "within 24 hours" with an event yesterday (24 to 48 hours ago) cannot be told from a date.
  CHECK(both(has("hydroxyurea", Amount{24, "h"}), dosed("2026-11-20")) == U);
  CHECK(both(has("hydroxyurea", Amount{24, "h"}), dosed("2026-11-21")) == T);
  // An onset exactly the window's length ago: unknown too.
  Node onset = has("hepatitis_b", Amount{5, "a"});
  std::get<Has>(onset.kind).onset = true;
  auto diagnosed = [](const char* day) {
    return with("conditions", json::array({{{"code", "hepatitis_b"}, {"onset", day}, {"status", "active"}}}));
  };
  CHECK(eval(onset, diagnosed("2021-11-21")).truth == U);
  CHECK(eval(onset, diagnosed("2021-11-22")).truth == T);
  CHECK(eval(onset, diagnosed("2021-11-20")).truth == F);
}

TEST_CASE("a multiple of the ULN equal to the value is a tie, not a miss of the last bit") {
  // 1.5 × 1.2 is 1.7999999999999998 in binary: bilirubin 1.8 with ULN 1.2 failed "<= 1.5 × ULN" (wrong
  // ineligible) and met "> 1.5 × ULN" (wrong exclusion).
  const Patient p = with("observations", json::array({{{"code", "alt"}, {"value", 1.8}, {"unit", "U/L"},
                                                       {"date", "2026-11-01"}, {"reference_range", {{"high", 1.2}}}}}));
  CHECK(both(relative("alt", Comparator::le, 1.5, RelativeTo::uln), p) == T);
  CHECK(both(relative("alt", Comparator::gt, 1.5, RelativeTo::uln), p) == F);
  CHECK(both(relative("alt", Comparator::lt, 1.5, RelativeTo::uln), p) == F);
  // 1.1 × LLN 3 likewise (3.3 against 3.3000000000000003).
  const Patient low = with("observations", json::array({{{"code", "alt"}, {"value", 3.3}, {"unit", "U/L"},
                                                         {"date", "2026-11-01"}, {"reference_range", {{"low", 3}}}}}));
  CHECK(both(relative("alt", Comparator::ge, 1.1, RelativeTo::lln), low) == T);
}

TEST_CASE("a plain score's threshold shows no unit '1'") {
  const Patient p = with("observations", json::array({{{"code", "karnofsky"}, {"value", 60}, {"date", "2026-11-10"}}}));
  const Evaluation e = eval(cmp("karnofsky", Comparator::ge, 70, "1"), p);
  CHECK(e.truth == F);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].threshold == ">= 70");
  CHECK(e.evidence[0].fact == "60");
  CHECK(eval(cmp("platelets", Comparator::ge, 100, "10*9/L"), p).evidence[0].threshold == ">= 100 10*9/L");
}

TEST_CASE("native status words read as FHIR's: refuted, not-taken, provisional, entered-in-error, cancelled") {
  // A refuted condition was a present one: "HIV infection" excluded a patient whose HIV was ruled out.
  CHECK(both(has("hiv_infection"), with("conditions", json::array({{{"code", "hiv_infection"}, {"status", "refuted"}}}))) == F);
  CHECK(both(has("prednisone"), with("medications", json::array({{{"code", "prednisone"}, {"status", "not-taken"}}}))) == F);
  CHECK(both(has("hiv_infection"), with("conditions", json::array({{{"code", "hiv_infection"}, {"status", "provisional"}}}))) == U);
  CHECK(both(has("hiv_infection"), with("conditions", json::array({{{"code", "hiv_infection"}, {"status", "differential"}}}))) == U);
  const Patient error = with("conditions", json::array({{{"code", "hiv_infection"}, {"status", "entered-in-error"}}}));
  CHECK(both(has("hiv_infection"), error) == F);  // no event: not recorded (closed world)
  CHECK(error.events.empty());
  CHECK(error.warnings.size() == 1);
  CHECK(both(has("allogeneic_hsct"), with("procedures", json::array({{{"code", "allogeneic_hsct"}, {"status", "cancelled"}, {"date", "2025-01-01"}}}))) == F);
  CHECK(both(has("allogeneic_hsct"), with("procedures", json::array({{{"code", "allogeneic_hsct"}, {"status", "not-done"}, {"date", "2025-01-01"}}}))) == F);
}

TEST_CASE("a medication intended is not taken; one on hold or of unknown status may or may not be") {
  // "intended" counted as ongoing: "currently taking" was true for a drug not yet started (wrong eligible).
  const Patient intended = with("medications", json::array({{{"code", "prednisone"}, {"status", "intended"}}}));
  CHECK(both(has("prednisone", std::nullopt, "active"), intended) == F);
  CHECK(both(has("prednisone"), intended) == F);
  CHECK(both(has("prednisone", Amount{4, "wk"}), intended) == F);
  // "on-hold" since 2015 counted as ongoing: "steroids within 4 weeks" excluded (wrong ineligible).
  for (const char* status : {"on-hold", "unknown"}) {
    CAPTURE(status);
    const Patient held = with("medications", json::array({{{"code", "prednisone"}, {"start", "2015-01-01"}, {"status", status}}}));
    CHECK(both(has("systemic_corticosteroids", Amount{4, "wk"}), held) == U);
    CHECK(both(has("prednisone", std::nullopt, "active"), held) == U);
    CHECK(both(has("prednisone"), held) == T);  // taken at some time
    const Patient recent = with("medications", json::array({{{"code", "prednisone"}, {"start", "2026-11-10"}, {"status", status}}}));
    CHECK(both(has("prednisone", Amount{4, "wk"}), recent) == T);
  }
}

TEST_CASE("a medication with no status and no end is not taken as ongoing: whether it lasts is unknown") {
  // Decided this session (docs/contract-patients.md): a 2015 prednisone start with nothing else recorded met
  // "steroids within 4 weeks" and "currently taking prednisone"; a medication list may hold past drugs.
  const Patient listed = with("medications", json::array({{{"code", "prednisone"}, {"start", "2015-01-01"}}}));
  CHECK(both(has("systemic_corticosteroids", Amount{4, "wk"}), listed) == U);
  CHECK(both(has("prednisone", std::nullopt, "active"), listed) == U);
  CHECK(both(has("prednisone"), listed) == T);
  const Evaluation e = eval(has("prednisone", std::nullopt, "active"), listed);
  REQUIRE_FALSE(e.evidence.empty());
  CHECK(e.evidence[0].note == "no status and no end recorded: cannot tell whether it is still taken");
  // A start inside the window, an "active" status or an end decide as before.
  CHECK(both(has("prednisone", Amount{4, "wk"}), with("medications", json::array({{{"code", "prednisone"}, {"start", "2026-11-01"}}}))) == T);
  CHECK(both(has("prednisone", Amount{4, "wk"}), with("medications", json::array({{{"code", "prednisone"}, {"start", "2015-01-01"}, {"status", "active"}}}))) == T);
  CHECK(both(has("prednisone", Amount{4, "wk"}), with("medications", json::array({{{"code", "prednisone"}, {"start", "2015-01-01"}, {"end", "2016-01-01"}}}))) == F);
  CHECK(both(has("prednisone", std::nullopt, "active"), with("medications", json::array({{{"code", "prednisone"}, {"start", "2015-01-01"}, {"status", "stopped"}}}))) == F);
}

TEST_CASE("two values of one day that disagree decide nothing; values that agree do") {
  // The later entry in the record won: a preliminary Karnofsky 60 and a final 80 of one day gave whichever
  // the export wrote last.
  const json day = json::array({{{"code", "karnofsky"}, {"value", 80}, {"date", "2026-11-10"}},
                                {{"code", "karnofsky"}, {"value", 60}, {"date", "2026-11-10"}},
                                {{"code", "karnofsky"}, {"value", 90}, {"date", "2026-11-10"}}});
  const Patient p = with("observations", day);
  CHECK(both(cmp("karnofsky", Comparator::ge, 70, "1"), p) == U);
  const Evaluation e = eval(cmp("karnofsky", Comparator::ge, 70, "1"), p);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].note.find("two values of karnofsky on 2026-11-10 disagree: 80 (/observations/0) and 60 (/observations/1)") !=
        std::string::npos);
  const Patient same = with("observations", json::array({{{"code", "platelets"}, {"value", 150}, {"unit", "10*9/L"}, {"date", "2026-11-10"}},
                                                         {{"code", "platelets"}, {"value", 151}, {"unit", "10*9/L"}, {"date", "2026-11-10"}}}));
  CHECK(both(cmp("platelets", Comparator::ge, 100, "10*9/L"), same) == T);
  CHECK(same.warnings.empty());
  // An older day's value is not in doubt because of them.
  const Patient later = with("observations", json::array({{{"code", "karnofsky"}, {"value", 80}, {"date", "2026-11-01"}},
                                                          {{"code", "karnofsky"}, {"value", 60}, {"date", "2026-11-01"}},
                                                          {{"code", "karnofsky"}, {"value", 90}, {"date", "2026-11-12"}}}));
  CHECK(both(cmp("karnofsky", Comparator::ge, 70, "1"), later) == T);
}

TEST_CASE("FHIR: a condition dated only by recordedDate may have begun before an onset window") {
  // "Hepatitis B diagnosed within the last 5 years" was met by a record made in 2024 of a hepatitis B whose
  // onset the record does not give (an old diagnosis entered in a new system): a wrong eligible.
  const json condition = {{"resourceType", "Condition"},
                          {"code", {{"coding", json::array({{{"system", "http://snomed.info/sct"}, {"code", "66071002"}}})}}},
                          {"clinicalStatus", {{"coding", json::array({{{"code", "active"}}})}}},
                          {"recordedDate", "2024-01-01"}};
  const Patient p = read_fhir_bundle(bundle("female", json::array({condition})), test_lexicon());
  REQUIRE(p.events.size() == 1);
  CHECK(p.events[0].start_is_recorded_date);
  Node onset = has("hepatitis_b", Amount{5, "a"});
  std::get<Has>(onset.kind).onset = true;
  const Evaluation e = eval(onset, p);
  CHECK(e.truth == U);
  CHECK(e.missing == std::vector<std::string>{"date of hepatitis_b"});
  // Recorded before the window: it began before it too.
  json old = condition;
  old["recordedDate"] = "2019-01-01";
  CHECK(eval(onset, read_fhir_bundle(bundle("female", json::array({old})), test_lexicon())).truth == F);
  // With an onset the onset decides; a plain window is met by the active condition either way.
  json dated = condition;
  dated["onsetDateTime"] = "2023-03-01";
  CHECK(eval(onset, read_fhir_bundle(bundle("female", json::array({dated})), test_lexicon())).truth == T);
  CHECK(both(has("hepatitis_b", Amount{5, "a"}), p) == T);
}

TEST_CASE("FHIR sex other or unknown is unknown for either sex") {
  for (const char* gender : {"other", "unknown"}) {
    CAPTURE(gender);
    const Patient p = read_fhir_bundle(bundle(gender, json::array()), test_lexicon());
    CHECK(both(sex("female"), p) == U);
    CHECK(both(sex("male"), p) == U);
    CHECK(both(negated(sex("male")), p) == U);
  }
}

TEST_CASE("a recorded age against a threshold with a fraction spans the whole year") {
  // "14 a" recorded, no birth date: the patient may be 14.9, so "age >= 14.5" is unknown (it was false).
  const Patient p = native({{"id", "P-AGE"}, {"age", {{"value", 14}, {"unit", "a"}}}});
  CHECK(both(cmp("age", Comparator::ge, 14.5, "a"), p) == U);
  CHECK(both(cmp("age", Comparator::lt, 14.5, "a"), p) == U);
  CHECK(both(cmp("age", Comparator::ge, 15.5, "a"), p) == F);
  CHECK(both(cmp("age", Comparator::ge, 13.5, "a"), p) == T);
  // Whole years compare completed years, as before.
  CHECK(both(cmp("age", Comparator::ge, 14, "a"), p) == T);
  CHECK(both(cmp("age", Comparator::le, 14, "a"), p) == T);
  CHECK(both(cmp("age", Comparator::ge, 15, "a"), p) == F);
  // 30 months is 2.5 years exactly.
  const Patient infant = native({{"id", "P-INF"}, {"age", {{"value", 30}, {"unit", "mo"}}}});
  CHECK(both(cmp("age", Comparator::ge, 2.5, "a"), infant) == T);
  CHECK(both(cmp("age", Comparator::ge, 2, "a"), infant) == T);
  CHECK(both(cmp("age", Comparator::ge, 3, "a"), infant) == F);
}

TEST_CASE("edges that were right: birthdays, Kleene not/any/all of unknowns, an unknown guard") {
  // Age on the 18th birthday and the day before, weeks for an infant.
  const Patient adult = native({{"id", "P-18"}, {"birth_date", "2008-11-21"}});
  CHECK(both(cmp("age", Comparator::ge, 18, "a"), adult) == T);
  CHECK(both(cmp("age", Comparator::ge, 18, "a"), adult, options_at("2026-11-20")) == F);
  const Patient infant = native({{"id", "P-6WK"}, {"birth_date", "2026-10-10"}});
  CHECK(both(cmp("age", Comparator::lt, 6, "wk"), infant) == F);  // 42 days
  CHECK(both(cmp("age", Comparator::lt, 6, "wk"), infant, options_at("2026-11-20")) == T);
  // Kleene: unknown and false is false, unknown or true is true, not unknown is unknown.
  const Patient p = with("observations", json::array({{{"code", "platelets"}, {"value", 50}, {"unit", "10*9/L"}, {"date", "2026-11-10"}}}));
  std::vector<Node> args;
  args.push_back(cmp("hemoglobin", Comparator::ge, 9, "g/dL"));
  args.push_back(cmp("platelets", Comparator::ge, 100, "10*9/L"));
  CHECK(both(Node{All{std::move(args)}, {}}, p) == F);
  std::vector<Node> either;
  either.push_back(cmp("hemoglobin", Comparator::ge, 9, "g/dL"));
  either.push_back(cmp("platelets", Comparator::lt, 100, "10*9/L"));
  CHECK(both(Node{Any{std::move(either)}, {}}, p) == T);
  CHECK(both(negated(cmp("hemoglobin", Comparator::ge, 9, "g/dL")), p) == U);
  // if(unknown guard, false) is unknown; if(unknown guard, true) is true; if(false guard, false) is true.
  auto guarded = [](Node guard, Node then) {
    return make_if(std::move(guard), std::move(then));
  };
  CHECK(both(guarded(cmp("hemoglobin", Comparator::ge, 9, "g/dL"), cmp("platelets", Comparator::ge, 100, "10*9/L")), p) == U);
  CHECK(both(guarded(cmp("hemoglobin", Comparator::ge, 9, "g/dL"), cmp("platelets", Comparator::lt, 100, "10*9/L")), p) == T);
  CHECK(both(guarded(cmp("platelets", Comparator::ge, 100, "10*9/L"), cmp("hemoglobin", Comparator::ge, 9, "g/dL")), p) == T);
}

TEST_CASE("FHIR: a quantity with a comparator ('< 0.5', under the detection limit) is a bound, not the value") {
  // Read as 0.5, "< 0.5 U/L" met "ALT > 0.3" (the value may be 0.1): a wrong eligible.
  const json low = {{"resourceType", "Observation"},
                    {"status", "final"},
                    {"code", {{"coding", json::array({{{"system", "http://loinc.org"}, {"code", "1742-6"}}})}}},
                    {"valueQuantity", {{"value", 0.5}, {"comparator", "<"}, {"system", "http://unitsofmeasure.org"}, {"code", "U/L"}}},
                    {"effectiveDateTime", "2026-11-01"}};
  const Patient p = read_fhir_bundle(bundle("female", json::array({low})), test_lexicon());
  REQUIRE(p.observations.size() == 1);
  // (Session 14: a bound, read as one: unknown where values on its side fall on both sides of the threshold,
  // decided where they all fall on one; test_eval_audit14.cpp.)
  CHECK(p.observations[0].problem.empty());
  REQUIRE(p.observations[0].censored);
  CHECK(both(cmp("alt", Comparator::gt, 0.3, "U/L"), p) == U);
  json plain = low;
  plain["valueQuantity"].erase("comparator");
  CHECK(both(cmp("alt", Comparator::gt, 0.3, "U/L"), read_fhir_bundle(bundle("female", json::array({plain})), test_lexicon())) == T);
}

TEST_CASE("a value measured on a cmp window's first day decides nothing, as an event on it") {
  Node node = cmp("platelets", Comparator::ge, 100, "10*9/L");
  std::get<Cmp>(node.kind).within = Amount{3, "mo"};
  auto measured = [](const char* day) {
    return with("observations", json::array({{{"code", "platelets"}, {"value", 150}, {"unit", "10*9/L"}, {"date", day}}}));
  };
  CHECK(eval(node, measured("2026-08-22")).truth == T);
  const Evaluation edge = eval(node, measured("2026-08-21"));
  CHECK(edge.truth == U);
  REQUIRE(edge.evidence.size() == 1);
  CHECK(edge.evidence[0].note.find("window's first day, 2026-08-21") != std::string::npos);
  CHECK(eval(node, measured("2026-08-20")).truth == U);
}

TEST_CASE("a state (pregnancy) asked with no window: a pregnancy that has ended leaves 'Pregnant' unknown") {
  // "Pregnant or breastfeeding" reads any(has pregnancy, has breastfeeding): a woman pregnant in 2015 was
  // excluded today (a wrong ineligible). The lexicon marks the concept a state ("state": true).
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
    {"id": "pregnancy", "kind": "condition", "state": true, "names": ["pregnancy"]},
    {"id": "hepatitis_b", "kind": "condition", "names": ["hepatitis B"]}]})");
  CHECK(lex.find("pregnancy")->state);
  CHECK_FALSE(lex.find("hepatitis_b")->state);
  const EvalOptions o = options_at();
  auto truth = [&](const Node& node, json conditions) {
    const Patient p = read_native_patient({{"id", "P-PREG"}, {"sex", "female"}, {"conditions", std::move(conditions)}}, lex);
    const Truth slow = evaluate(node, p, lex, o).truth;
    const BoundTree bound = BoundTree::bind(node, lex);
    const PatientFacts facts(p, lex, o.as_of);
    REQUIRE(can_evaluate_truth(bound, facts, o));
    CHECK(evaluate_truth(bound, facts, o).truth == slow);
    return slow;
  };
  const json ended = json::array({{{"code", "pregnancy"}, {"onset", "2015-01-01"}, {"abatement", "2015-09-01"}, {"status", "resolved"}}});
  const json now = json::array({{{"code", "pregnancy"}, {"onset", "2026-09-01"}, {"status", "active"}}});
  CHECK(truth(has("pregnancy"), ended) == U);
  CHECK(truth(has("pregnancy"), now) == T);
  CHECK(truth(has("pregnancy"), json::array()) == F);
  CHECK(truth(has("pregnancy", std::nullopt, "active"), ended) == F);
  CHECK(truth(has("pregnancy", Amount{12, "a"}), ended) == T);  // a window asks of that time
  // Not a state: a past hepatitis B is "history of hepatitis B" as before.
  CHECK(truth(has("hepatitis_b"), json::array({{{"code", "hepatitis_b"}, {"onset", "2015-01-01"}, {"status", "resolved"}}})) == T);
  const Patient p = read_native_patient({{"id", "P-PREG"}, {"sex", "female"}, {"conditions", ended}}, lex);
  const Evaluation e = evaluate(has("pregnancy"), p, lex, o);
  REQUIRE_FALSE(e.evidence.empty());
  CHECK(e.evidence[0].note == "recorded, but not as holding now: whether the criterion asks of now or of ever, a person reads");
}

TEST_CASE("a medication stopped on a day not recorded may have been taken into a window") {
  // A prednisone of 2015 "stopped" with no end date was placed at its start: "no steroids within 4 weeks" was
  // met though it may have been stopped last week (a wrong eligible).
  for (const char* status : {"stopped", "completed"}) {
    CAPTURE(status);
    const Patient p = with("medications", json::array({{{"code", "prednisone"}, {"start", "2015-01-01"}, {"status", status}}}));
    CHECK(both(has("systemic_corticosteroids", Amount{4, "wk"}), p) == U);
    CHECK(both(has("prednisone", std::nullopt, "active"), p) == F);  // stopped: not taken now
    CHECK(both(has("prednisone"), p) == T);
  }
  // With its end recorded, the end decides; an immunization or a procedure is a day, placed at it.
  CHECK(both(has("prednisone", Amount{4, "wk"}), with("medications", json::array({{{"code", "prednisone"}, {"start", "2015-01-01"}, {"end", "2015-02-01"}, {"status", "stopped"}}}))) == F);
  CHECK(both(has("live_vaccine", Amount{4, "wk"}), with("immunizations", json::array({{{"code", "live_vaccine"}, {"date", "2015-01-01"}, {"status", "completed"}}}))) == F);
}
