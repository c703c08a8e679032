#pragma once
// lower_finish.cpp: what the line's tree is given once line() has read it, in one walk of its nodes (finish_tree,
// declared in lower.hpp).
#include <string_view>

#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar::detail {

class Lowering;

// finish_tree (lower.hpp), and each event's codes written by `coder` where the walk meets it
// (Lowering::write_codes_of; none where `coder` is nullptr). lower() writes them so; Lowering::write_codes, the walk
// of the whole tree that wrote them after finish_tree, is the tests' oracle.
void finish_tree(engine::Node& tree, bool exclusion, std::string_view text, const engine::Lexicon& lexicon,
                 engine::Diagnostics& diagnostics, const Lowering* coder);

// lower_disjoint.cpp: separate_disjoint_bounds at one `all` node `n`, whose parts it was asked of already.
void separate_disjoint_pairs(engine::Node& n, bool exclusion, std::string_view text, engine::Diagnostics& diagnostics);

}  // namespace trialmatch::grammar::detail
