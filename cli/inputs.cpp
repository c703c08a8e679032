#include "inputs.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace trialmatch::cli {

std::string default_library() {
  if (const char* env = std::getenv("TRIALMATCH_LIBRARY"); env && *env) return env;
  return TRIALMATCH_DEFAULT_LIBRARY;
}

void print_problem(const matcher::LoadProblem& p) {
  if (p.where.empty())
    fmt::print(stderr, "trialmatch: {}: {}\n", p.input, p.message);
  else
    fmt::print(stderr, "trialmatch: {} ({}): {}\n", p.input, p.where, p.message);
}

std::vector<matcher::Trial> load_trial_inputs(const std::vector<std::string>& paths, bool& refused) {
  std::vector<std::string> all = paths;
  if (all.empty()) all.push_back(default_library());
  std::vector<matcher::Trial> trials;
  for (const std::string& path : all) {
    matcher::LoadResult loaded = matcher::load_trials(path);
    for (const auto& p : loaded.problems) print_problem(p);
    refused = refused || !loaded.problems.empty();
    for (auto& t : loaded.trials) trials.push_back(std::move(t));
  }
  return trials;
}

}  // namespace trialmatch::cli
