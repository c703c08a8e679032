#include <fmt/format.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "inputs.hpp"
#include "report.hpp"
#include "trialmatch/matcher/match.hpp"
#include "trialmatch/matcher/patients.hpp"

namespace trialmatch::cli {

namespace {
constexpr auto kDump = nlohmann::json::error_handler_t::replace;
}

int run_match(const MatchOptions& options) {
  engine::EvalOptions eval;
  eval.open_world = options.open_world;
  eval.as_of = engine::today();
  if (!options.as_of.empty()) {
    auto date = engine::parse_date(options.as_of);
    if (!date || options.as_of.size() != 10) {
      fmt::print(stderr, "trialmatch: --as-of '{}': expected a calendar date YYYY-MM-DD\n", options.as_of);
      return 2;
    }
    eval.as_of = *date;
  }

  // One conversion cache for the run: each (from, to, analyte) factor is resolved once.
  engine::units::ConversionCache conversions;
  eval.conversions = &conversions;

  const engine::Lexicon& lexicon = engine::Lexicon::builtin();
  bool refused = false;
  std::vector<matcher::Trial> trials = load_trial_inputs(options.trial_paths, refused);
  if (options.explain) {
    std::erase_if(trials, [&](const matcher::Trial& t) { return t.id != options.trial_id; });
    if (trials.empty()) {
      fmt::print(stderr, "trialmatch: no trial with id '{}' in {}\n", options.trial_id,
                 options.trial_paths.empty() ? default_library() : fmt::format("{}", fmt::join(options.trial_paths, ", ")));
      return 2;
    }
  }
  const grammar::Parser parser(lexicon);
  const std::vector<matcher::CompiledTrial> compiled = matcher::compile(trials, parser, lexicon);

  const matcher::PatientLoad patients = matcher::load_patients(options.patient_path, lexicon);
  for (const auto& p : patients.problems) print_problem(p);
  if (!patients.problems.empty()) {
    refused = true;
    fmt::print(stderr, "trialmatch: {} patient record{} skipped\n", patients.problems.size(),
               patients.problems.size() == 1 ? "" : "s");
  }

  TextStyle style;
  style.colour = isatty(STDOUT_FILENO) != 0 && !std::getenv("NO_COLOR");
  style.every_criterion = options.explain;
  for (std::size_t i = 0; i < patients.patients.size(); ++i) {
    const engine::Patient& patient = patients.patients[i];
    const auto results = matcher::match_all(patient, compiled, lexicon, eval);
    if (options.format == "json") {
      const auto report = report_json(patient, eval.as_of, results);
      fmt::print("{}\n", patients.patients.size() == 1 ? report.dump(2, ' ', false, kDump) : report.dump(-1, ' ', false, kDump));
    } else if (options.format == "ndjson") {
      for (const auto& r : results) {
        auto line = trial_result_json(r);
        line["patient"] = patient.id;
        line["as_of"] = engine::format_date(eval.as_of);
        fmt::print("{}\n", line.dump(-1, ' ', false, kDump));
      }
    } else if (options.format == "html") {
      fmt::print("{}", report_html(patient, eval.as_of, results));
    } else {
      if (i) fmt::print("\n");
      fmt::print("{}", report_text(patient, eval.as_of, results, style));
    }
  }
  return refused ? 2 : 0;
}

}  // namespace trialmatch::cli
