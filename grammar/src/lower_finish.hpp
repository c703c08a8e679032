#pragma once
// lower_finish.cpp: what the line's tree is given once line() has read it, in one walk of its nodes (finish_tree,
// declared in lower.hpp).
#include <string_view>

#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar::detail {

// lower_disjoint.cpp: separate_disjoint_bounds at one `all` node `n`, whose parts it was asked of already.
void separate_disjoint_pairs(engine::Node& n, bool exclusion, std::string_view text, engine::Diagnostics& diagnostics);

}  // namespace trialmatch::grammar::detail
