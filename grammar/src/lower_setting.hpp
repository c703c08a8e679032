#pragma once
// lower_setting.cpp: "vaginal delivery", "ACL reconstruction surgery", "General anesthesia" alone as an inclusion.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "tokens.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar::detail {

// Where the line `text` (its tokens `toks`, read as `tree`) names nothing but a procedure, with no time and no
// status (in an inclusion, the study's own procedure: planned, under way or the index one, not any in the
// patient's past): the byte its words start at, past a list marker. Else nothing.
std::optional<std::uint32_t> names_study_procedure(const engine::Node& tree, std::span<const Token> toks,
                                                   const engine::Lexicon& lexicon, std::string_view text);

}  // namespace trialmatch::grammar::detail
