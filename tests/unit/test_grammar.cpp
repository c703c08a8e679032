// The criterion grammar: the contract's examples, the constructions of the issue, and its limits.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/golden.hpp"
#include "trialmatch/grammar/parser.hpp"
#include "trialmatch/grammar/self_check.hpp"

using trialmatch::engine::Lexicon;
using trialmatch::engine::Severity;
using trialmatch::engine::to_canonical;
using trialmatch::grammar::Parser;

namespace {

const Parser& parser() {
  static const Parser p(Lexicon::builtin());
  return p;
}

std::string tree(const std::string& line) { return to_canonical(parser().parse(line).tree); }
std::string exclusion_tree(const std::string& line) {
  return to_canonical(parser().parse(line, trialmatch::grammar::CriterionSection::exclusion).tree);
}

void check(const std::string& line, const std::string& expected) {
  CAPTURE(line);
  CHECK(tree(line) == expected);
}

}  // namespace

TEST_CASE("grammar: analyze() finds no rule that loops without consuming input") {
  CHECK(trialmatch::grammar::analyze_grammar() == 0);
}

TEST_CASE("grammar: the contract's examples come out as the contract shows") {
  check("Male or female age between 3-35 years", "all(cmp age >= 3 a, cmp age <= 35 a)");
  check("Documented baseline, or pretransfusion, Hb level≤7 g/dL", "cmp hemoglobin <= 7 g/dL");
  check("Karnofsky performance status ≥70 for subjects≥16 years of age; Lansky performance status of ≥70 for "
        "subjects<16 years of age",
        "all(if(cmp age >= 16 a, cmp karnofsky >= 70 1), if(cmp age < 16 a, cmp lansky >= 70 1))");
  check("A white blood cell (WBC) count <3×10^9/L, and/or platelet count <100×10^9/L not related to hypersplenism",
        "all(any(cmp wbc < 3 10*9/L, cmp platelets < 100 10*9/L), not(has hypersplenism))");
  check("Liver function test suggest AST or ALT levels >3× upper limit of normal (ULN);",
        "any(cmp ast > 3 ULN, cmp alt > 3 ULN)");
  check("Inoculated live vaccine within 6 weeks prior to screening",
        "has live_vaccine within 6 wk before screening");
  check("Willing to receive at least the 2 years follow-up",
        "text[judgement] \"Willing to receive at least the 2 years follow-up\"");
}

TEST_CASE("grammar: a unit typo is read through plausibility, with a warning at its place") {
  const std::string line =
      "Total bilirubin ≤51 (mol/L), ALT/AST ≤ 3 times the upper limit of the normal range, creatinine ≤176.8 (mol/L);";
  const auto parsed = parser().parse(line);
  CHECK(to_canonical(parsed.tree) ==
        "all(cmp total_bilirubin <= 51 umol/L, cmp alt <= 3 ULN, cmp ast <= 3 ULN, cmp creatinine <= 176.8 umol/L)");
  std::size_t unit_warnings = 0;
  for (const auto& d : parsed.diagnostics) {
    CAPTURE(d.message);
    if (d.message.find("mol/L") == std::string::npos) continue;
    ++unit_warnings;
    CHECK(d.severity == Severity::warning);
    CHECK(line.substr(d.begin, d.end - d.begin) == "(mol/L)");
  }
  CHECK(unit_warnings == 2);
}

TEST_CASE("grammar: loinc codes come from the lexicon") {
  const auto parsed = parser().parse("ALT ≤ 3 × ULN");
  const auto* cmp = std::get_if<trialmatch::engine::Cmp>(&parsed.tree.kind);
  REQUIRE(cmp != nullptr);
  CHECK(cmp->loinc == "1742-6");
  CHECK(cmp->relative_to == trialmatch::engine::RelativeTo::uln);
  CHECK(cmp->unit.empty());
}

