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
// (Only a tree of one event can: most lines' trees are another kind, refused here with no call.)
std::optional<std::uint32_t> names_study_procedure_has(const engine::Has& h, std::span<const Token> toks,
                                                       const engine::Lexicon& lexicon, std::string_view text);
inline std::optional<std::uint32_t> names_study_procedure(const engine::Node& tree, std::span<const Token> toks,
                                                          const engine::Lexicon& lexicon, std::string_view text) {
  const auto* h = std::get_if<engine::Has>(&tree.kind);
  if (!h) return std::nullopt;
  return names_study_procedure_has(*h, toks, lexicon, text);
}

}  // namespace trialmatch::grammar::detail
