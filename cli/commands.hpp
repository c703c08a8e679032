#pragma once
// The subcommands. Each returns the process exit code: 0 success, 1 a failure it was asked to detect,
// 2 bad usage or unreadable input (with a message on stderr naming the input).
#include <string>
#include <vector>

namespace trialmatch::cli {

struct ParseOptions {
  bool json = false;
  std::string section;             // "", "inclusion" or "exclusion"
  bool cohort_headings = false;    // lead-ins naming people are cohorts (grammar::PeopleHeadings)
  std::vector<std::string> lines;  // empty: read standard input
};
int run_parse(const ParseOptions& options);

struct TrialsOptions {
  bool json = false;
  std::vector<std::string> paths;  // empty: the bundled library
};
int run_trials(const TrialsOptions& options);

struct MatchOptions {
  std::string patient_path;
  std::vector<std::string> trial_paths;
  std::string as_of;               // YYYY-MM-DD; empty: today
  bool open_world = false;
  std::string format = "text";     // text, json, ndjson, html
  std::string trial_id;            // explain: the one trial
  bool explain = false;
  unsigned jobs = 2;               // worker threads for loading and batch matching
};
int run_match(const MatchOptions& options);

struct CompileOptions {
  std::vector<std::string> paths;  // trial files or folders (or libraries); none: the bundled library
  std::string output;              // the library file to write
  unsigned jobs = 2;
};
int run_compile(const CompileOptions& options);

struct RegressOptions {
  std::string dir;                 // empty: the project's fixtures/criteria
  bool update = false;
  bool coverage = false;
};
int run_regress(const RegressOptions& options);

}  // namespace trialmatch::cli