TEST_CASE("grammar: numbers, ranges and comparators as criteria write them") {
  check("Age ≤18, male or female", "cmp age <= 18 a");
  check("Age older than 6 months.", "cmp age > 6 mo");
  check("Aged 3 to 18 years (inclusive), and body weight ≥10 kg.",
        "all(cmp age >= 3 a, cmp age <= 18 a, cmp body_weight >= 10 kg)");
  check("ECOG 0-2;", "all(cmp ecog >= 0 1, cmp ecog <= 2 1)");
  check("ECOG performance status score of 0~2", "all(cmp ecog >= 0 1, cmp ecog <= 2 1)");
  check("Echocardiography showed left ventricular ejection fraction (LVEF) ≥50%;", "cmp lvef >= 50 %");
  check("Refers to the pulse oxygen saturation 92% or higher", "cmp oxygen_saturation >= 92 %");
  check("Estimated life expectancy of minimum of 12 weeks;", "cmp life_expectancy >= 12 wk");
  check("Subject must have life expectancy of no less than 6 months;", "cmp life_expectancy >= 6 mo");
  check("18 years or older", "cmp age >= 18 a");
  check("Platelet count ≥ 100,000/mm3", "cmp platelets >= 100000 /mm3");
  check("Hgb≥80g/L.", "cmp hemoglobin >= 80 g/L");
  check("total bilirubin ≤ 2.0mg/dL", "cmp total_bilirubin <= 2 mg/dL");
  check("AST and ALT ≤ 2.5 x institutional upper limit of normal", "all(cmp ast <= 2.5 ULN, cmp alt <= 2.5 ULN)");
  check("ALT/AST > 3×ULN", "any(cmp alt > 3 ULN, cmp ast > 3 ULN)");
  check("Baseline calculated eGFR<60mL/min/1.73m2;", "cmp egfr < 60 mL/min/{1.73_m2}");
  check("CD5 expression rate was >90%;", "cmp cd5_expression > 90 %");
}

TEST_CASE("grammar: guards, negation, windows and lists of conditions") {
  check("Karnofsky score (for age ≥16 years) ≥70 or Lansky score (for age <16 years) ≥50 at screening, and an "
        "expected survival >3 months.",
        "all(if(cmp age >= 16 a, cmp karnofsky >= 70 1), if(cmp age < 16 a, cmp lansky >= 50 1), "
        "cmp life_expectancy > 3 mo)");
  check("Known HIV, hepatitis B virus (HBV) or hepatitis C virus (HCV) infection.",
        "any(has hiv_infection, has hepatitis_b, has hepatitis_c)");
  check("Pregnant or nursing women may not participate.", "any(has pregnancy, has breastfeeding)");
  check("Received allo-HSCT within 6 weeks prior to screening.",
        "has allogeneic_hsct within 6 wk before screening");
  check("No prior gene therapy", "not(has gene_therapy)");
}

TEST_CASE("grammar: what it cannot read stays visible, with a warning at its place") {
  const std::string line = "Contraindication to bone marrow collection";
  const auto parsed = parser().parse(line);
  CHECK(to_canonical(parsed.tree) == "text[not_understood] \"Contraindication to bone marrow collection\"");
  REQUIRE(!parsed.diagnostics.empty());
  CHECK(parsed.diagnostics.front().begin == 0);
  CHECK(parsed.diagnostics.front().end == line.size());
  // A number with no lexicon variable is never attached to one: it stays with the words as written,
  // an unlisted variable that only a person can check (no unit where none was written).
  check("Severe arrhythmia > 3 episodes", "cmp \"Severe arrhythmia … episodes\" > 3 ?");
  check("The proiferation rate is less than 5 times response to CD3/CD28 co-stimulation signal",
        "cmp \"proiferation rate … times response to CD3/CD28 co-stimulation signal\" < 5 ?");
  // Nor is it read where a negation or a judgement may reach over the whole text.
  // (An inability to keep up an activity for a time is read: lower_ability.cpp.)
  check("Concern about ability to remain in the vacuum spine board for 120 minutes",
        "text[judgement] \"Concern about ability to remain in the vacuum spine board for 120 minutes\"");
  // An exception after a window stays visible on what the window times.
  check("Other malignancies within 3 years, except for carcinoma in situ, basal cell carcinoma",
        "has \"Other malignancies\" within 3 a except \"carcinoma in situ, basal cell carcinoma\"");
  // A window ahead of an event ("within 6 months after") is no past window.
  CHECK(tree("plan to use a live attenuated vaccine within 6 months after administration").rfind("text", 0) == 0);
}

