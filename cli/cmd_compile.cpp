// `trialmatch compile PATH... -o LIBRARY`: parse trials once into a library (docs/library-format.md).
#include <fmt/format.h>

#include <fstream>

#include "commands.hpp"
#include "inputs.hpp"
#include "trialmatch/matcher/library.hpp"

namespace trialmatch::cli {

int run_compile(const CompileOptions& options) {
  bool refused = false;
  const std::vector<matcher::CompiledTrial> trials = load_compiled_inputs(options.paths, options.jobs, refused);
  const std::string tmp = options.output + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      fmt::print(stderr, "trialmatch: {}: cannot open the file for writing: expected a writable library path\n", options.output);
      return 2;
    }
    matcher::write_library(out, trials);
    if (!out.flush()) {
      fmt::print(stderr, "trialmatch: {}: write failed\n", tmp);
      return 2;
    }
  }
  // Written whole, then renamed: a reader never sees half a library.
  if (std::rename(tmp.c_str(), options.output.c_str()) != 0) {
    fmt::print(stderr, "trialmatch: {}: cannot rename {} into place\n", options.output, tmp);
    return 2;
  }
  std::size_t criteria = 0;
  for (const auto& t : trials) criteria += t.criteria.size();
  fmt::print(stderr, "trialmatch: compiled {} trial{} ({} criteria) into {}\n", trials.size(),
             trials.size() == 1 ? "" : "s", criteria, options.output);
  return refused ? 2 : 0;
}

}  // namespace trialmatch::cli
