// Compiling trials on several threads, and loading a mix of compiled libraries and trial sources.
#include <atomic>
#include <thread>

#include "trialmatch/matcher/batch.hpp"
#include "trialmatch/matcher/library.hpp"

namespace trialmatch::matcher {

std::vector<CompiledTrial> compile_all(const std::vector<Trial>& trials, const grammar::Parser& parser,
                                       const engine::Lexicon& lexicon, unsigned jobs, const LoadProgress& progress) {
  std::vector<CompiledTrial> out(trials.size());
  std::atomic<std::size_t> done{0};
  const auto caller = std::this_thread::get_id();
  parallel_for(trials.size(), jobs, [&](std::size_t i) {
    out[i] = compile(trials[i], parser, lexicon);
    const std::size_t finished = done.fetch_add(1) + 1;
    if (progress && std::this_thread::get_id() == caller && finished % 64 == 0)
      progress("compiling trials", finished, trials.size());
  });
  return out;
}

LibraryLoad load_compiled(const std::vector<std::string>& paths, const grammar::Parser& parser,
                          const engine::Lexicon& lexicon, unsigned jobs, const LoadProgress& progress) {
  LibraryLoad out;
  std::vector<Trial> sources;
  for (const std::string& path : paths) {
    if (is_library_file(path)) {
      LibraryLoad loaded = load_library(path, jobs, progress);
      for (auto& p : loaded.problems) out.problems.push_back(std::move(p));
      for (auto& t : loaded.trials) out.trials.push_back(std::move(t));
    } else {
      LoadResult loaded = load_trials(path);
      for (auto& p : loaded.problems) out.problems.push_back(std::move(p));
      for (auto& t : loaded.trials) sources.push_back(std::move(t));
    }
  }
  // Sources are compiled after the libraries were taken, in the order read.
  std::vector<CompiledTrial> compiled = compile_all(sources, parser, lexicon, jobs, progress);
  for (auto& t : compiled) out.trials.push_back(std::move(t));
  return out;
}

}  // namespace trialmatch::matcher
