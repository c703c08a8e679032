#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "inputs.hpp"
#include "trialmatch/matcher/match.hpp"

namespace trialmatch::cli {

int run_trials(const TrialsOptions& options) {
  bool refused = false;
  const std::vector<matcher::Trial> trials = load_trial_inputs(options.paths, refused);
  if (options.json) {
    for (const auto& t : trials)
      fmt::print("{}\n", matcher::to_json(t).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return refused ? 2 : 0;
  }
  const grammar::Parser parser(engine::Lexicon::builtin());
  std::size_t id_width = 2;
  for (const auto& t : trials) id_width = std::max(id_width, t.id.size());
  fmt::print("{:<{}}  {:>8}  {:>6}  {:>6}  {:>5}  {}\n", "id", id_width, "criteria", "typed", "partly", "text", "title");
  for (const auto& t : trials) {
    std::size_t typed = 0, partly = 0, text = 0;
    for (const auto& parsed : matcher::parse_criteria(t, parser)) {
      if (engine::fully_typed(parsed.tree)) ++typed;
      else if (engine::partly_typed(parsed.tree)) ++partly;
      else ++text;
    }
    fmt::print("{:<{}}  {:>8}  {:>6}  {:>6}  {:>5}  {}\n", t.id, id_width, t.criteria.size(), typed, partly, text, t.title);
  }
  fmt::print("{} trial{}\n", trials.size(), trials.size() == 1 ? "" : "s");
  return refused ? 2 : 0;
}

}  // namespace trialmatch::cli
