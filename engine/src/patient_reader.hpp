#pragma once
// Shared by the native and the FHIR patient readers: warnings, code and text mapping, units, dates.
// Internal to engine/src.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "trialmatch/engine/patient.hpp"

namespace trialmatch::engine::detail {

// What kind of fact a code or text is read for: a free-text name only maps to a concept of a fitting
// kind ("Hep B vaccine" must not become hepatitis B).
enum class Expect : std::uint8_t { measure, condition, medication, procedure, immunization };

// Replaces bytes that are not valid UTF-8 with U+FFFD; returns whether the text was clean: valid, and
// holding no U+FFFD (the mark of bytes a file reader replaced before parsing).
bool sanitise_utf8(std::string& text);

// A JSON value for a warning: short, and never a recursive dump of an array or object.
std::string brief(const nlohmann::json& value);

[[noreturn]] void refuse(std::string_view pointer, std::string_view expected);

class PatientReader {
 public:
  PatientReader(Patient& patient, const Lexicon& lexicon) : patient_(patient), lexicon_(lexicon) {}

  const Lexicon& lexicon() const noexcept { return lexicon_; }
  Patient& patient() noexcept { return patient_; }

  // "patient <id>: <pointer>: <problem>"; the id is filled in when known (see finish()).
  void warn(std::string_view pointer, std::string_view problem);

  // A string field read as text; invalid UTF-8 is replaced and warned about. nullopt where absent or
  // not a string (a non-string is warned about).
  std::optional<std::string> text(const nlohmann::json& object, const char* field, const std::string& at);

  // A date field: nullopt where absent; a value that is not a date is warned about and left out.
  std::optional<Date> date(const nlohmann::json& object, const char* field, const std::string& at);

  // Concept for a coding, by system and code (FHIR system URLs or short names).
  const Concept* concept_of_code(std::string_view system, std::string_view code) const;
  // Concept for free text: a whole name or abbreviation, else the first name inside the text,
  // of a kind that fits `expect`; nothing where the text reads as a negation ("no history of HIV").
  const Concept* concept_of_text(std::string_view text, Expect expect) const;

  // Reads the unit spelling and checks the value against the concept's plausible range; sets
  // observation.unit, or observation.problem (with a warning) where the value cannot be trusted.
  void settle_observation(Observation& observation, std::string_view unit_spelling, const std::string& at);

  // Counts a code nobody knows; finish() reports them in one warning.
  void unmapped(std::string_view what) {
    ++unmapped_;
    if (unmapped_examples_.size() < 3 &&
        std::find(unmapped_examples_.begin(), unmapped_examples_.end(), what) == unmapped_examples_.end())
      unmapped_examples_.emplace_back(what);
  }

  // Prefixes warnings with the patient id and adds the unmapped-codes summary; marks events whose
  // concept has no parent (Event::may_be_a).
  void finish();

 private:
  // Values of one concept on one date that disagree (in one unit or converted): each gets a problem.
  void flag_same_day_units();

  Patient& patient_;
  const Lexicon& lexicon_;
  std::vector<std::pair<std::string, std::string>> pending_;  // (pointer, problem), before the id is known
  std::size_t unmapped_ = 0;
  std::vector<std::string> unmapped_examples_;
};

// A recorded value's comparator ("<", "<=", ">", ">=", FHIR's valueQuantity.comparator): the side of the
// value the true one lies on; nullopt for anything else ("ad", asserted by the subject).
std::optional<Comparator> censoring_comparator(std::string_view text) noexcept;

// True where the concept's kind fits what the record says the fact is.
bool kind_fits(ConceptKind kind, Expect expect) noexcept;

}  // namespace trialmatch::engine::detail
