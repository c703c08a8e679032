#pragma once
// line()'s precheck before restates_other_section (section_clash.cpp), asked of each long filler of a line.
#include <cstdint>
#include <string_view>

#include "tokens.hpp"

namespace trialmatch::grammar::detail {

// Whether filler t may open with one of the verbs a restatement of a section opens with ("may ", "are ", "is ",
// "will ", "should ", "can ": section_clash.cpp), by its first two bytes in either case. (Most long fillers are
// moments, "at the time of screening", "prior to enrollment": each was a call that lowered seven bytes through
// the C library's tolower before it was refused.) `| 0x20` makes each of these letters equal only to itself and
// its capital.
inline bool may_open_with_section_verb(std::string_view text, const Token& t) {
  if (t.end - t.begin < 2) return false;
  const auto lower = [&](std::uint32_t k) { return static_cast<unsigned>(static_cast<unsigned char>(text[k]) | 0x20); };
  const unsigned two = lower(t.begin) << 8 | lower(t.begin + 1);
  const auto pair = [](char a, char b) { return static_cast<unsigned>(a) << 8 | static_cast<unsigned>(b); };
  return two == pair('m', 'a') || two == pair('a', 'r') || two == pair('i', 's') || two == pair('w', 'i') ||
         two == pair('s', 'h') || two == pair('c', 'a');
}

}  // namespace trialmatch::grammar::detail
