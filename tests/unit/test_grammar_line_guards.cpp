// lowerspeed18's guards in line(), piece() and finish_items (grammar/src/lower_pieces.cpp, lower_items.cpp): each
// skips a call or a move where it cannot change the reading. The lines each guard is asked of, read as before:
// a guard that refused too much would change one of them.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

std::string read(const g::Parser& parser, const char* line, g::CriterionSection section) {
  return e::to_canonical(parser.parse(line, section).tree);
}

}  // namespace

TEST_CASE("line guards: the lines each guard is asked of read as before") {
  struct Case {
    g::CriterionSection section;
    const char* line;
    const char* tree;
  };
  const Case cases[] = {
      // limits_by_site, asked only of a line with a name token: the sites name the measures.
      {g::CriterionSection::exclusion, R"x(Oral temperature > 38 degrees Celsius (C) or < 36 degrees C or axillary temperature > 37 degrees C or < 35 degrees C)x",
       R"x(any(all(text[not_understood] "Oral", cmp temperature > 38 Cel), all(text[not_understood] "Oral", cmp temperature < 36 Cel), all(text[not_understood] "axillary", cmp temperature > 37 Cel), all(text[not_understood] "axillary", cmp temperature < 35 Cel)))x"},
      {g::CriterionSection::exclusion, R"x(Oral temperature > 38.0 °C or axillary temperature > 37.5 °C)x",
       R"x(any(all(text[not_understood] "Oral", cmp temperature > 38 Cel), all(text[not_understood] "axillary", cmp temperature > 37.5 Cel)))x"},
      {g::CriterionSection::inclusion, R"x(Fever: oral temperature > 38 °C, rectal temperature > 38.5 °C)x",
       R"x(all(cmp temperature > 38 Cel, text[not_understood] "rectal", cmp temperature > 38.5 Cel))x"},
      // (and only where two words or fillers stand right before measured names: each site word is one. A line of
      // two pieces is asked after they are joined.)
      {g::CriterionSection::exclusion, R"x(Oral temperature > 38 °C; axillary temperature > 37 °C)x",
       R"x(any(all(text[not_understood] "Oral", cmp temperature > 38 Cel), all(text[not_understood] "axillary", cmp temperature > 37 Cel)))x"},
      {g::CriterionSection::exclusion, R"x(Rectal temperature ≥ 38 °C or oral temperature ≥ 37.5 °C)x",
       R"x(any(all(text[not_understood] "Rectal", cmp temperature >= 38 Cel), all(text[not_understood] "oral", cmp temperature >= 37.5 Cel)))x"},
      // inner_marker asks for a restated unit only of "(x)".
      {g::CriterionSection::exclusion, R"x(Temperature > 38 degrees Celsius (C))x", R"x(cmp temperature > 38 Cel)x"},
      {g::CriterionSection::inclusion, R"x((i) age 18-80 years (ii) fluent in English)x",
       R"x(all(cmp age >= 18 a, cmp age <= 80 a, text[not_understood] "fluent in English"))x"},
      {g::CriterionSection::exclusion, R"x(Age 18-65 years b) BMI < 30 kg/m2)x",
       R"x(any(all(cmp age >= 18 a, cmp age <= 65 a), cmp bmi < 30 kg/m2))x"},
      // counted, asked of an unread piece only where it holds a number.
      {g::CriterionSection::inclusion, R"x(At least one lesion, not previously irradiated)x",
       R"x(cmp "… lesion, not previously irradiated" >= 1 ?)x"},
      {g::CriterionSection::inclusion, R"x(two or more of the following: diabetes, hypertension, obesity)x",
       R"x(cmp "… of the following: diabetes, hypertension, obesity" >= 2 ?)x"},
      // count_lists_kinds, asked only where a comma, an "or" or an "and/or" may join the kinds listed.
      {g::CriterionSection::inclusion, R"x(One or more clinical symptoms (persistent cough, recurrent hemoptysis, weight loss, malaise, fever and dyspnea) for ≥3 months)x",
       R"x(all(cmp "… clinical symptoms (persistent cough, recurrent hemoptysis, weight loss, malaise, fever and dyspnea)" >= 1 ?, cmp "… clinical symptoms (persistent cough, recurrent hemoptysis, weight loss, malaise, fever and dyspnea)" >= 3 mo))x"},
      // labelled_alternatives, asked only with a colon; cohort_after, only with a '('.
      {g::CriterionSection::inclusion, R"x(Impaired glucose tolerance: fasting glucose concentration < 7,0 mmol/ l and a 2-hour glucose load ≥ 7,8 mmol/ l and < 11,1 mmol/ l OR Impaired fasting glycaemia: Fasting blood glucose ≥ 6,1 mmol/ l and < 7,0 mmol/ l and a 2-hour glucose load < 7,8 mmol/ l OR Normal glucose tolerance: fasting glucose concentration < 6,1 mmol/ l and a 2-hour glucose load < 7,8 mmol/ l.)x",
       R"x(any(all(cmp fasting_glucose < 7 mmol/L, cmp ogtt_2h_glucose >= 7.8 mmol/L, cmp ogtt_2h_glucose < 11.1 mmol/L), all(cmp fasting_glucose >= 6.1 mmol/L, cmp fasting_glucose < 7 mmol/L, cmp ogtt_2h_glucose < 7.8 mmol/L), all(cmp fasting_glucose < 6.1 mmol/L, cmp ogtt_2h_glucose < 7.8 mmol/L)))x"},
      {g::CriterionSection::inclusion, R"x(-  Age ≥ 30 years (Healthy control group))x", R"x(if(text[not_understood] "Healthy control group", cmp age >= 30 a))x"},
      // guarded_alternative, asked only with a number or a multiple of a limit.
      {g::CriterionSection::inclusion, R"x(AST and ALT ≤ 3 × ULN, or ≤ 5 × ULN for patients with liver metastases)x",
       R"x(all(if(not(has liver_metastases), all(cmp ast <= 3 ULN, cmp alt <= 3 ULN)), if(has liver_metastases, all(cmp ast <= 5 ULN, cmp alt <= 5 ULN))))x"},
      {g::CriterionSection::inclusion, R"x(BMI ≥ 30 kg/m2 (≥ 27.5 kg/m2 for Asians))x",
       R"x(all(if(not(text[not_understood] "for Asians"), cmp bmi >= 30 kg/m2), if(text[not_understood] "for Asians", cmp bmi >= 27.5 kg/m2)))x"},
      {g::CriterionSection::inclusion, R"x(BMI ≥ 30 (BMI = 25 for Asians))x", R"x(text[not_understood] "BMI ≥ 30 (BMI = 25 for Asians)")x"},
      {g::CriterionSection::inclusion, R"x(Willing to comply with the study visits)x",
       R"x(text[judgement] "Willing to comply with the study visits")x"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  for (const Case& c : cases) CHECK_MESSAGE(read(parser, c.line, c.section) == std::string(c.tree), c.line);
}

TEST_CASE("line guards: a piece of one item (combined) spans its own words") {
  const g::Parser parser(e::Lexicon::builtin());
  const auto result = parser.parse("HbA1c < 8%; BMI > 30 kg/m2", g::CriterionSection::inclusion);
  const auto* all = std::get_if<e::All>(&result.tree.kind);
  REQUIRE(all != nullptr);
  REQUIRE(all->args.size() == 2);
  CHECK(all->args[0].span.begin == 0);
  CHECK(all->args[0].span.end == 10);  // "HbA1c < 8%"
  CHECK(all->args[1].span.begin == 12);
  CHECK(all->args[1].span.end == 26);  // "BMI > 30 kg/m2"
  CHECK(e::to_canonical(result.tree) == "all(cmp hba1c < 8 %, cmp bmi > 30 kg/m2)");
}
