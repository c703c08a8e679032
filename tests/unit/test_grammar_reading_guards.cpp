// lowerspeed22's guards in piece() (grammar/src/lower_pieces.cpp), each a necessary condition of a reading, asked
// before calling it: survival_unlikely only where a word of 8 bytes ("unlikely") is the piece's first or last but
// for neutral tokens; the "with or without" phrase only with a negation token ("without") in the piece or right
// before it; cohort_after only where a ')' closes the piece but for a period, comma or ';'; planned_ahead's plan
// word looked for only before the last token that may open its window; stability only with a token of kind
// `other` (its "±"); count_lists_kinds' judgement walk only with a judgement token, and it and counted only with a
// whole number with no unit (lower_counts.cpp); whichever_window only with a "within", or an "or" and a number;
// elapsed_ago only where an event opens the piece; now_or_window only where an "or" stands right before a
// "within"; list_with_asides only with a '(' and a comma. And line() asks no piece of an empty range, keeps the
// kinds of its first piece's tokens from its own walk and starts its walk for markers at the closing period where
// those tokens have no '(', ')', ';' or '.'; mark_onsets (lower_onset.cpp) tests its words by WordList and its
// bytes by a table. The lines each is written for read as before (and as main reads them): a guard that refused
// too much changes one of them.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

