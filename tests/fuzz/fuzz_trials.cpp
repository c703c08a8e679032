// libFuzzer: arbitrary bytes as a trial file (API v2 JSON, normalised JSON, NDJSON or a registry page),
// and every trial read compiled and matched against the example patient.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "trialmatch/matcher/match.hpp"
#include "trialmatch/matcher/trial.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trialmatch;
  static const grammar::Parser parser(engine::Lexicon::builtin());
  static const engine::EvalOptions options = fuzz::eval_options();
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  const auto loaded = matcher::read_trials(content, "fuzz.input");
  for (const auto& p : loaded.problems)
    if (p.input != "fuzz.input" || p.message.empty()) __builtin_trap();  // every problem names its input
  for (const auto& trial : loaded.trials) {
    (void)matcher::to_json(trial).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const auto compiled = matcher::compile(trial, parser, parser.lexicon());
    (void)matcher::match_trial(fuzz::example_patient(), compiled, parser.lexicon(), options);
  }
  return 0;
}
