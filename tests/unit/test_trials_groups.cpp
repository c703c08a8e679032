// split_criteria and lines naming groups of people ("Patients:" over items beside "Healthy volunteers:" over
// theirs): two or more groups, each line names whom its items are for; one alone restates whom the trial takes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "trialmatch/grammar/people.hpp"
#include "split_support.hpp"
#include "trialmatch/matcher/trial.hpp"

using trialmatch::grammar::people_group;
using trialmatch::matcher::split_criteria;

using split_support::Lines;
using split_support::outline;

TEST_CASE("people_group: the group of people a lead-in names, as one key") {
  CHECK(people_group("Patients:") == "participants");
  CHECK(people_group("Participants") == "participants");
  CHECK(people_group("Healthy Volunteers:") == "healthy volunteer");
  CHECK(people_group("Kidney donors") == "kidney donor");
  CHECK(people_group("Adult patients") == "adult");
  CHECK(people_group("Adults") == "adult");
  CHECK(people_group("Inclusion criteria for children:") == "children");
  CHECK(people_group("Non-smokers") == "non-smoker");
  CHECK(people_group("Patients must meet all of the following:").empty());
  CHECK(people_group("Patients must meet the following:").empty());
  CHECK(people_group("All participants").empty());
  CHECK(people_group("Medical Conditions").empty());
  CHECK(people_group("Cohort 1:").empty());
  CHECK(people_group("Patients (n = 20)").empty());
  CHECK(people_group("").empty());
}

TEST_CASE("unmarked lines naming two or more groups: each names whom its items are for") {
  CHECK(outline("Inclusion Criteria:\n\nPatients:\n\n* Age 18 to 75 years\n* Type 2 diabetes\n\nHealthy volunteers:\n\n"
                "* Age 18 to 40 years\n\nExclusion Criteria:\n\nPatients:\n\n* Pregnancy\n\nHealthy volunteers:\n\n"
                "* Hypertension\n") ==
        Lines{"inclusion 1: Patients: Age 18 to 75 years", "inclusion 2: Patients: Type 2 diabetes",
                                 "inclusion 3: Healthy volunteers: Age 18 to 40 years", "exclusion 1: Patients: Pregnancy",
                                 "exclusion 2: Healthy volunteers: Hypertension"});
  // Without colons, as short lines over the items.
  CHECK(outline("Inclusion Criteria:\n\nDonors\n\n* Age 18 to 60 years\n\nRecipients\n\n* Age 18 to 70 years\n") ==
        Lines{"inclusion 1: Donors: Age 18 to 60 years", "inclusion 2: Recipients: Age 18 to 70 years"});
}

TEST_CASE("one group named: the line restates whom the trial takes and is dropped") {
  CHECK(outline("Inclusion Criteria:\n\nPatients:\n\n* Age 18 to 75 years\n\nExclusion Criteria:\n\nPatients:\n\n"
                "* Pregnancy\n") == Lines{"inclusion 1: Age 18 to 75 years", "exclusion 1: Pregnancy"});
  CHECK(outline("Inclusion Criteria:\n\nAdults\n\n* Age 18 to 75 years\n\nAdult patients:\n\n* BMI < 30\n") ==
        Lines{"inclusion 1: Age 18 to 75 years", "inclusion 2: BMI < 30"});
}
