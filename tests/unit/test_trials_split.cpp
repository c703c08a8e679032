// split_criteria: one test per splitting rule, each with a short text in the shape registry records use.
#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <vector>

#include "split_support.hpp"
#include "trialmatch/matcher/trial.hpp"

using trialmatch::matcher::Criterion;
using trialmatch::matcher::Section;
using trialmatch::matcher::split_criteria;

using split_support::Lines;
using split_support::outline;

TEST_CASE("numbered items in every style are numbered in order") {
  for (const std::string text : {"1. Age over 18\n2. Signed consent\n", "1) Age over 18\n2) Signed consent\n",
                           "(1) Age over 18\n(2) Signed consent\n", "a. Age over 18\nb. Signed consent\n",
                           "* Age over 18\n* Signed consent\n", "\u2022 Age over 18\n\u2022 Signed consent\n",
                           "  -  Age over 18\n  -  Signed consent\n", "3. Age over 18\n7. Signed consent\n"}) {
    CAPTURE(text);
    CHECK(outline(text) == Lines{"inclusion 1: Age over 18", "inclusion 2: Signed consent"});
  }
}

TEST_CASE("a rendering that lost its numbers (every item \"1.\") is numbered in order") {
  CHECK(outline("1. Age over 18\n1. Signed consent\n1. ECOG 0-2\n") ==
        Lines{"inclusion 1: Age over 18", "inclusion 2: Signed consent", "inclusion 3: ECOG 0-2"});
}

TEST_CASE("sections: headings in their usual spellings, and text with no heading") {
  const Lines both{"inclusion 1: Age over 18", "exclusion 1: Pregnancy"};
  for (const std::string text : {"Inclusion Criteria:\n* Age over 18\nExclusion Criteria:\n* Pregnancy",
                           "Inclusion criteria\n1. Age over 18\nExclusion criteria\n1. Pregnancy",
                           "INCLUSION CRITERIA\n- Age over 18\n\nEXCLUSION CRITERIA\n- Pregnancy",
                           "Key Inclusion Criteria:\n* Age over 18\nKey Exclusion Criteria:\n* Pregnancy",
                           "Inclusions:\n  -  Age over 18\nExclusions:\n  -  Pregnancy",
                           "Inclusion Criteria for Patients:\n- Age over 18\nExclusion Criteria (for patients):\n- Pregnancy",
                           "Inclusion Criteria: Age over 18\nExclusion Criteria: Pregnancy"}) {
    CAPTURE(text);
    CHECK(outline(text) == both);
  }
  CHECK(outline("Age over 18 years\n") == Lines{"inclusion 1: Age over 18 years"});
  CHECK(outline("") == Lines{});
}

TEST_CASE("a sentence that mentions criteria is no heading") {
  CHECK(outline("Exclusion Criteria:\n- Does not meet inclusion criteria\n- No exclusion criteria apply to controls") ==
        Lines{"exclusion 1: Does not meet inclusion criteria", "exclusion 2: No exclusion criteria apply to controls"});
}

TEST_CASE("text before the first heading that announces the list is a lead-in, not a criterion") {
  CHECK(outline("Patients must meet all of the following:\nInclusion Criteria:\n1. Age over 18\n") ==
        Lines{"inclusion 1: Age over 18"});
  CHECK(outline("Inclusion Criteria: includes presence of all the following:\n- Age over 18\n- Consent") ==
        Lines{"inclusion 1: Age over 18", "inclusion 2: Consent"});
  SUBCASE("a short label over items names a group") {
    CHECK(outline("Exclusion Criteria:\nMedical Conditions\n  1. Active thymoma.\n  2. Prior thymectomy.") ==
          Lines{"exclusion 1: Active thymoma.", "exclusion 2: Prior thymectomy."});
  }
}

