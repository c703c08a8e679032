// trialmatch: eligibility criteria -> predicate trees -> per-trial verdicts for patients.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"

namespace {
const char* const kVersion = "0.1.0";
}

int main(int argc, char** argv) {
  using namespace trialmatch::cli;
  CLI::App app{"trialmatch: a clinical-trial eligibility rules engine and patient matcher"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1, 1);

  ParseOptions parse;
  auto* parse_cmd = app.add_subcommand("parse", "Parse criterion lines (arguments, or one per line on stdin) into predicate trees");
  parse_cmd->add_flag("--json", parse.json, "Print the predicate JSON contract, one object per line");
  parse_cmd->add_option("--section", parse.section, "The section the lines stand in (lists of conditions mean all in an inclusion, any in an exclusion)")
      ->check(CLI::IsMember({"inclusion", "exclusion"}));
  parse_cmd->add_flag("--cohort-headings", parse.cohort_headings,
                      "Read a lead-in naming people (\"Children:\") as a cohort the line is for, as in a trial that names "
                      "two or more groups of people (default: it restates whom the trial takes)");
  parse_cmd->add_option("text", parse.lines, "Criterion lines; none reads standard input");

  TrialsOptions trials;
  auto* trials_cmd = app.add_subcommand("trials", "Load trial records and list them with how many criteria became logic");
  trials_cmd->add_flag("--json", trials.json, "Print one normalised trial JSON per line");
  trials_cmd->add_option("path", trials.paths, "Trial files or folders (read recursively); none: the bundled library");

  MatchOptions match;
  auto* match_cmd = app.add_subcommand("match", "Check a patient (or an NDJSON file of many) against every trial");
  match_cmd->add_option("patient", match.patient_path, "Patient JSON (native or FHIR R4 Bundle) or NDJSON of many")->required();
  match_cmd->add_option("--trials", match.trial_paths, "Trial files or folders; default: the bundled library");
  match_cmd->add_option("--as-of", match.as_of, "Reference date YYYY-MM-DD (default: today)");
  match_cmd->add_flag("--open-world", match.open_world, "Conditions, treatments, procedures not recorded are unknown, not absent");
  match_cmd->add_option("--format", match.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "ndjson", "html"}));
  match_cmd->add_option("--jobs,-j", match.jobs, "Worker threads (output is the same for any number)")->check(CLI::Range(1u, 256u));

  MatchOptions explain;
  explain.explain = true;
  auto* explain_cmd = app.add_subcommand("explain", "Every criterion of one trial for a patient, with what decided it");
  explain_cmd->add_option("patient", explain.patient_path, "Patient JSON (native or FHIR R4 Bundle)")->required();
  explain_cmd->add_option("trial", explain.trial_id, "Trial id, e.g. NCT05860595")->required();
  explain_cmd->add_option("--trials", explain.trial_paths, "Trial files or folders; default: the bundled library");
  explain_cmd->add_option("--as-of", explain.as_of, "Reference date YYYY-MM-DD (default: today)");
  explain_cmd->add_flag("--open-world", explain.open_world, "Conditions, treatments, procedures not recorded are unknown");
  explain_cmd->add_option("--format", explain.format, "Output format")->check(CLI::IsMember({"text", "json"}));

  CompileOptions compile;
  auto* compile_cmd = app.add_subcommand("compile", "Parse trials once into a library that --trials loads without re-parsing");
  compile_cmd->add_option("path", compile.paths, "Trial files or folders (read recursively); none: the bundled library");
  compile_cmd->add_option("-o,--output", compile.output, "The library file to write")->required();
  compile_cmd->add_option("--jobs,-j", compile.jobs, "Worker threads")->check(CLI::Range(1u, 256u));

  RegressOptions regress;
  auto* regress_cmd = app.add_subcommand("regress", "Re-parse the golden criterion files and show every tree that differs");
  regress_cmd->add_option("dir", regress.dir, "Folder of *.golden files (default: the project's fixtures/criteria)");
  regress_cmd->add_flag("--update", regress.update, "Rewrite the golden files with the current trees (after review)");
  regress_cmd->add_flag("--coverage", regress.coverage, "List the grammar rules the golden files never exercise");

  // CLI11 reports an unknown subcommand only as a missing one; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
    if (!known) {
      fmt::print(stderr, "trialmatch: unknown subcommand '{}': expected parse, trials, match, explain, compile or regress\n", argv[1]);
      return 2;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    fmt::print(stderr, "trialmatch: {}\nRun 'trialmatch --help' for usage.\n", e.what());
    return 2;
  }

  try {
    if (*parse_cmd) return run_parse(parse);
    if (*trials_cmd) return run_trials(trials);
    if (*match_cmd) return run_match(match);
    if (*explain_cmd) return run_match(explain);
    if (*compile_cmd) return run_compile(compile);
    if (*regress_cmd) return run_regress(regress);
  } catch (const std::exception& e) {
    fmt::print(stderr, "trialmatch: {}\n", e.what());
    return 2;
  }
  return 2;
}
