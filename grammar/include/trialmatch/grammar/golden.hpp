#pragma once
// Golden files for the grammar: criterion lines with their expected trees in the canonical form
// (engine::to_canonical). Format of fixtures/criteria/*.golden:
//
//   # a comment, kept on --update
//   Male or female age between 3-35 years
//     => all(cmp age >= 3 a, cmp age <= 35 a)
//
// A line that is not a comment, blank, or "  => ..." is a criterion; the "=>" line after it is its tree.
// A directive comment "# section: inclusion" (or exclusion, unspecified) parses the criteria after it,
// up to the next directive, as lines of that section (Parser::parse's `section`); a file starts
// unspecified. A directive with another value is reported as a problem with its file:line.
#include <string>
#include <vector>

#include "trialmatch/grammar/parser.hpp"

namespace trialmatch::grammar {

struct GoldenDifference {
  std::string file;
  std::size_t line = 0;   // of the criterion in the golden file
  std::string criterion;
  std::string expected;   // canonical tree in the file
  std::string actual;     // canonical tree the parser gives now
};

struct GoldenRun {
  std::size_t files = 0;
  std::size_t cases = 0;
  std::vector<GoldenDifference> differences;
  std::vector<std::string> problems;  // unreadable golden files, with file:line and what was expected
  std::string diff;                   // unified diff of every changed file, ready to read or apply
};

// Re-parses every *.golden under `dir`; with `update`, rewrites the files with the actual trees.
GoldenRun run_goldens(const std::string& dir, const Parser& parser, bool update);

// Grammar rules that no golden criterion exercises (PEGTL contrib/coverage), by rule name.
std::vector<std::string> uncovered_rules(const std::string& dir, const Parser& parser);

}  // namespace trialmatch::grammar