TEST_CASE("wrapped lines are joined; whitespace collapses; the marker goes") {
  CHECK(outline("  2. Patients with a history of antibiotic treatment for more than 1 month within the last\n"
                "     6 months\n  3. Age   over\t18") ==
        Lines{"inclusion 1: Patients with a history of antibiotic treatment for more than 1 month within the last 6 months",
              "inclusion 2: Age over 18"});
  SUBCASE("an unmarked paragraph wrapped at the page width is one criterion") {
    CHECK(outline("Inclusion Criteria:\nPatients who are diagnosed as ulcerative colitis however in activity or\n"
                  "in remission attending the outpatient clinics\nExclusion Criteria:\n- Diabetes") ==
          Lines{"inclusion 1: Patients who are diagnosed as ulcerative colitis however in activity or in remission "
                "attending the outpatient clinics",
                "exclusion 1: Diabetes"});
  }
  SUBCASE("a bullet that continues a line cut after a preposition is joined back") {
    CHECK(outline("- Chronic ESBL colonization of the same strain as determined by\n- species and antibiogram.\n- Adults") ==
          Lines{"inclusion 1: Chronic ESBL colonization of the same strain as determined by species and antibiogram.",
                "inclusion 2: Adults"});
  }
  SUBCASE("but list items that end in \"and,\" stay separate") {
    CHECK(outline("* free from contraindications; and,\n* able to tolerate rehabilitation.") ==
          Lines{"inclusion 1: free from contraindications; and,", "inclusion 2: able to tolerate rehabilitation."});
  }
}

TEST_CASE("several items on one wrapped line are split at the next number") {
  CHECK(outline("1) Age \u226418, male or female; 2) Patients diagnosed as AML according\nto WHO criteria; 3) Consent") ==
        Lines{"inclusion 1: Age \u226418, male or female;", "inclusion 2: Patients diagnosed as AML according to WHO criteria;",
              "inclusion 3: Consent"});
  SUBCASE("a number in parentheses or out of sequence is no marker") {
    CHECK(outline("1) Tumour (grade 2) resected; stage 3) disease\n2) Consent") ==
          Lines{"inclusion 1: Tumour (grade 2) resected; stage 3) disease", "inclusion 2: Consent"});
  }
  SUBCASE("decimals are not markers") {
    CHECK(outline("1. Creatinine < 1.5 mg/dL, eGFR 60/1.73 m2\n2. Consent") ==
          Lines{"inclusion 1: Creatinine < 1.5 mg/dL, eGFR 60/1.73 m2", "inclusion 2: Consent"});
  }
}

TEST_CASE("markdown escapes undone, HTML entities decoded, Unicode kept") {
  CHECK(outline("* WBC \\<3\u00D710\\^9/L \\[central lab\\] \\*see note\n* Hb &ge; 9 g/dL &amp; ALT &lt; 3&#215;ULN, 5 &micro;g") ==
        Lines{"inclusion 1: WBC <3\u00D710^9/L [central lab] *see note",
              "inclusion 2: Hb \u2265 9 g/dL & ALT < 3\u00D7ULN, 5 \u00B5g"});
  SUBCASE("UTF-8 once misread as cp1252 reads as it was written") {
    CHECK(outline("* Age \u00E2\u2030\u00A518\n* ANC < 0.5\u00C3\u2014109/L") ==
          Lines{"inclusion 1: Age \u226518", "inclusion 2: ANC < 0.5\u00D7109/L"});
  }
}

