#pragma once
// Text helpers shared by the trial readers (internal to matcher/).
#include <string>
#include <string_view>

namespace trialmatch::matcher::text {

// Decodes HTML entities, undoes markdown escapes (\< \> \^ \[ \*), turns CR LF / CR into LF and
// no-break spaces and tabs into spaces. Other Unicode (≤ ≥ × µ β) is kept as it is.
std::string clean(std::string_view s);

// Runs of white space become one space; leading and trailing white space goes.
std::string collapse_spaces(std::string_view s);
// The same, in s itself (no new string: the splitter does it to every block's text).
void collapse_spaces_in_place(std::string& s) noexcept;

std::string_view trim(std::string_view s) noexcept;
std::string lower_ascii(std::string_view s);
bool starts_with_lower(std::string_view s) noexcept;    // first character is an ASCII lower-case letter
bool is_valid_utf8(std::string_view s) noexcept;

}  // namespace trialmatch::matcher::text
