#pragma once
// The bytes body_site_reaching (lower_body_site.cpp) cuts its words by, looked up in a table.
#include <array>
#include <cstddef>

namespace trialmatch::grammar::detail {

// Letters, digits, '-' and '_'. (Every byte of an alternative read from its end is asked: five comparisons each
// were most of that step's cost.)
inline constexpr std::array<bool, 256> kBodySiteWordBytes = [] {
  std::array<bool, 256> bytes{};
  for (int c = 0; c < 256; ++c)
    bytes[static_cast<std::size_t>(c)] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  return bytes;
}();

inline bool body_site_word_byte(char c) { return kBodySiteWordBytes[static_cast<unsigned char>(c)]; }

}  // namespace trialmatch::grammar::detail