TEST_CASE("sub-items after a lead-in are criteria numbered under their parent, prefixed with its lead-in") {
  const auto text =
      "Exclusion Criteria:\n* Prior gene therapy\n* History of major organ damage including:\n\n"
      "1. AST or ALT >3\u00D7 ULN;\n2. LVEF <45%;\n* Live vaccine within 6 weeks\n";
  CHECK(outline(text) == Lines{"exclusion 1: Prior gene therapy",
                               "exclusion 2.1: History of major organ damage including: AST or ALT >3\u00D7 ULN;",
                               "exclusion 2.2: History of major organ damage including: LVEF <45%;",
                               "exclusion 3: Live vaccine within 6 weeks"});
  SUBCASE("an inclusion's non-alternative sub-items are each required") {
    CHECK(outline("1. Adequate organ function, defined as:\n   a. ANC \u2265 1500/\u00B5L\n   b. Platelets \u2265 100000/\u00B5L\n2. Consent") ==
          Lines{"inclusion 1.1: Adequate organ function, defined as: ANC \u2265 1500/\u00B5L",
                "inclusion 1.2: Adequate organ function, defined as: Platelets \u2265 100000/\u00B5L", "inclusion 2: Consent"});
  }
  SUBCASE("same-style sub-items restarting at 1 end when the parent's numbering resumes") {
    CHECK(outline("1. Age over 18\n2. Any prior therapy including:\n1. chemotherapy\n2. radiotherapy\n3. Consent") ==
          Lines{"inclusion 1: Age over 18", "inclusion 2.1: Any prior therapy including: chemotherapy",
                "inclusion 2.2: Any prior therapy including: radiotherapy", "inclusion 3: Consent"});
  }
  SUBCASE("deeper indentation nests bullets of the same style") {
    CHECK(outline("Exclusion Criteria:\n  -  Immunocompromised patient defined by:\n       -  corticosteroids\n"
                  "       -  transplant\n  -  Pregnancy") ==
          Lines{"exclusion 1.1: Immunocompromised patient defined by: corticosteroids",
                "exclusion 1.2: Immunocompromised patient defined by: transplant", "exclusion 2: Pregnancy"});
  }
  SUBCASE("a parent that announces nothing stays a criterion; its deeper items stand alone") {
    CHECK(outline("Exclusion Criteria:\n  -  Emergency surgery\n       -  Age under 18\n       -  Refusal\n") ==
          Lines{"exclusion 1: Emergency surgery", "exclusion 1.1: Age under 18", "exclusion 1.2: Refusal"});
  }
  SUBCASE("a lead-in and its items written on one line") {
    CHECK(outline("Exclusion Criteria:\n6) liver dysfunction, including: creatinine >2\u00D7 ULN; bilirubin > 2\u00D7 ULN") ==
          Lines{"exclusion 1.1: liver dysfunction, including: creatinine >2\u00D7 ULN",
                "exclusion 1.2: liver dysfunction, including: bilirubin > 2\u00D7 ULN"});
  }
}

TEST_CASE("an inclusion whose lead-in asks for one of its items stays one criterion holding them") {
  for (const std::string lead : {"Relapse, including any of the following conditions:", "Relapse with one of the following:",
                           "Relapse with at least one of:"}) {
    CAPTURE(lead);
    const auto text = std::string("1. Age over 18\n2. ") + lead + "\n   a. No CR after induction;\n   b. Early relapse.\n3. Consent";
    CHECK(outline(text) == Lines{"inclusion 1: Age over 18", "inclusion 2: " + std::string(lead) +
                                                               " No CR after induction; Early relapse.",
                                 "inclusion 3: Consent"});
  }
  SUBCASE("items joined by \"or\" are alternatives too") {
    CHECK(outline("  3. antibiotic order within 24 hours and\n       1. culture first, antibiotics within 48 hours or\n"
                  "       2. antibiotics first, culture within 48 hours\n  4. Adult") ==
          Lines{"inclusion 1: antibiotic order within 24 hours and culture first, antibiotics within 48 hours or "
                "antibiotics first, culture within 48 hours",
                "inclusion 2: Adult"});
  }
  SUBCASE("top-level inclusions joined by \"or\" are one criterion; exclusions stay separate") {
    CHECK(outline("Inclusion Criteria:\n- Fasting glucose 6.1 to 7.0 mmol/L or,\n- HbA1c 5.7 to 6.4%\n- Age over 18\n"
                  "Exclusion Criteria:\n- Pregnancy OR\n- Weight > 130 kg") ==
          Lines{"inclusion 1: Fasting glucose 6.1 to 7.0 mmol/L or, HbA1c 5.7 to 6.4%", "inclusion 2: Age over 18",
                "exclusion 1: Pregnancy OR", "exclusion 2: Weight > 130 kg"});
  }
  SUBCASE("in an exclusion section the same items are separate criteria (any of them excludes)") {
    CHECK(outline("Exclusion Criteria:\n1. Prior therapy, any one of the following:\n   a. steroids\n   b. radiotherapy") ==
          Lines{"exclusion 1.1: Prior therapy, any one of the following: steroids",
                "exclusion 1.2: Prior therapy, any one of the following: radiotherapy"});
  }
  SUBCASE("\"absence of any of the following\" asks for none: each is required") {
    CHECK(outline("1. Absence of any of the following:\n   a. sepsis\n   b. shock") ==
          Lines{"inclusion 1.1: Absence of any of the following: sepsis", "inclusion 1.2: Absence of any of the following: shock"});
  }
  SUBCASE("an unmarked lead-in asking for one of the items after it") {
    CHECK(outline("Inclusion Criteria:\nPatients with at least one of the following:\n- Diabetes\n- Obesity") ==
          Lines{"inclusion 1: Patients with at least one of the following: Diabetes; Obesity"});
  }
}

