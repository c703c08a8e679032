#pragma once
// Internal to engine/src/units_read.cpp, and seen by its unit tests: read_unit's parse without its
// tables, and the cheap test that spares fold() most spellings.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "trialmatch/engine/units.hpp"
#include "units_detail.hpp"

namespace trialmatch::engine::units::detail {

// What read_unit(spelling) returns, parsed anew on each call (no table, no memo): the oracle of its tables.
// A word of letters that letters_read_as_no_unit turns away is not parsed.
std::optional<Unit> parse_spelling(std::string_view spelling);
// The same, every spelling parsed (the oracle of letters_read_as_no_unit).
std::optional<Unit> parse_spelling_in_full(std::string_view spelling);
// True where a spelling of ASCII letters alone surely reads as no unit ("responsible", "lives"), by the few
// table lookups its readings come down to; false for any other spelling, and for a word that may read.
bool letters_read_as_no_unit(std::string_view spelling);

// fold(spelling), for less: fold changes only a spelling with a byte beyond ASCII, a blank or a parenthesis;
// any other (nearly all) is copied as it is, and an ASCII one read for " per " and blanks alone, without
// fold's search of all its replacements at every byte.
std::string fold_if_needed(std::string_view spelling);

// The atom whose UCUM code, lower-cased, is `lower_code` ("mg/DL", "ML/MIN" read without UCUM's case).
const Atom* find_atom_any_case(std::string_view lower_code);

// The spellings read_unit reads once into its immutable table (the rest it parses once per thread).
std::span<const char* const> common_spellings() noexcept;

}  // namespace trialmatch::engine::units::detail
