#pragma once
// Reading patient files: one JSON patient (native or FHIR Bundle), or an NDJSON stream of many.
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::matcher {

struct PatientLoad {
  std::vector<engine::Patient> patients;
  std::vector<LoadProblem> problems;  // a bad record is reported (line and reason) and skipped
};

// `name` names the input in problems.
PatientLoad read_patients(std::string_view content, const std::string& name, const engine::Lexicon& lexicon);
PatientLoad load_patients(const std::string& path, const engine::Lexicon& lexicon);

}  // namespace trialmatch::matcher
