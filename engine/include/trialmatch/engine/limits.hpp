#pragma once
// How much of any one input trialmatch reads, stated once. An input beyond a limit is refused with an
// error naming the input, the place and the limit; the other inputs of the run are still read.
#include <cstddef>

namespace trialmatch::engine::limits {

// One criterion line: longer lines stay a visible `text` node with an error (grammar::ParserOptions).
inline constexpr std::size_t max_criterion_bytes = 64 * 1024;
// Nesting of parentheses and guards within one criterion (grammar::ParserOptions).
inline constexpr std::size_t max_criterion_depth = 64;
// One trial or patient file: a larger file is refused before it is read.
inline constexpr std::size_t max_file_bytes = std::size_t{1} << 30;  // 1 GiB
// Criteria in one trial: a trial with more is refused (the longest registry records hold a few hundred).
inline constexpr std::size_t max_criteria_per_trial = 2000;
// Nesting of arrays and objects in one JSON document or NDJSON line (a FHIR Bundle needs about 10).
inline constexpr std::size_t max_json_depth = 128;

}  // namespace trialmatch::engine::limits
