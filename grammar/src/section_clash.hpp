#pragma once
// section_clash.cpp: a line whose own words name the other section than the one it is listed in.
#include <cstddef>
#include <span>
#include <string_view>

#include "tokens.hpp"

namespace trialmatch::grammar::detail {

// True where token t restates the section opposite to the line's (`inclusion`, else the exclusion criteria):
// "are excluded", "may not participate" in the inclusion criteria ("Patients with HbA1c > 10% are excluded"),
// "will be included", "are eligible" in the exclusion criteria. Such a restatement is filler where it agrees with
// the section; where it does not, the line says the opposite of where it stands (a copying slip or a nested
// list), and reading it either way may be the wrong way round. (line() asks it of each token in the walk that
// reads the line's token kinds, and stops at the first.)
bool restates_other_section(std::string_view text, const Token& t, bool inclusion);

}  // namespace trialmatch::grammar::detail
