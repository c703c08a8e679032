#pragma once
// Shared by the lexicon tests.
#include <string>

#include "trialmatch/engine/lexicon.hpp"

namespace trialmatch::engine::testing {

// The concept the longest name starting at the beginning of `text` names, or "" when none does.
inline std::string named_at_start(const Lexicon& lex, const std::string& text) {
  const auto m = lex.match_name_at(text, 0);
  return m ? m->entry->id : std::string();
}

}  // namespace trialmatch::engine::testing
