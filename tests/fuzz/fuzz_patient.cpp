// libFuzzer: arbitrary bytes as a patient file (native profile, FHIR Bundle, or NDJSON of them) through the
// matcher's reader, each JSON value also through the engine's native and FHIR readers, and every patient
// read matched against the seed trials.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "trialmatch/matcher/match.hpp"
#include "trialmatch/matcher/patients.hpp"
#include "trialmatch/matcher/trial.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trialmatch;
  const auto& lexicon = engine::Lexicon::builtin();
  static const grammar::Parser parser(lexicon);
  static const engine::EvalOptions options = fuzz::eval_options();
  static const std::vector<matcher::CompiledTrial> trials =
      matcher::compile(matcher::load_trials(TRIALMATCH_SOURCE_DIR "/fixtures/trials/seeds").trials, parser, lexicon);
  const std::string_view content(reinterpret_cast<const char*>(data), size);

  const auto loaded = matcher::read_patients(content, "fuzz.input", lexicon);
  for (const auto& p : loaded.problems)
    if (p.input != "fuzz.input" || p.message.empty()) __builtin_trap();
  for (const auto& patient : loaded.patients) {
    (void)engine::fact_lines(patient);
    (void)matcher::match_all(patient, trials, lexicon, options);
  }

  // The engine's readers on their own, whatever the value looks like.
  const auto j = nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  for (auto* reader : {&engine::read_native_patient, &engine::read_fhir_bundle}) {
    try {
      (void)reader(j, lexicon);
    } catch (const std::runtime_error&) {
      // not a patient: refused with a message, which is what is wanted
    }
  }
  return 0;
}