TEST_CASE("grammar: a relation word keeps the events after it from being the patient's own") {
  // Reading "topical steroid treatment" as the patient's treatment would exclude everyone on it.
  for (const char* line : {"Contraindications for the laser treatment or topical steroid treatment",
                           "Allergy to penicillin, or cephalosporins", "Planned surgery or chemotherapy"}) {
    CAPTURE(line);
    const auto parsed = parser().parse(line, trialmatch::grammar::CriterionSection::exclusion);
    CHECK(to_canonical(parsed.tree).rfind("text[", 0) == 0);
  }
}

TEST_CASE("grammar: 'according to' after a diagnosis says how it is made") {
  const auto parsed = parser().parse("Diagnosis of AML according to the revised WHO criteria in 2016");
  CHECK(to_canonical(parsed.tree) == "has acute_myeloid_leukemia");
  REQUIRE(!parsed.diagnostics.empty());
  CHECK(parsed.diagnostics.front().message == "'according to the revised WHO criteria in 2016' read as how the diagnosis is made");
}

TEST_CASE("grammar: a sex alone, or before a threshold on the people it names, is a requirement") {
  check("Male", "sex male");
  check("Women < 18 years old", "all(sex female, cmp age < 18 a)");
  check("Males aged 18 to 45", "all(sex male, cmp age >= 18 a, cmp age <= 45 a)");
  CHECK(tree("Women of childbearing potential").rfind("text[", 0) == 0);
}

TEST_CASE("grammar: a change of a measure is not the measure; a window times the measurement") {
  // Reading "body weight > 10 lb" here would exclude every adult: the change is a quantity of its own.
  check("changes in body weight more than 10 pounds in the past three months",
        "cmp \"changes in body weight\" > 10 [lb_av] within 3 mo");
  CHECK(tree("weight loss > 5% in 6 months").rfind("text[", 0) == 0);
  check("Increased ALT > 3 x ULN", "cmp alt > 3 ULN");  // an adjective of the level, not a change
  check("HbA1c > 8% within the last 3 months", "cmp hba1c > 8 % within 3 mo");
  // A donor's age is not the participant's; a parent named after the age does not own it.
  check("Donor age > 65 years", "cmp \"Donor age\" > 65 a");
  check("Age between 10 and 18 and living with a parent", "all(cmp age >= 10 a, cmp age <= 18 a, text[not_understood] \"living with a parent\")");
  // A window that times nothing is never dropped from the reading.
  CHECK(tree("age > 18 within 3 months").rfind("text[", 0) == 0);
}

TEST_CASE("grammar: an age at another moment is not today's age") {
  check("Age at diagnosis ≥ 18 years", "cmp \"Age at diagnosis\" >= 18 a");
  check("Age at the time of diagnosis 18 years or older", "cmp \"Age at the time of diagnosis\" >= 18 a");
  check("Age at diagnosis: 18 years or older", "cmp \"Age at diagnosis\" >= 18 a");
  check("Age at enrollment ≥ 18 years", "cmp age >= 18 a");
  check("18-65 y/o", "all(cmp age >= 18 a, cmp age <= 65 a)");  // "years old" in three letters
  check("Male or female, greater than or equal to 19 years at the time of signing informed consent", "cmp age >= 19 a");
}

TEST_CASE("grammar: a qualified kind is its own concept, a status in a name is the status") {
  check("uncontrolled hypertension", "has uncontrolled_hypertension");
  check("active malignancy", "has malignancy status active");
  check("current smoker", "has smoking status active");
  check("latent tuberculosis", "has latent_tuberculosis");
}

TEST_CASE("grammar: windows as registries write them") {
  check("Cat desensibilisation within the 6 previous months", "has \"Cat desensibilisation\" within 6 mo");
  check("history of other immunosuppressive agents in recent 3 months", "has \"other immunosuppressive agents\" within 3 mo");
  check("stroke or myocardial infarction within one (1) month of the fracture",
        "any(has stroke within 1 mo before fracture, has myocardial_infarction within 1 mo before fracture)");
  // A treatment after "of" is what the window times, not its reference.
  check("Received within 72 hours of small molecule targeted therapy", "has targeted_therapy within 72 h");
  check("bleeding, or stroke, within the preceding 8 weeks.", "any(has bleeding within 8 wk, has stroke within 8 wk)");
}

