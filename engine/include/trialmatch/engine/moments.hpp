#pragma once
// Which reference events of a window ("within 4 weeks before <event>") are the moment of matching.

#include <string_view>

namespace trialmatch::engine {

// True where `before`, the snake_case reference event of a `has` window, names the moment the patient is
// matched: screening, enrolment, randomisation, baseline, consent, study entry, or the start of the
// study's own treatment ("first_dose_of_study_drug", "day_1"), each a few days from the others. The
// evaluator counts such a window back from the reference date; a window counted from any other event
// ("fracture", "surgery", "admission") cannot be placed from the profile. An empty `before` is the
// moment of matching.
bool is_moment_of_matching(std::string_view before);

// "first dose of study drug", "the initiation of study treatment", "day 1 of cycle 1", "first cycle of
// treatment": the start of the trial's own treatment, which follows enrolment by days, as randomisation
// does. A start of something named ("initiation of semaglutide treatment") is an event of its own.
bool starts_study_treatment(std::string_view before);

}  // namespace trialmatch::engine
