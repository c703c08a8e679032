#pragma once
// Three-valued (Kleene) evaluation of a predicate tree against a patient, with evidence.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::engine {

enum class Truth : std::uint8_t { false_, true_, unknown };
const char* to_string(Truth t) noexcept;  // "false", "true", "unknown"
Truth kleene_not(Truth t) noexcept;
Truth kleene_and(Truth a, Truth b) noexcept;
Truth kleene_or(Truth a, Truth b) noexcept;

// What one leaf used to decide: the fact, the threshold as written, the conversion made.
struct Evidence {
  std::string var;         // concept id
  std::string fact;        // the patient's value as recorded, e.g. "150 U/L" or "hydroxyurea 2026-01-10..2026-09-30"
  std::optional<double> value;
  std::string unit;
  std::string date;        // of the fact, where known
  std::string source;      // where in the patient record
  std::string threshold;   // "> 3 × ULN (ULN 40 U/L from the patient's reference range)"
  std::string conversion;  // "1.2 mg/dL = 106.1 umol/L via molar mass 113.12 g/mol", or the error where
                           // the units cannot be compared, or empty
  // "not recorded" (a decision resting on absence), "recorded as absent (a known negative)",
  // "default reference range from the lexicon", "undated value, used because ...", ...
  std::string note;
  Truth truth = Truth::unknown;
};

struct Evaluation {
  Truth truth = Truth::unknown;
  std::vector<Evidence> evidence;
  // What would decide an unknown: a variable ("alt"), "ULN of alt", "date of live_vaccine", "age",
  // "birth date", "exception: <text>". Only from children that could change the result.
  std::vector<std::string> missing;
  bool judgement = false;            // unknown only because a person must judge (a `text` judgement)
};

struct EvalOptions {
  Date as_of;
  bool open_world = false;  // conditions/treatments/... not recorded become unknown instead of absent
  // Build evidence and `missing` (off for fast screening: then only `truth` and `judgement` are set,
  // and evaluation allocates nothing per node).
  bool evidence = true;
  // Unit factors resolved once per (from, to, molar mass) and shared by every evaluation and thread;
  // owned by the caller (one per run). Where null, each conversion is resolved afresh.
  units::ConversionCache* conversions = nullptr;
};

Evaluation evaluate(const Node& tree, const Patient& patient, const Lexicon& lexicon, const EvalOptions& options);

}  // namespace trialmatch::engine