TEST_CASE("reading guards: the lines each guarded reading is written for read as before") {
  struct Case {
    const char* line;
    const char* tree;
    const char* warning;  // a warning the reading gives, or ""
  };
  const Case cases[] = {
      // survival_unlikely: "unlikely" last, or first.
      {"Known disease making 180 day survival unlikely.", "cmp life_expectancy < 180 d", ""},
      {"Unlikely to survive the next 24 hours", "cmp life_expectancy < 24 h", ""},
      {"- Unlikely to survive for 3 months.", "cmp life_expectancy < 3 mo", ""},
      {"Life expectancy > 3 months (survival unlikely)",
       R"x(all(cmp life_expectancy > 3 mo, text[not_understood] "survival unlikely"))x", ""},
      // "with or without", "without or with": the "with" before the piece, and the "without" too.
      {"Patients with or without diabetes, aged 18 years or older", "cmp age >= 18 a",
       "'or without diabetes' allows either, so it asks nothing"},
      {"Patients without or with diabetes, aged 18 years or older", "cmp age >= 18 a",
       "'without or with diabetes' allows either, so it asks nothing"},
      {"Age 18-75, with or without prior chemotherapy", "all(cmp age >= 18 a, cmp age <= 75 a)",
       "'with or without prior chemotherapy' allows either, so it asks nothing"},
      {"Prior stroke. Without or with metformin, HbA1c < 9%", "all(has stroke, cmp hba1c < 9 %)",
       "'Without or with metformin' allows either, so it asks nothing"},
      // line() asks no piece of the empty range after a closing period or ';' (piece() refuses one at once).
      {"HbA1c < 8%.", "cmp hba1c < 8 %", ""},
      {"HbA1c < 8%. BMI > 30 kg/m2.", "all(cmp hba1c < 8 %, cmp bmi > 30 kg/m2)", ""},
      {"1. HbA1c < 8%;", "cmp hba1c < 8 %", ""},
      {".", R"x(text[not_understood] "")x", ""},
      // line() keeps the kinds of the words between a list marker and a closing period as the first piece's: the
      // guards above read them.
      {"1. Patients with or without diabetes, aged 18 years or older.", "cmp age >= 18 a",
       "'with or without diabetes' allows either, so it asks nothing"},
      {"a) Age ≥ 30 years (Healthy control group).",
       R"x(if(text[not_understood] "Healthy control group", cmp age >= 30 a))x", ""},
      {"2. HbA1c < 8%", "cmp hba1c < 8 %", ""},
      // planned_ahead: the plan word before the window, the window last or not.
      {"Planned surgery within 6 months", "has surgery within 6 mo ahead", ""},
      {"Patients who plan to undergo surgery or radiotherapy in the next 12 months",
       "any(has surgery within 12 mo ahead, has radiotherapy within 12 mo ahead)", ""},
      // stability: only with a token of kind `other` ("±", "+" of "+/-").
      {"Body weight stable for 3 months prior (±3 kg)", R"x(cmp "absolute change in Body weight" <= 3 kg within 3 mo)x", ""},
      {"Unstable body mass (±2 kg over prior 3-mo)", R"x(cmp "absolute change in body mass" > 2 kg within 3 mo)x", ""},
      {"Weight stable for 3 months (+/- 2 kg)", R"x(cmp "absolute change in Weight" <= 2 kg within 3 mo)x", ""},
      // counted and count_lists_kinds: only with a whole number with no unit ("one" is one).
      {"At least one measurable lesion as per RECIST v1.1", R"x(cmp "… measurable lesion as per RECIST v1.1" >= 1 ?)x", ""},
      {"Patient previously treated with only one cytokine", R"x(cmp "previously treated … cytokine" == 1 ?)x", ""},
      {"Minimum three prior lines of therapy", R"x(cmp "… lines of therapy" >= 3 ?)x", ""},
      {"≥2 of 6 criteria", R"x(cmp "… of 6 criteria" >= 2 ?)x", ""},
      // count_lists_kinds asks judges() only of a piece with a judgement token ("significant").
      {"One or more clinical symptoms (persistent cough, recurrent hemoptysis, weight loss) for ≥3 months",
       R"x(all(cmp "… clinical symptoms (persistent cough, recurrent hemoptysis, weight loss)" >= 1 ?, cmp "… clinical symptoms (persistent cough, recurrent hemoptysis, weight loss)" >= 3 mo))x",
       ""},
      {"Two or more significant symptoms (cough, fever or dyspnea)",
       R"x(any(text[judgement] "Two or more significant symptoms (cough", has fever, text[not_understood] "dyspnea"))x", ""},
      // whichever_window: after "within", or two windows joined by "or", the second a number.
      {"Chemotherapy within 4 weeks or 5 half-lives, whichever is longer, before the first dose",
       R"x(any(has chemotherapy within 4 wk before first_dose, all(has chemotherapy, text[not_understood] "5 half-lives")))x",
       ""},
      {"Radiotherapy within 4 weeks or 5 half-lives, whichever is shorter",
       R"x(all(has radiotherapy within 4 wk, text[not_understood] "5 half-lives"))x", ""},
      {"Chemotherapy within 5 half-lives or 4 weeks, whichever is longer",
       R"x(any(has chemotherapy within 4 wk, all(has chemotherapy, text[not_understood] "5 half-lives")))x", ""},
      {"At least 4 weeks or 5 half-lives, whichever is longer, since the last dose of chemotherapy",
       R"x(not(any(has chemotherapy within 4 wk, all(has chemotherapy, text[not_understood] "5 half-lives"))))x", ""},
      {"Surgery within 6 months or 2 weeks after discharge, whichever comes first",
       R"x(text[not_understood] "Surgery within 6 months or 2 weeks after discharge, whichever comes first")x", ""},
      // elapsed_ago: the events first, but for neutral tokens.
      {"Surgery < 6 months ago", "has surgery within 6 mo", ""},
      {"Chemotherapy or radiotherapy < 4 weeks ago", "any(has chemotherapy within 4 wk, has radiotherapy within 4 wk)", ""},
      {"- Surgery performed < 6 months ago.", "has surgery within 6 mo", ""},
      // now_or_window: an "or" right before the "within".
      {"Currently or within the past 3 months receiving chemotherapy", "has chemotherapy status active within 3 mo", ""},
      {"Current smoker or within the past 12 months", "has smoking status active within 12 mo", ""},
      {"Use of steroids currently or within the last 4 weeks", R"x(has "Use of steroids" within 4 wk)x", ""},
      // cohort_after: the parenthesis closes the piece, before a period or a ';'.
      {"Age ≥ 30 years (Healthy control group).",
       R"x(if(text[not_understood] "Healthy control group", cmp age >= 30 a))x", ""},
      {"BMI > 25 kg/m2 (Patient groups 1+2);", R"x(if(text[not_understood] "Patient groups 1+2", cmp bmi > 25 kg/m2))x",
       ""},
  };
  const g::Parser parser(e::Lexicon::builtin());
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const auto parsed = parser.parse(c.line, g::CriterionSection::inclusion);
    CHECK(e::to_canonical(parsed.tree) == std::string(c.tree));
    if (*c.warning == '\0') continue;
    bool warned = false;
    for (const auto& d : parsed.diagnostics) warned = warned || d.message == c.warning;
    CHECK(warned);
  }
}