TEST_CASE("grammar: values on a named scale") {
  check("Osteoarthritis stages III and IV", "any(cmp \"Osteoarthritis stage\" == 3 1, cmp \"Osteoarthritis stage\" == 4 1)");
  // A subclass ("IVa") the reading cannot hold: nothing of the span is read as a value.
  CHECK(tree("MGFA Class II-IVa").find("== 2") == std::string::npos);
}

TEST_CASE("grammar: a time at the end of a list of alternatives may time each of them") {
  // Reading "has myocardial_infarction" alone would admit an infarction last week.
  const auto t = tree("acute myocardial infarction or percutaneous coronary revascularization or coronary artery bypass "
                      "graft surgery occured at least 12 months before entering the study");
  CHECK(t.find("has myocardial_infarction") == std::string::npos);
  // Joined by "and", the time is the other requirement's own.
  CHECK(tree("Diagnosis of transfusion-dependent β-thalassemia and a history of at least 100 mL/kg/year of pRBCs or ≥8 "
             "transfusions of pRBCs per year for the prior 2 years")
            .rfind("all(has transfusion_dependent_thalassemia", 0) == 0);
}

TEST_CASE("grammar: two measures over a slash that the lexicon names together are their ratio") {
  check("FEV1 [forced expiratory volume in 1 second] / FVC [forced vital capacity] < 70%", "cmp fev1_fvc_ratio < 70 %");
  check("ALT/AST ≤ 3×ULN", "all(cmp alt <= 3 ULN, cmp ast <= 3 ULN)");  // no ratio named: each of them
  // The other half of a possible ratio in unread words: never one measure alone.
  CHECK(tree("FEV1 (forced expiratory volume) / FVC < 70%").find("cmp fvc") == std::string::npos);
}

TEST_CASE("grammar: a threshold right after unread words is theirs") {
  const auto t = tree("Chronic renal insufficiency with Cr > 1.4 or GFR < 60");
  CHECK(t.find("cmp egfr > 1.4") == std::string::npos);
  CHECK(t.find("cmp egfr < 60") != std::string::npos);
  check("Infant ≥1 and ≤6 months of age", "all(cmp age >= 1 mo, cmp age <= 6 mo)");
  // Time after an event, not an age, though the line names people.
  CHECK(tree("Patients ≥1 and ≤6 months after type I myocardial infarction").find("cmp age") == std::string::npos);
}

TEST_CASE("grammar: a window closing a list times only a list of things") {
  // A clause with its own subject, a guard, people: not timed by the window after them.
  CHECK(tree("if former smoker, quit smoking within the last 15 years").find("\"former smoker\" within") == std::string::npos);
  CHECK(tree("Women who are pregnant, women who are currently nursing or lactating, women that have been pregnant within 2 years")
            .find("has breastfeeding within") == std::string::npos);
  // Items with parenthesised examples in an exclusion list; the head words of the first govern all.
  CHECK(exclusion_tree("currently taking β-blockers, calcium channel blockers, or prophylactic headache medications (e.g., amitriptyline, topiramate)")
            .find("has calcium_channel_blockers") == std::string::npos);
  CHECK(exclusion_tree("Women who are pregnant, women who are currently nursing or lactating, women that have been pregnant within 2 years")
            .find("has breastfeeding within") == std::string::npos);
  // Where nothing reaches across the commas, the other items of the list are read.
  CHECK(exclusion_tree("Age < 18 years, evidence of proliferative diabetic retinopathy, history of intraocular surgery (except "
                       "uncomplicated cataract surgery), pregnancy")
            .rfind("any(cmp age < 18 a, has proliferative_diabetic_retinopathy", 0) == 0);
}

TEST_CASE("grammar: a bare number in the one unit criteria use for the measure") {
  check("GFR < 60", "cmp egfr < 60 mL/min/{1.73_m2}");
  check("platelets <50", "cmp platelets < 50 10*9/L");
  check("QTc > 470", "cmp qtc > 470 ms");
  // Out of the plausible range in that unit: another unit was meant (°F); a person reads it.
  CHECK(tree("temperature > 100.4").rfind("text[", 0) == 0);
  // Where the lexicon lists the units numbers of each size are in, the size says which (per µL here).
  check("platelets < 100,000", "cmp platelets < 100000 /uL");
  check("ANC ≥ 1.5", "cmp anc >= 1.5 10*9/L");
  CHECK(tree("ANC ≥ 75").rfind("text[", 0) == 0);  // between the spans
  CHECK(tree("Hb < 8").rfind("text[", 0) == 0);    // g/dL, or the mmol/L of Dutch laboratories
}

