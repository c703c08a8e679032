#pragma once
// Unit spellings as criteria write them, read into UCUM codes.
#include <optional>
#include <string>
#include <string_view>

namespace trialmatch::grammar {

// The UCUM code of a unit spelling ("mg/dl" -> "mg/dL", "years" -> "a", "(mol/L)" -> "mol/L"),
// or nullopt. `ten_power` is the exponent written before it ("×10^9/L" -> 9, "10*9/L"). The code is
// kept(): it lives as long as the thread.
std::optional<std::string_view> resolve_unit(std::string_view spelling, int ten_power = 0);

// A copy of `s` that lives as long as the calling thread, each distinct string once: a unit code or
// spelling made while reading a line (not a view into the line) that a Quantity can point at. Grows
// with the distinct codes a thread makes (read from distinct spellings: a few hundred on the corpus).
std::string_view kept(std::string_view s);

// units_frequency.cpp: a count per time after a number ("times a week" -> "/wk", "cigarettes per day"
// -> "{cigarettes}/d", "days a week" -> "d/wk"). The length of the spelling at pos (0 for none), and the
// UCUM code of a whole spelling; `bare_periodic` reads "daily" alone (after "twice", "once").
std::size_t frequency_spelling_length(std::string_view text, std::size_t pos);
std::optional<std::string> frequency_unit(std::string_view spelling, bool bare_periodic = false);

// True for time units (a, mo, wk, d, h, min).
bool is_time_unit(std::string_view ucum) noexcept;
// Days in one of a UCUM time unit (a, mo, wk, d, h, min); 0 for any other unit.
double days_in(std::string_view ucum) noexcept;

}  // namespace trialmatch::grammar
