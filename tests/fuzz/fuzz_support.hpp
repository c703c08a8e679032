#pragma once
// What the fuzz targets share: a fixed patient and fixed trials to evaluate fuzzed input against.
#include <nlohmann/json.hpp>
#include <fstream>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/patient.hpp"

namespace trialmatch::fuzz {

inline engine::EvalOptions eval_options() {
  engine::EvalOptions options;
  options.as_of = *engine::parse_date("2026-11-01");
  return options;
}

// The project's example patient (fixtures/patients/example.json), so that criteria have facts to compare.
inline const engine::Patient& example_patient() {
  static const engine::Patient patient = [] {
    std::ifstream in(TRIALMATCH_SOURCE_DIR "/fixtures/patients/example.json");
    return engine::read_patient(nlohmann::json::parse(in), engine::Lexicon::builtin());
  }();
  return patient;
}

}  // namespace trialmatch::fuzz
