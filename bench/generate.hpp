#pragma once
// A deterministic generator of trials and patients for the benchmarks, and the same criteria as plain
// structs for the hand-coded reference. Same seed, same bytes, on every machine (splitmix64, no
// std:: distributions, whose output is implementation-defined).
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::bench {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform(0, 1) < p; }

 private:
  std::uint64_t state_;
};

// The measures the generated criteria compare, each with the unit the reference normalises to.
enum Var : int { hemoglobin, platelets, anc, alt_uln, ast_uln, bilirubin_uln, creatinine, egfr, lvef, ecog, karnofsky, kVars };
// The conditions the generated exclusions name.
enum Event : int { hiv, hepatitis_b, hepatitis_c, myocardial_infarction, heart_failure, stroke, epilepsy, kEvents };

// One generated criterion as the reference sees it: pre-normalised, nothing to look up.
struct RefCriterion {
  enum Kind : std::uint8_t { cmp, age, has, judgement } kind = judgement;
  bool inclusion = true;
  int index = 0;                 // Var or Event
  engine::Comparator op = engine::Comparator::ge;
  double threshold = 0;          // in the reference unit (g/dL, 10*9/L, x ULN, mg/dL, mL/min/1.73m2, %, score, years)
};

struct RefTrial {
  double min_age = -1, max_age = -1;  // years; -1: none
  int sex = 0;                        // 0 all, 1 female, 2 male
  std::vector<RefCriterion> criteria;
};

// A patient as the reference sees it: every value already in the reference unit.
struct RefPatient {
  double age = 0;                   // years
  int sex = 1;                      // 1 female, 2 male
  std::array<double, kVars> value;  // NaN where not recorded
  std::uint32_t events = 0;         // bit per Event, recorded as present
};

struct Generated {
  std::vector<matcher::Trial> trials;
  std::vector<RefTrial> ref_trials;
};

Generated generate_trials(std::size_t count, std::uint64_t seed);

struct GeneratedPatients {
  std::vector<std::string> native_json;  // one native profile per patient, one line each
  std::vector<std::string> fhir_json;    // the same patient as a FHIR R4 Bundle, one line each
  std::vector<RefPatient> ref;
};
// Birth dates are relative to `as_of_year`-06-30 so that ages are stable.
GeneratedPatients generate_patients(std::size_t count, std::uint64_t seed, int as_of_year = 2026);

// The reference: three-valued verdict (0 eligible, 1 needs review, 2 ineligible) by the same rules as
// the engine, hand-coded over the structs above.
int reference_verdict(const RefTrial& trial, const RefPatient& patient) noexcept;

}  // namespace trialmatch::bench
