// finish_items (grammar/src/lower_items.cpp) refuses a piece at once where, after its events glued to unread words are
// merged into text, no item is typed: the test of a typed item further down would refuse it, and nothing between
// makes an item typed, warns or gives a reading. The lines the steps between (and after) are written for, where an
// item stays typed past that point, read as before: a refusal asked too early turns one of them into text.
#include <doctest/doctest.h>

#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("finish_items: pieces left with no typed item are refused; pieces with one read on, in both sections") {
  struct Case {
    const char* line;
    const char* inclusion;
    const char* exclusion;
  };
  const Case cases[] = {
      {"Patients with psoriasis and patients with atopic dermatitis",
       R"x(any(has psoriasis, has atopic_dermatitis))x",
       R"x(any(has psoriasis, has atopic_dermatitis))x"},
      {"Hypertensive emergency and urgency",
       R"x(all(has hypertensive_emergency, text[not_understood] "urgency"))x",
       R"x(any(has hypertensive_emergency, text[not_understood] "urgency"))x"},
      {"Echocardiography showed LVEF ≥50%",
       R"x(cmp lvef >= 50 %)x",
       R"x(cmp lvef >= 50 %)x"},
      {"Hyperkalemia (serum potassium >5.5 mEq/L)",
       R"x(cmp potassium > 5.5 meq/L)x",
       R"x(cmp potassium > 5.5 meq/L)x"},
      {"Diabetes or hypertension, which are well controlled",
       R"x(all(any(has diabetes_mellitus, has hypertension), text[not_understood] "which are well controlled"))x",
       R"x(all(any(has diabetes_mellitus, has hypertension), text[not_understood] "which are well controlled"))x"},
      {"heparin within 48 hours, resulting in an aPTT above the upper limit of normal",
       R"x(all(has heparin within 48 h, cmp aptt > 1 ULN))x",
       R"x(all(has heparin within 48 h, cmp aptt > 1 ULN))x"},
      {"Women ≥ 18 years",
       R"x(all(sex female, cmp age >= 18 a))x",
       R"x(all(sex female, cmp age >= 18 a))x"},
      {"Previous brain tumour surgery",
       R"x(text[not_understood] "brain tumour surgery")x",
       R"x(text[not_understood] "brain tumour surgery")x"},
      {"Pregnant and lactating women",
       R"x(any(has pregnancy, has breastfeeding))x",
       R"x(any(has pregnancy, has breastfeeding))x"},
      {"Diabetes, requiring insulin, or hypertension",
       R"x(text[not_understood] "Diabetes, requiring insulin, or hypertension")x",
       R"x(text[not_understood] "Diabetes, requiring insulin, or hypertension")x"},
      {"untreated colon or rectal cancer",
       R"x(text[not_understood] "untreated colon or rectal cancer")x",
       R"x(text[not_understood] "untreated colon or rectal cancer")x"},
      {"Allergy or intolerance to bupivacaine",
       R"x(text[not_understood] "Allergy or intolerance to bupivacaine")x",
       R"x(text[not_understood] "Allergy or intolerance to bupivacaine")x"},
      {"History of diabetes or hypertension",
       R"x(any(has diabetes_mellitus, has hypertension))x",
       R"x(any(has diabetes_mellitus, has hypertension))x"},
      {"planned organ transplant",
       R"x(text[not_understood] "planned organ transplant")x",
       R"x(text[not_understood] "planned organ transplant")x"},
      {"Heart failure, which requires hospitalization",
       R"x(all(has heart_failure, text[not_understood] "which requires hospitalization"))x",
       R"x(all(has heart_failure, text[not_understood] "which requires hospitalization"))x"},
      {"Acute or chronic inflammatory disease and/or CRP >30 mg/L",
       R"x(any(text[not_understood] "Acute or chronic inflammatory disease", cmp crp > 30 mg/L))x",
       R"x(any(text[not_understood] "Acute or chronic inflammatory disease", cmp crp > 30 mg/L))x"},
      {"Early onset of deafness (< 3 years of age)",
       R"x(cmp "Early onset of deafness" < 3 a)x",
       R"x(cmp "Early onset of deafness" < 3 a)x"},
      {"HIV-positive adolescents aged 10-19",
       R"x(all(text[not_understood] "HIV-positive adolescents", cmp age >= 10 a, cmp age <= 19 a))x",
       R"x(all(text[not_understood] "HIV-positive adolescents", cmp age >= 10 a, cmp age <= 19 a))x"},
      {"mild ischemic stroke (NIHSS <16)",
       R"x(all(text[not_understood] "mild ischemic stroke", cmp nihss < 16 1))x",
       R"x(all(text[not_understood] "mild ischemic stroke", cmp nihss < 16 1))x"},
      {"iPTH > 800 pg/ml, followed with hypercalcemia and/or hyperphosphatemia",
       R"x(any(cmp pth > 800 pg/mL, text[not_understood] "followed with hypercalcemia", text[not_understood] "hyperphosphatemia"))x",
       R"x(any(cmp pth > 800 pg/mL, text[not_understood] "followed with hypercalcemia", text[not_understood] "hyperphosphatemia"))x"},
      {"Anemia (hemoglobin < 10 g/dL)",
       R"x(cmp hemoglobin < 10 g/dL)x",
       R"x(cmp hemoglobin < 10 g/dL)x"},
      {"Second and third-degree heart block",
       R"x(all(text[not_understood] "Second", has third_degree_av_block))x",
       R"x(any(text[not_understood] "Second", has third_degree_av_block))x"},
      {"History of atrial fibrillation and frequent extrasystoles",
       R"x(all(has atrial_fibrillation, text[not_understood] "frequent extrasystoles"))x",
       R"x(any(has atrial_fibrillation, text[not_understood] "frequent extrasystoles"))x"},
      {"Severe heart failure or diabetes",
       R"x(text[not_understood] "Severe heart failure or diabetes")x",
       R"x(text[not_understood] "Severe heart failure or diabetes")x"},
      {"Patients > 18 years, scheduled for a procedure under general anesthesia",
       R"x(all(cmp age > 18 a, text[not_understood] "scheduled for a procedure under general anesthesia"))x",
       R"x(any(cmp age > 18 a, text[not_understood] "scheduled for a procedure under general anesthesia"))x"},
      {"QTc interval >450ms on initial electrocardiograph, Hb <8.0, WBC<2000",
       R"x(all(cmp qtc > 450 ms, text[not_understood] "initial electrocardiograph, Hb <8.0", cmp wbc < 2000 /uL))x",
       R"x(any(cmp "QTc interval … initial electrocardiograph" > 450 ms, text[not_understood] "Hb <8.0", cmp wbc < 2000 /uL))x"},
      // (The earlier refusal, typed_all_glued_events: every typed item an event glued to unread words. Each line
      // below has a typed item that is not: a comparison, an event joined by "or"; it reads on.)
      {"planned organ transplant and hemoglobin < 10 g/dL",
       R"x(all(text[not_understood] "planned organ transplant", cmp hemoglobin < 10 g/dL))x",
       R"x(all(text[not_understood] "planned organ transplant", cmp hemoglobin < 10 g/dL))x"},
      {"Diabetes requiring insulin and age > 65 years",
       R"x(all(text[not_understood] "Diabetes requiring insulin", cmp age > 65 a))x",
       R"x(all(text[not_understood] "Diabetes requiring insulin", cmp age > 65 a))x"},
      {"history of stroke with residual deficit or epilepsy",
       R"x(all(has stroke, any(text[not_understood] "residual deficit", has epilepsy)))x",
       R"x(all(has stroke, any(text[not_understood] "residual deficit", has epilepsy)))x"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CHECK(e::to_canonical(parser.parse(c.line, g::CriterionSection::inclusion).tree) == std::string(c.inclusion));
    CHECK(e::to_canonical(parser.parse(c.line, g::CriterionSection::exclusion).tree) == std::string(c.exclusion));
  }
}
