#pragma once
// Lead-ins that name a group of people ("Children:", "Kidney donors", "Healthy volunteers"): the trial's reader
// (matcher/) asks which of its sub-headings name groups, the grammar which of its lines open with one
// (ParsedCriterion::people_heading), with one key for both.
#include <string>
#include <string_view>

namespace trialmatch::grammar {

// The key of a lead-in made only of generic people words ("Patients:", "Participants").
inline constexpr std::string_view generic_people_key = "participants";

// The group of people `lead_in` names: its words in lower case, less criteria words ("inclusion criteria for"),
// generic people words and a plural "s" ("Healthy Children:" -> "healthy children", "Adult patients" -> "adult",
// "Patients" -> generic_people_key). Empty where it names no group: its last word is no people word, it says
// "all", "both" or "each" (everyone), or it holds anything but words (a number, a sign, parentheses).
std::string people_group(std::string_view lead_in);

}  // namespace trialmatch::grammar