TEST_CASE("grammar: degrees are an angle, or the temperature's own scale") {
  check("Cobb angle ≥ 10°", "cmp \"Cobb angle\" >= 10 deg");
  check("curves 15°-45°", "all(cmp \"curves\" >= 15 deg, cmp \"curves\" <= 45 deg)");
  check("temperature > 38 degrees", "cmp temperature > 38 Cel");
  CHECK(tree("temperature > 60 degrees").rfind("text[", 0) == 0);
}

TEST_CASE("grammar: a bound restated in another unit is read both ways") {
  check("HbA1c above 48mmol/mol (or 6.5%)", "any(cmp hba1c > 48 mmol/mol, cmp hba1c > 6.5 %)");
  check("A current weight of less than 45 kilograms (100 pounds)",
        "any(cmp body_weight < 45 kg, cmp body_weight < 100 [lb_av])");
  // A restatement with the other direction is no restatement.
  CHECK(tree("HbA1c > 8% (< 64 mmol/mol)").find("cmp hba1c < 64") == std::string::npos);
}

TEST_CASE("grammar: thresholds and windows on what the lexicon does not list") {
  check("Macular thickness above 300 um at baseline", "cmp \"Macular thickness\" > 300 um");
  check("Cat desensitisation within 6 months", "has \"Cat desensitisation\" within 6 mo");
  check("Glenohumeral rotation less than 10% or greater than 90%",
        "any(cmp \"Glenohumeral rotation\" < 10 %, cmp \"Glenohumeral rotation\" > 90 %)");
  // A segment with no words of its own shares the name before it; one with two islands stays text.
  check("Curvature between 10 and 40 degrees", "all(cmp \"Curvature\" >= 10 deg, cmp \"Curvature\" <= 40 deg)");
  const auto parsed = parser().parse("Cat desensitisation within 6 months");
  REQUIRE(!parsed.diagnostics.empty());
  CHECK(parsed.diagnostics.front().message == "'Cat desensitisation' is not in the lexicon: read as an unlisted event");
}

TEST_CASE("grammar: limits on line length; no input makes it throw") {
  trialmatch::grammar::ParserOptions options;
  options.max_line_bytes = 16;
  const Parser small(Lexicon::builtin(), options);
  const auto parsed = small.parse("Age ≥ 18 years and older than anything else");
  CHECK(std::holds_alternative<trialmatch::engine::Text>(parsed.tree.kind));
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(parsed.diagnostics[0].severity == Severity::error);
  for (const std::string& odd : {std::string(""), std::string("\xff\xfe\x80"), std::string(500, '('),
                                std::string("≤≤≤ 3 × × ULN ULN"), std::string("1,2,3,4,5,6"), std::string(";;;.")}) {
    CAPTURE(odd);
    CHECK_NOTHROW(parser().parse(odd));
  }
}

TEST_CASE("grammar: the golden files match the parser") {
  const auto run = trialmatch::grammar::run_goldens(TRIALMATCH_SOURCE_DIR "/fixtures/criteria", parser(), false);
  for (const auto& p : run.problems) CAPTURE(p);
  CHECK(run.problems.empty());
  CHECK(run.cases >= 200);
  INFO(run.diff);
  CHECK(run.differences.empty());
}

TEST_CASE("grammar: --coverage lists the rules the golden files never exercise") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "trialmatch_coverage_test";
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "one.golden");
    out << "Age 18\n  => cmp age == 18 a\n";
  }
  // (It threw map::at where a custom rule matched a rule it does not declare.)
  const auto uncovered = trialmatch::grammar::uncovered_rules(dir.string(), parser());
  auto listed = [&](const std::string& rule) {
    return std::find(uncovered.begin(), uncovered.end(), "trialmatch::grammar::rules::" + rule) != uncovered.end();
  };
  CHECK(listed("uln"));
  CHECK(listed("within"));
  CHECK_FALSE(listed("number"));  // "18" exercised it
  fs::remove_all(dir);
}