TEST_CASE("a lead-in that ends a section: the heading closes it, and the next section restarts at 1") {
  // By meaning, a section heading is a stronger signal than a colon: the "1." items after
  // "Exclusion Criteria:" are exclusions, not the inclusion lead-in's alternatives, and the lead-in
  // with no items left stays one criterion with its own text (a person would have to read it).
  CHECK(outline("Inclusion Criteria:\n1. Age over 18\n2. Disease with any of the following:\n"
                "Exclusion Criteria:\n1. Pregnancy\n2. Prior therapy") ==
        Lines{"inclusion 1: Age over 18", "inclusion 2: Disease with any of the following:", "exclusion 1: Pregnancy",
              "exclusion 2: Prior therapy"});
  SUBCASE("without a heading, numbers restarting at 1 after a lead-in are its items") {
    CHECK(outline("1. Age over 18\n2. Disease with any of the following:\n1. relapse\n2. refractory") ==
          Lines{"inclusion 1: Age over 18", "inclusion 2: Disease with any of the following: relapse; refractory"});
  }
}

TEST_CASE("a list that lies about its numbers is read by its meaning (seed 001's shape)") {
  // Every item is "1."; the items under the lead-in are "2. 3. 4. c."; bullets carry "7." ... "10.".
  const auto text =
      "Inclusion Criteria\n    1. Diagnosed as CD5+T-ALL;\n    1. Consistent with r/r diagnosis, including any of the following conditions:\n\n"
      "    2. No CR after chemotherapy;\n\n    3. CR \u2264 12 months;\n\n    c.Multiple recurrences.\n\n    1. CD5 expression >90%;\n"
      "  \u2022 7.Oxygen saturation 92% or higher;\n\n  \u2022 8.Life expectancy of 12 weeks;\n    1. Informed consent;\n";
  CHECK(outline(text) ==
        Lines{"inclusion 1: Diagnosed as CD5+T-ALL;",
              "inclusion 2: Consistent with r/r diagnosis, including any of the following conditions: No CR after chemotherapy; "
              "CR \u2264 12 months; Multiple recurrences.",
              "inclusion 3: CD5 expression >90%;", "inclusion 4: Oxygen saturation 92% or higher;",
              "inclusion 5: Life expectancy of 12 weeks;", "inclusion 6: Informed consent;"});
}

TEST_CASE("criteria under a lead-in or heading naming an arm of the trial are read with it") {
  // A patient is in one arm; read alone, each arm's items would hold every patient to all of them.
  CHECK(outline("Inclusion Criteria:\n\nCohort 1:\n\n* HbA1c > 8%\n\nCohort 2:\n\n* HbA1c < 7%\n") ==
        Lines{"inclusion 1: Cohort 1: HbA1c > 8%", "inclusion 2: Cohort 2: HbA1c < 7%"});
  CHECK(outline("Inclusion Criteria:\n\nHealthy Volunteers\n\n* BMI < 30\n\nExclusion Criteria:\n\n* Pregnancy\n") ==
        Lines{"inclusion 1: Healthy Volunteers: BMI < 30", "exclusion 1: Pregnancy"});
  // A lead-in that names no arm ends the last arm's scope; a heading ends every scope.
  CHECK(outline("Inclusion Criteria:\n\nFor the healthy group:\n\n* BMI < 30\n\nPatients must meet all of the following:\n\n"
                "* Age over 18\n") == Lines{"inclusion 1: For the healthy group: BMI < 30", "inclusion 2: Age over 18"});
  // Headings naming two groups: each names whom its criteria are for.
  CHECK(outline("Inclusion Criteria for Patients:\n\n* Type 2 diabetes\n\nInclusion Criteria for Healthy Controls:\n\n"
                "* BMI < 30\n\nExclusion Criteria:\n\n* Pregnancy\n") ==
        Lines{"inclusion 1: Inclusion Criteria for Patients: Type 2 diabetes",
              "inclusion 2: Inclusion Criteria for Healthy Controls: BMI < 30", "exclusion 1: Pregnancy"});
  // One qualified heading names no group apart from another: its items are read alone.
  CHECK(outline("Inclusion Criteria for Patients:\n\n* Type 2 diabetes\n\nExclusion Criteria:\n\n* Pregnancy\n") ==
        Lines{"inclusion 1: Type 2 diabetes", "exclusion 1: Pregnancy"});
}
