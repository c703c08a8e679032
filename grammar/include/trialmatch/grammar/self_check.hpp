#pragma once
// Checks of the grammar itself, for tests: PEGTL's analyze() over the whole rule set.
#include <cstddef>

namespace trialmatch::grammar {

// The number of problems analyze() finds (rules that could loop without consuming input); 0 when sound.
std::size_t analyze_grammar();

}  // namespace trialmatch::grammar
