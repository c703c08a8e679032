#pragma once
// Byte tables of the words some readings cut their text by, looked up a byte at a time: a table answers at once
// where the comparisons they replaced were most of a refusal's cost (trial_site_reaching, body_site_reaching).
#include <array>
#include <cstddef>
#include <string_view>

namespace trialmatch::grammar::detail {

// ASCII letters and digits, and the bytes of `also`.
constexpr std::array<bool, 256> word_bytes_with(std::string_view also) {
  std::array<bool, 256> bytes{};
  for (int c = 0; c < 256; ++c)
    bytes[static_cast<std::size_t>(c)] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || also.find(static_cast<char>(c)) != std::string_view::npos;
  return bytes;
}

// names_trial_site's words (lower_trial_site_words.hpp): letters, digits and '_'.
inline constexpr std::array<bool, 256> kTrialSiteWordBytes = word_bytes_with("_");
// body_site_reaching's words (lower_body_site.cpp): letters, digits, '-' and '_'.
inline constexpr std::array<bool, 256> kBodySiteWordBytes = word_bytes_with("-_");

inline bool body_site_word_byte(char c) { return kBodySiteWordBytes[static_cast<unsigned char>(c)]; }

}  // namespace trialmatch::grammar::detail
