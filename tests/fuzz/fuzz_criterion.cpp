// libFuzzer: arbitrary bytes as a criterion line, read as an inclusion and as an exclusion, written as
// predicate JSON and read back, and evaluated against the example patient.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "trialmatch/engine/predicate_json.hpp"
#include "trialmatch/grammar/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trialmatch;
  static const grammar::Parser parser(engine::Lexicon::builtin());
  static const engine::EvalOptions options = fuzz::eval_options();
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  for (const auto section : {grammar::CriterionSection::inclusion, grammar::CriterionSection::exclusion}) {
    const auto parsed = parser.parse(line, section);
    // Every diagnostic points into the line it describes.
    for (const auto& d : parsed.diagnostics)
      if (d.begin > line.size() || d.end > line.size() || d.begin > d.end) __builtin_trap();
    const auto json = engine::to_json(parsed.tree);
    (void)json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    (void)engine::node_from_json(json);
    (void)engine::evaluate(parsed.tree, fuzz::example_patient(), parser.lexicon(), options);
  }
  return 0;
}
