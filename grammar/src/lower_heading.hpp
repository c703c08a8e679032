#pragma once
// lower_heading.cpp: a lead-in that names people ("Children:", "Kidney donors:"), and its key for the trial.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "tokens.hpp"

namespace trialmatch::grammar::detail {

// True where the tokens [b, c) are words that end with a people word ("Healthy children", "Kidney donors",
// "Inclusion criteria for carers") and do not say "all", "both" or "each".
bool lead_in_names_people(std::string_view text, std::span<const Token> toks, std::size_t b, std::size_t c);

// The line's lead-in before its first colon, where it names people: its key (grammar::people_group); else empty.
std::string people_heading(std::string_view text, std::span<const Token> toks);

}  // namespace trialmatch::grammar::detail
