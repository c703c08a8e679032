#pragma once
// A patient as facts: what the evaluator compares criteria against. Readers for the native profile and
// FHIR R4 Bundles (docs/contract-patients.md) turn JSON into these.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::engine {

struct Observation {
  std::string concept_id;          // lexicon id; empty where the code maps to nothing known
  std::string code_text;           // the code or text as the record gave it, for display
  double value = 0;
  units::Unit unit;                // normalised ("1" for a score with no unit)
  std::optional<ValueRange> reference_range;  // the patient's own (from the lab)
  std::optional<Date> date;
  std::string source;              // where in the input it came from ("/observations/2", "Observation/abc")
  // Non-empty where the value is recorded but cannot be trusted (a string, out of the plausible range,
  // a unit nobody knows): a criterion resting on this observation is unknown, never decided by it.
  std::string problem;
  // A censored value ("< 0.5" under a detection limit, "> 1000"): the true value lies on that side of `value`
  // (FHIR valueQuantity.comparator, the native "comparator"). A criterion is decided only where every value on
  // that side gives one answer ("< 0.5" meets "< 1" and fails "> 0.5"; against "> 0.3" it is unknown).
  std::optional<Comparator> censored;
};

enum class EventKind : std::uint8_t { condition, medication, procedure, immunization };

struct Event {
  EventKind kind = EventKind::condition;
  std::string concept_id;          // lexicon id; empty where unmapped
  std::string code_text;
  // "active", "resolved", "inactive", "completed", "stopped", "absent" (a known negative),
  // "unconfirmed" (provisional, differential: neither present nor absent), ... or empty
  std::string status;
  std::optional<Date> start;       // onset / start / date
  std::optional<Date> end;         // abatement / end
  std::string source;
  // False where the lexicon gives the concept no parent (no is_a, no ATC code): then only a criterion
  // on the concept itself can match it, and the evaluator skips Lexicon::is_a.
  bool may_be_a = true;
  // The start is only the day the condition was recorded (FHIR recordedDate, no onset): it began then or
  // before, so it cannot show that the condition began inside a window ("diagnosed within 5 years").
  bool start_is_recorded_date = false;
  // Coded by one of the concept's past codes (Concept::past_codes: "old myocardial infarction", "personal
  // history of"): the event is over and happened on or before its date, which only says when it was noted.
  bool past_only = false;
  // Concept::acute of a condition (kAcuteOnset: an MI, a fracture; kAcuteCourse: a pneumonia): its "active"
  // status does not carry it into a window from an onset before it. 0 for anything else.
  std::uint8_t acute = 0;
  // A state observed on its start date, not a course with an end (a FHIR pregnancy status or a qualitative
  // pregnancy test): it tells the present for `current_for_days` after that day. Later, a positive may still
  // hold until `lasts_days` after it (unknown) and has ended after; a negative or an unsure one tells nothing.
  // 0: a record of the usual kind.
  std::uint16_t current_for_days = 0;
  std::uint16_t lasts_days = 0;
};

struct Patient {
  std::string id;
  std::optional<Date> birth_date;
  std::optional<Amount> age;       // where the record gives an age instead of a birth date
  std::string sex;                 // "female", "male", or empty (unknown)
  std::vector<Observation> observations;
  std::vector<Event> events;
  Diagnostics problems;            // unused by the JSON readers (no byte offsets in a JSON value); see warnings
  // Odd but readable input, one line each: "patient P-1: /observations/2/value: expected a number, got a
  // string; the value is not used". The affected fact is left out or carries a `problem`.
  std::vector<std::string> warnings;
};

// Throws std::runtime_error naming the JSON pointer and what was expected where the input is not a
// patient at all; odd values become warnings on the patient.
Patient read_patient(const nlohmann::json& j, const Lexicon& lexicon);  // native or FHIR Bundle
Patient read_native_patient(const nlohmann::json& j, const Lexicon& lexicon);
Patient read_fhir_bundle(const nlohmann::json& j, const Lexicon& lexicon);

// The facts as one comparable line each (concept, value, unit, dates, status; not where they came from),
// sorted: equal for the same patient read from a native profile and from a FHIR Bundle.
std::vector<std::string> fact_lines(const Patient& patient);

}  // namespace trialmatch::engine
