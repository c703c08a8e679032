// split_criteria and registry layouts whose lead-ins change what their items mean (audit 13): an unmarked
// paragraph "No history of the following:" / "Any of the following within 28 days:" / "..., except:" over bulleted
// items is read with each of them (dropped, the items were asked for themselves, at any time, or the exception was
// excluded); items under "One or both of the following:" or "..., such as:" are one criterion in an inclusion (read
// apart, every one was required).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "split_support.hpp"
#include "trialmatch/matcher/trial.hpp"

using trialmatch::matcher::split_criteria;

using split_support::outline;

TEST_CASE("an unmarked negated lead-in in an inclusion is read with each of its items") {
  const auto got = outline("Inclusion Criteria:\n\nAge 18 years or older\n\nNo history of the following:\n\n* diabetes\n* stroke\n\n"
                           "Signed informed consent\n");
  const std::vector<std::string> want{"inclusion 1: Age 18 years or older", "inclusion 2: No history of the following: diabetes",
                                      "inclusion 3: No history of the following: stroke",
                                      // (a paragraph after the list ends the lead-in's reach)
                                      "inclusion 4: Signed informed consent"};
  CHECK(got == want);
}

TEST_CASE("an unmarked lead-in with a window or an exception is read with its items, in an exclusion too") {
  const auto got = outline("Exclusion Criteria: Any of the following within 28 days:\n\n* major surgery\n* stroke\n\n"
                           "Any of the following, except:\n\n* basal cell carcinoma\n");
  const std::vector<std::string> want{"exclusion 1: Any of the following within 28 days: major surgery",
                                      "exclusion 2: Any of the following within 28 days: stroke",
                                      "exclusion 3: Any of the following, except: basal cell carcinoma"};
  CHECK(got == want);
}

TEST_CASE("near-misses: a plain or section-restating lead-in is dropped as before") {
  // (In an exclusion a negation restates the section.)
  const auto excl = outline("Exclusion Criteria:\n\nPatients will not be included if any of the following applies:\n\n"
                            "* pregnancy\n* epilepsy\n");
  CHECK(excl == std::vector<std::string>{"exclusion 1: pregnancy", "exclusion 2: epilepsy"});
  const auto incl = outline("Inclusion Criteria:\n\nPatients must meet all of the following:\n\n* Age 18 years or older\n* HbA1c >= 7%\n");
  CHECK(incl == std::vector<std::string>{"inclusion 1: Age 18 years or older", "inclusion 2: HbA1c >= 7%"});
}

TEST_CASE("one or both of the following, and examples, hold their items as one inclusion") {
  const auto got = outline("Inclusion Criteria:\n\n* Must have one or both of the following:\n    * diabetes\n    * hypertension\n"
                           "* Cardiovascular disease, such as:\n    * myocardial infarction\n    * stroke\n"
                           "* Established cardiovascular disease, e.g.\n    * myocardial infarction\n    * stroke\n");
  const std::vector<std::string> want{
      "inclusion 1: Must have one or both of the following: diabetes; hypertension",
      "inclusion 2: Cardiovascular disease, such as: myocardial infarction; stroke",
      "inclusion 3: Established cardiovascular disease, e.g.: myocardial infarction; stroke"};
  CHECK(got == want);
  // An unmarked examples lead-in likewise.
  const auto unmarked = outline("Inclusion Criteria:\n\nCardiovascular disease, such as:\n\n* myocardial infarction\n* stroke\n");
  CHECK(unmarked == std::vector<std::string>{"inclusion 1: Cardiovascular disease, such as: myocardial infarction; stroke"});
}

TEST_CASE("near-miss: 'including:' still frames requirements, each its own criterion") {
  const auto got = outline("Inclusion Criteria:\n\n* Adequate organ function, including:\n    * ALT <= 3 x ULN\n    * creatinine <= 1.5 mg/dL\n");
  const std::vector<std::string> want{"inclusion 1.1: Adequate organ function, including: ALT <= 3 x ULN",
                                      "inclusion 1.2: Adequate organ function, including: creatinine <= 1.5 mg/dL"};
  CHECK(got == want);
}
