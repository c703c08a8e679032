#include <fmt/format.h>

#include "commands.hpp"
#include "trialmatch/grammar/golden.hpp"

namespace trialmatch::cli {

int run_regress(const RegressOptions& options) {
  const std::string dir = options.dir.empty() ? std::string(TRIALMATCH_DEFAULT_GOLDENS) : options.dir;
  const grammar::Parser parser(engine::Lexicon::builtin());
  if (options.coverage) {
    const auto uncovered = grammar::uncovered_rules(dir, parser);
    for (const auto& rule : uncovered) fmt::print("{}\n", rule);
    fmt::print(stderr, "{} grammar rule{} never exercised by the golden files in {}\n", uncovered.size(),
               uncovered.size() == 1 ? "" : "s", dir);
    return 0;
  }
  const grammar::GoldenRun run = grammar::run_goldens(dir, parser, options.update);
  for (const auto& p : run.problems) fmt::print(stderr, "trialmatch: {}\n", p);
  if (!run.diff.empty()) fmt::print("{}", run.diff);
  if (!run.problems.empty()) return 2;
  if (run.files == 0) {
    fmt::print(stderr, "trialmatch: {}: no *.golden files found\n", dir);
    return 2;
  }
  if (options.update) {
    fmt::print("{} golden case{} in {} file{}: {} updated\n", run.cases, run.cases == 1 ? "" : "s", run.files,
               run.files == 1 ? "" : "s", run.differences.size());
    return 0;
  }
  fmt::print("{} passed, {} failed\n", run.cases - run.differences.size(), run.differences.size());
  return run.differences.empty() ? 0 : 1;
}

}  // namespace trialmatch::cli