TEST_CASE("reading guards: exclusion lines, and the walk for markers from a plain first piece's closing period") {
  struct Case {
    const char* line;
    const char* tree;
  };
  const Case cases[] = {
      // list_with_asides, asked only with a '(' and a comma.
      {"Age < 18 years, inability to give consent, history of intraocular surgery (except uncomplicated cataract "
       "surgery), pregnant and nursing women",
       R"x(any(cmp age < 18 a, text[judgement] "inability to give consent", text[not_understood] "history of intraocular surgery (except uncomplicated cataract surgery)", has pregnancy, has breastfeeding))x"},
      // line(): markers inside the line, before a closing period; none in the word before it.
      {"Age 18-65 years b) BMI < 30 kg/m2.", "any(all(cmp age >= 18 a, cmp age <= 65 a), cmp bmi < 30 kg/m2)"},
      {"Age 18-80 years 2.Brain metastasis.", "any(all(cmp age >= 18 a, cmp age <= 80 a), has brain_metastases)"},
      {"Temperature > 38 degrees Celsius (C).", "cmp temperature > 38 Cel"},
      {"BMI < 30 kg/m2 a.", "cmp bmi < 30 kg/m2"},
      {"2. BMI < 30 kg/m2.", "cmp bmi < 30 kg/m2"},
      {"Patients: HbA1c < 8%.", "cmp hba1c < 8 %"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CHECK(e::to_canonical(parser.parse(c.line, g::CriterionSection::exclusion).tree) == std::string(c.tree));
  }
}

namespace {

void onsets_of(const e::Node& n, std::vector<bool>& out) {
  if (const auto* h = std::get_if<e::Has>(&n.kind)) out.push_back(h->onset);
  if (const auto* a = std::get_if<e::All>(&n.kind))
    for (const auto& x : a->args) onsets_of(x, out);
  if (const auto* o = std::get_if<e::Any>(&n.kind))
    for (const auto& x : o->args) onsets_of(x, out);
  if (const auto* t = std::get_if<e::Not>(&n.kind)) onsets_of(*t->arg, out);
  if (const auto* i = std::get_if<e::If>(&n.kind)) {
    onsets_of(*i->cond, out);
    onsets_of(*i->then, out);
  }
}

}  // namespace

TEST_CASE("reading guards: mark_onsets marks the events whose words name their start before the time phrase") {
  struct Case {
    const char* line;
    bool onset;
  };
  const Case cases[] = {
      {"Type 2 diabetes diagnosed within the last 5 years", true},
      {"Newly diagnosed AML (within 30 days)", true},
      {"Started on insulin in the past 3 months", true},
      {"Diabetes within the last 5 years, diagnosed by a physician", false},
      {"Stroke within 6 months", false},
      // Through each kind of node mark() walks by: any, not, and (below) if.
      {"Newly diagnosed AML (within 30 days) or stroke", true},
      {"Not newly diagnosed AML (within 30 days)", true},
  };
  const g::Parser parser(e::Lexicon::builtin());
  for (const Case& c : cases) {
    CAPTURE(c.line);
    std::vector<bool> onsets;
    onsets_of(parser.parse(c.line, g::CriterionSection::inclusion).tree, onsets);
    REQUIRE(!onsets.empty());
    for (const bool o : onsets) CHECK(o == c.onset);
  }
  const auto guarded = parser.parse("Women: newly diagnosed AML (within 30 days)", g::CriterionSection::inclusion,
                                    g::PeopleHeadings::name_cohorts);
  REQUIRE(std::holds_alternative<e::If>(guarded.tree.kind));
  std::vector<bool> onsets;
  onsets_of(guarded.tree, onsets);
  REQUIRE(onsets.size() == 1);
  CHECK(onsets[0]);
}
