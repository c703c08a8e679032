#include "inputs.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <memory>

#include "progress.hpp"
#include "trialmatch/matcher/library.hpp"

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

namespace {
// One bar per stage of a load ("decoding library", "compiling trials"), replaced when the stage changes.
struct StageProgress {
  std::unique_ptr<Progress> bar;
  std::string stage;
  void operator()(std::string_view what, std::size_t done, std::size_t total) {
    if (!bar || stage != what) {
      bar.reset();
      stage = what;
      bar = std::make_unique<Progress>(stage, total);
    }
    bar->set(done);
  }
};
}  // namespace


// Trial sources and compiled libraries alike; problems printed on stderr.
std::vector<matcher::CompiledTrial> load_compiled_inputs(const std::vector<std::string>& paths, unsigned jobs,
                                                         bool& refused) {
  const engine::Lexicon& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  std::vector<std::string> all = paths;
  if (all.empty()) all.push_back(default_library());
  StageProgress progress;
  matcher::LibraryLoad loaded = matcher::load_compiled(all, parser, lexicon, jobs, std::ref(progress));
  progress.bar.reset();
  for (const auto& p : loaded.problems) print_problem(p);
  refused = refused || !loaded.problems.empty();
  return std::move(loaded.trials);
}

}  // namespace trialmatch::cli
