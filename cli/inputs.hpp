#pragma once
// Loading the inputs the commands share, reporting every problem on stderr.
#include <string>
#include <vector>

#include "trialmatch/matcher/match.hpp"
#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::cli {

// The bundled trial library: $TRIALMATCH_LIBRARY, else the project's fixtures/trials/seeds.
std::string default_library();

// Loads every path (the bundled library when empty); prints each problem to stderr.
// `refused` is set when any input was refused.
std::vector<matcher::Trial> load_trial_inputs(const std::vector<std::string>& paths, bool& refused);

void print_problem(const matcher::LoadProblem& p);

// Trial sources and compiled libraries alike, compiled for matching (the bundled library when empty);
// problems printed on stderr, `refused` set when any input was refused.
std::vector<matcher::CompiledTrial> load_compiled_inputs(const std::vector<std::string>& paths, unsigned jobs,
                                                         bool& refused);

}  // namespace trialmatch::cli
